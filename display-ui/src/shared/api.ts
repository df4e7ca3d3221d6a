/** The few HTTP calls a display makes: pair, who am I, the venue. Errors keep the server's code. */
import type { ErrorBody, ErrorCode, LocalizedText, PublicDevice, Venue } from '@antre/server/contract';

/** The venue as GET /api/venue presents it: the configuration plus its version. */
export type PublicVenue = Venue & { version: number };

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: ErrorCode | 'NETWORK', readonly text: LocalizedText | null) {
    super(`${status} ${code}`);
  }
}

async function request<T>(path: string, init: { token?: string | null; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let res: Response;
  try {
    res = await fetch(path, { method: init.body !== undefined ? 'POST' : 'GET', headers, body: init.body !== undefined ? JSON.stringify(init.body) : undefined, cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'NETWORK', null);
  }
  const data = (await res.json().catch(() => null)) as (T & Partial<ErrorBody>) | null;
  if (!res.ok || data === null) throw new ApiError(res.status, data?.error?.code ?? 'NETWORK', data?.error?.message ?? null);
  return data;
}

/** Trades a one-time pairing code for the device's long-lived token. */
export function pairDevice(code: string): Promise<{ token: string; device: PublicDevice }> {
  return request('/api/devices/pair', { body: { code } });
}

/** The device behind a token: which floor this screen shows. */
export async function fetchDevice(token: string): Promise<PublicDevice> {
  const out = await request<{ device?: PublicDevice }>('/api/auth/me', { token });
  if (!out.device) throw new ApiError(403, 'FORBIDDEN', null);
  return out.device;
}

export function fetchVenue(): Promise<PublicVenue> {
  return request('/api/venue');
}

/** True when the server says the token is dead (revoked device, wiped data), not just unreachable. */
export function isAuthFailure(err: unknown): boolean {
  return err instanceof ApiError && (err.code === 'INVALID_TOKEN' || err.code === 'UNAUTHENTICATED');
}
