/**
 * What a display remembers across power cuts: its token (it pairs once and never logs out)
 * and the last device and venue it saw, so it can draw its board before the server answers.
 */
const PREFIX = 'antre.display.';

/** Reads a remembered value; a broken or missing entry is just absent. */
export function recall<T>(name: string): T | null {
  try {
    const raw = localStorage.getItem(PREFIX + name);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

/** Remembers a value; a full or disabled storage only costs the cache. */
export function remember(name: string, value: unknown): void {
  try {
    localStorage.setItem(PREFIX + name, JSON.stringify(value));
  } catch {
    /* storage unavailable: the board still works, it just re-fetches after a reboot */
  }
}
