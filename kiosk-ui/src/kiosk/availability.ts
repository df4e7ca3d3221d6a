import { addDays, localDay, localTime, weekdayOfDay, zonedTime } from '@antre/server/contract';
import type { DayHours, QueueInfo, Service, Weekday, WeeklyHours } from '@antre/server/contract';
import type { PublicVenue } from '../shared/venue-types';

/** The hours that govern a service, in the same order the server applies them. */
export function hoursOf(venue: PublicVenue, service: Service): WeeklyHours {
  const agency = venue.agencies.find((a) => a.id === service.agencyId);
  return service.hours ?? agency?.hours ?? venue.hours;
}

/** A service's hours on the local day of `now` (null: closed that weekday). */
export function hoursOn(venue: PublicVenue, service: Service, now: number): DayHours | null {
  return hoursOf(venue, service)[weekdayOfDay(localDay(now, venue.timeZone))] ?? null;
}

/** First opening after the day of `now`: when a service full or closed today takes tickets again. */
export function nextDayOpening(venue: PublicVenue, service: Service, now: number): number | null {
  const week = hoursOf(venue, service);
  const today = localDay(now, venue.timeZone);
  for (let i = 1; i <= 7; i++) {
    const d = addDays(today, i);
    const h = week[weekdayOfDay(d)];
    if (h) return zonedTime(d, h.open, venue.timeZone);
  }
  return null;
}

/**
 * When a service that cannot be taken now opens again, so the kiosk can say so honestly:
 * the server's opensAt when it has one, else the next day's opening (quota, closed for the day);
 * null when nobody can know (no counter open yet).
 */
export function reopensAt(venue: PublicVenue, service: Service, q: QueueInfo, now: number): number | null {
  if (q.available) return null;
  if (q.opensAt !== null) return q.opensAt;
  if (q.reason === 'no_counter') return null;
  return nextDayOpening(venue, service, now);
}

export type When = { kind: 'today'; time: string } | { kind: 'tomorrow'; time: string } | { kind: 'weekday'; weekday: Weekday; time: string };

/** Puts a future instant in words a visitor reads at a glance: today, tomorrow or a weekday. */
export function describeWhen(t: number, now: number, tz: string): When {
  const time = localTime(t, tz);
  const day = localDay(t, tz);
  const today = localDay(now, tz);
  if (day === today) return { kind: 'today', time };
  if (day === addDays(today, 1)) return { kind: 'tomorrow', time };
  return { kind: 'weekday', weekday: weekdayOfDay(day), time };
}

/** Whether an agency has any service a visitor could take right now. */
export function agencyOpen(serviceIds: string[], queues: Map<string, QueueInfo>): boolean {
  return serviceIds.some((id) => queues.get(id)?.available);
}

/**
 * Monday-first week. The contract's WEEKDAYS lives beside its zod schemas; importing it would
 * pull zod into the kiosk bundle, so the order is spelled here and type-checked against Weekday.
 */
const WEEK_ORDER = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const satisfies readonly Weekday[];

export interface HoursSpan {
  from: Weekday;
  to: Weekday;
  open: string;
  close: string;
}

/** The week in a few spans ("Mon–Thu 08:00–15:00, Fri 08:00–15:30"): days in a row with equal hours merge. */
export function weekSummary(week: WeeklyHours): HoursSpan[] {
  const spans: HoursSpan[] = [];
  let prev: Weekday | null = null;
  for (const d of WEEK_ORDER) {
    const h = week[d];
    const last = spans[spans.length - 1];
    if (h && last && last.to === prev && last.open === h.open && last.close === h.close) last.to = d;
    else if (h) spans.push({ from: d, to: d, open: h.open, close: h.close });
    prev = d;
  }
  return spans;
}
