import { zonedTime } from '../contract/time.js';

const MINUTES_PER_DAY = 24 * 60;

/**
 * Minutes either side over which each minute of the usual day is averaged: a quarter of an hour in
 * all, the shortest stretch today's rate is measured over (one day's tickets minute by minute are
 * mostly chance).
 */
const SMOOTH_MINUTES = 7;

/**
 * How arrivals usually spread over the day, from the tickets of recent days: the building's
 * tickets per minute of the day (all services together, so one day already gives a usable shape),
 * averaged over the days and over the quarter of an hour around each minute. Null without history.
 */
export function arrivalProfile(days: readonly { day: string; issuedAt: readonly number[] }[], timeZone: string): number[] | null {
  const used = days.filter((d) => d.issuedAt.length > 0);
  if (!used.length) return null;
  const perMinute = new Array<number>(MINUTES_PER_DAY).fill(0);
  for (const d of used) {
    const midnight = zonedTime(d.day, '00:00', timeZone);
    for (const at of d.issuedAt) {
      const m = Math.floor((at - midnight) / 60000);
      if (m >= 0 && m < MINUTES_PER_DAY) perMinute[m]! += 1 / used.length;
    }
  }
  const cum = [0];
  for (const x of perMinute) cum.push(cum[cum.length - 1]! + x);
  return perMinute.map((_, i) => {
    const from = Math.max(0, i - SMOOTH_MINUTES);
    const to = Math.min(MINUTES_PER_DAY, i + SMOOTH_MINUTES + 1);
    return (cum[to]! - cum[from]!) / (to - from);
  });
}

/**
 * Arrivals the usual day brings between two moments of `day` (fractional minutes pro rata),
 * from a profile of arrivals per minute of the day.
 */
export function profileBetween(profile: readonly number[], day: string, timeZone: string): (from: number, to: number) => number {
  const cum = new Array<number>(profile.length + 1).fill(0);
  profile.forEach((x, i) => (cum[i + 1] = cum[i]! + x));
  const midnight = zonedTime(day, '00:00', timeZone);
  const upTo = (t: number) => {
    const m = Math.min(profile.length, Math.max(0, (t - midnight) / 60000));
    const i = Math.floor(m);
    return cum[i]! + (i < profile.length ? (m - i) * profile[i]! : 0);
  };
  return (from, to) => (to <= from ? 0 : upTo(to) - upTo(from));
}
