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
 * Counters that pause by themselves at a scheduled break: open, free (a visitor at the desk is
 * served to the end first; the counter pauses once free), of an agency that does not serve
 * through breaks, and not yet paused for this break (an officer back early stays open).
 */
export function scheduledPauses(venue: Venue, state: DayState, now: number): CounterState[] {
  const out: CounterState[] = [];
  const agencies = new Map(venue.agencies.map((a) => [a.id, a]));
  for (const c of venue.counters) {
    const agency = agencies.get(c.agencyId);
    const cs = state.counters.get(c.id);
    if (!agency || !cs || agency.serveThroughBreaks || cs.status !== 'open' || cs.ticketId) continue;
    const b = breakAt(venue, agency, now);
    if (!b || cs.autoBreak === b.key) continue;
    out.push({ ...cs, status: 'break', since: now, breakReason: b.reason, breakUntil: b.end, autoBreak: b.key });
  }
  return out;
}
