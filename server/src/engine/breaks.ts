import type { CounterState } from '../contract/domain.js';
import type { Agency, Venue } from '../contract/venue.js';
import { localDay, weekdayOfDay, zonedTime } from '../contract/time.js';
import type { DayState } from './state.js';

/** A scheduled break of the building (or of one agency's own hours) as instants of one day. */
export interface ScheduledBreak {
  /** Day and start, "2026-11-27T11:30": the same break is paused for once. */
  key: string;
  start: number;
  end: number;
  reason: string;
}

/** The breaks of an agency's counters on a day: its own hours', else the building's. */
export function agencyBreaks(venue: Venue, agency: Agency, day: string): ScheduledBreak[] {
  const today = (agency.hours ?? venue.hours)[weekdayOfDay(day)];
  if (!today) return [];
  return today.breaks.map((b) => ({
    key: `${day}T${b.start}`,
    start: zonedTime(day, b.start, venue.timeZone),
    end: zonedTime(day, b.end, venue.timeZone),
    reason: b.reason ?? 'Istirahat',
  }));
}

/** The scheduled break an agency is in at `now`, if any. */
export function breakAt(venue: Venue, agency: Agency, now: number): ScheduledBreak | null {
  return agencyBreaks(venue, agency, localDay(now, venue.timeZone)).find((b) => now >= b.start && now < b.end) ?? null;
}

/**
 * The breaks one desk takes on a day. An agency that serves through breaks does so in shifts:
 * each break is cut into as many equal turns as the agency has desks, taken in the order the
 * venue lists them (with two desks, the first takes the first half, the second the second), so
 * the gerai never stands empty; a gerai of one desk serves through. Every other agency's desks
 * take the whole break together.
 */
export function deskBreaks(venue: Venue, agency: Agency, counterId: string, day: string): ScheduledBreak[] {
  const all = agencyBreaks(venue, agency, day);
  if (!agency.serveThroughBreaks) return all;
  const desks = venue.counters.filter((c) => c.agencyId === agency.id);
  const k = desks.findIndex((c) => c.id === counterId);
  if (desks.length < 2 || k < 0) return [];
  return all.map((b) => {
    const turn = (b.end - b.start) / desks.length;
    // Whole minutes, so the boards' "until" reads as a time of day.
    const start = b.start + Math.round((k * turn) / 60_000) * 60_000;
    const end = k === desks.length - 1 ? b.end : b.start + Math.round(((k + 1) * turn) / 60_000) * 60_000;
    return { key: `${b.key}#${k + 1}`, start, end, reason: b.reason };
  });
}

/** The scheduled break a desk is in at `now`, if any (its turn, for an agency serving through breaks). */
export function deskBreakAt(venue: Venue, agency: Agency, counterId: string, now: number): ScheduledBreak | null {
  return deskBreaks(venue, agency, counterId, localDay(now, venue.timeZone)).find((b) => now >= b.start && now < b.end) ?? null;
}

/**
 * Counters that pause by themselves at a scheduled break: open, free (a visitor at the desk is
 * served to the end first; the counter pauses once free), not yet paused for this break (an
 * officer back early stays open). A desk of an agency that serves through breaks pauses in its
 * own turn (deskBreaks).
 */
export function scheduledPauses(venue: Venue, state: DayState, now: number): CounterState[] {
  const out: CounterState[] = [];
  const agencies = new Map(venue.agencies.map((a) => [a.id, a]));
  for (const c of venue.counters) {
    const agency = agencies.get(c.agencyId);
    const cs = state.counters.get(c.id);
    if (!agency || !cs || cs.status !== 'open' || cs.ticketId) continue;
    const b = deskBreakAt(venue, agency, c.id, now);
    if (!b || cs.autoBreak === b.key) continue;
    out.push({ ...cs, status: 'break', since: now, breakReason: b.reason, breakUntil: b.end, autoBreak: b.key });
  }
  return out;
}
