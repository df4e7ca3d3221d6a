import type { DayHours, Service, Venue, WeeklyHours } from '../contract/venue.js';
import { addDays, localDay, localTime, weekdayOfDay, zonedTime } from '../contract/time.js';

export interface HoursVerdict {
  open: boolean;
  reason: 'open' | 'before_hours' | 'after_hours' | 'closed_weekday';
  opensAt: number | null;
  hours: DayHours | null;
}

/** The hours that apply to a service: its own, else its agency's, else the building's. */
export function effectiveHours(venue: Venue, service: Service): WeeklyHours {
  const agency = venue.agencies.find((a) => a.id === service.agencyId);
  return service.hours ?? agency?.hours ?? venue.hours;
}

function hoursOn(week: WeeklyHours, day: string): DayHours | null {
  return week[weekdayOfDay(day)] ?? null;
}

/** Whether a ticket for the service can be taken at t (breaks do not stop ticket taking). */
export function ticketWindow(venue: Venue, service: Service, t: number): HoursVerdict {
  const tz = venue.timeZone;
  const week = effectiveHours(venue, service);
  const day = localDay(t, tz);
  const now = localTime(t, tz);
  const today = hoursOn(week, day);
  if (today && now >= today.open && now < (today.lastTicket ?? today.close)) {
    return { open: true, reason: 'open', opensAt: null, hours: today };
  }
  let opensAt: number | null = null;
  if (today && now < today.open) opensAt = zonedTime(day, today.open, tz);
  else {
    for (let i = 1; i <= 7 && opensAt === null; i++) {
      const d = addDays(day, i);
      const h = hoursOn(week, d);
      if (h) opensAt = zonedTime(d, h.open, tz);
    }
  }
  const reason = !today ? 'closed_weekday' : now < today.open ? 'before_hours' : 'after_hours';
  return { open: false, reason, opensAt, hours: today };
}

/** The first opening on a later day than `t`'s: when a service closed or full for today takes tickets again. */
export function nextDayOpening(venue: Venue, service: Service, t: number): number | null {
  const week = effectiveHours(venue, service);
  const day = localDay(t, venue.timeZone);
  for (let i = 1; i <= 7; i++) {
    const d = addDays(day, i);
    const h = hoursOn(week, d);
    if (h) return zonedTime(d, h.open, venue.timeZone);
  }
  return null;
}

/** Minutes of break time between two instants on the day's schedule (for estimates). */
export function breakMinutesBetween(venue: Venue, service: Service, from: number, to: number): number {
  const tz = venue.timeZone;
  const day = localDay(from, tz);
  const h = hoursOn(effectiveHours(venue, service), day);
  if (!h) return 0;
  let ms = 0;
  for (const b of h.breaks) {
    const s = Math.max(from, zonedTime(day, b.start, tz));
    const e = Math.min(to, zonedTime(day, b.end, tz));
    if (e > s) ms += e - s;
  }
  return ms / 60000;
}
