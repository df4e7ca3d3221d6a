import { localParts, localTime } from '@antre/server/contract';

const pad = (n: number) => String(n).padStart(2, '0');

/** A running duration as a desk clock shows it: 4:07, or 1:02:09 past an hour; never negative. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** Venue wall clock with seconds (WITA), for the console header. */
export function clockWithSeconds(t: number, tz: string): string {
  const p = localParts(t, tz);
  return `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** Venue wall clock HH:MM (WITA), e.g. a break's return time. */
export function clockTime(t: number, tz: string): string {
  return localTime(t, tz);
}

/** Mean of durations in whole minutes and seconds, or a dash when there is none. */
export function meanDuration(ms: number[]): string {
  if (ms.length === 0) return '–';
  return duration(ms.reduce((a, b) => a + b, 0) / ms.length);
}
