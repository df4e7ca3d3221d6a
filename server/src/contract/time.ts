import type { Weekday } from './venue.js';

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY_BY_SHORT: Record<string, Weekday> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: Weekday;
}

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** The parts last worked out per zone, by whole second: a busy server asks about the same second many times. */
const lastParts = new Map<string, { second: number; parts: Readonly<LocalParts> }>();

/** Wall-clock parts of an instant in a venue's time zone (the service day is local). */
export function localParts(t: number, tz: string): Readonly<LocalParts> {
  const second = Math.floor(t / 1000);
  const last = lastParts.get(tz);
  if (last && last.second === second) return last.parts;
  const out: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(t)) out[p.type] = p.value;
  const parts = Object.freeze({
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour),
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: WEEKDAY_BY_SHORT[out.weekday ?? 'Mon'] ?? 'mon',
  });
  lastParts.set(tz, { second, parts });
  return parts;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local service day (YYYY-MM-DD) an instant belongs to. */
export function localDay(t: number, tz: string): string {
  const p = localParts(t, tz);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** Local HH:MM of an instant, as signs and tickets print it. */
export function localTime(t: number, tz: string): string {
  const p = localParts(t, tz);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** Weekday of a YYYY-MM-DD date (calendar arithmetic, no zone needed). */
export function weekdayOfDay(day: string): Weekday {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const names: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
  return names[new Date(Date.UTC(y, m - 1, d)).getUTCDay()] ?? 'mon';
}

const zonedTimes = new Map<string, number>();

/** The instant a local wall-clock time of a day happens in a zone. */
export function zonedTime(day: string, hhmm: string, tz: string): number {
  // Pure, and asked for the same few times of the day over and over (opening, breaks, closing of
  // every service and desk for every estimate): kept, as the zone's rules do not change in a run.
  const key = `${tz} ${day} ${hhmm}`;
  const known = zonedTimes.get(key);
  if (known !== undefined) return known;
  if (zonedTimes.size >= 4096) zonedTimes.clear();
  const t = computeZonedTime(day, hhmm, tz);
  zonedTimes.set(key, t);
  return t;
}

function computeZonedTime(day: string, hhmm: string, tz: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [h, mi] = hhmm.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, m - 1, d, h, mi);
  let t = asUtc - offsetMs(asUtc, tz);
  t = asUtc - offsetMs(t, tz);
  return t;
}

/** Offset of a zone from UTC at an instant, in ms. */
export function offsetMs(t: number, tz: string): number {
  const p = localParts(t, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(t / 1000) * 1000;
}

/** The calendar day after a YYYY-MM-DD day. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Start of the next local day: when the service day rolls over. */
export function nextMidnight(t: number, tz: string): number {
  return zonedTime(addDays(localDay(t, tz), 1), '00:00', tz);
}
