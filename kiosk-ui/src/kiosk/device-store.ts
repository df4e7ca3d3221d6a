import type { PublicDevice } from '@antre/server/contract';

const TOKEN_KEY = 'antre.kiosk.token';
const DEVICE_KEY = 'antre.kiosk.device';

export interface StoredDevice {
  token: string;
  device: PublicDevice | null;
}

/** The kiosk's pairing survives reloads and reboots: it lives in the browser profile. */
export function loadDevice(): StoredDevice | null {
  try {
    const token = localStorage.getItem(TOKEN_KEY);
    if (!token) return null;
    const raw = localStorage.getItem(DEVICE_KEY);
    return { token, device: raw ? (JSON.parse(raw) as PublicDevice) : null };
  } catch {
    return null;
  }
}

/** Remembers the token the server gave at pairing, so pairing happens once. */
export function saveDevice(d: StoredDevice): void {
  localStorage.setItem(TOKEN_KEY, d.token);
  localStorage.setItem(DEVICE_KEY, JSON.stringify(d.device));
}

/** Forgets a token the server refused, so the pairing screen shows again. */
export function clearDevice(): void {
  localStorage.removeItem(TOKEN_KEY);
  localStorage.removeItem(DEVICE_KEY);
}
