import type { Service, Venue } from '../contract/venue.js';
import type { Slot } from '../contract/booking.js';
import { weekdayOfDay, zonedTime } from '../contract/time.js';
import { effectiveHours } from '../engine/hours.js';

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toHhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Visitors one slot holds in all: configured, or the counters serving it times the visits that fit. */
export function slotCapacity(venue: Venue, service: Service): number {
  const b = service.booking;
  if (!b) return 0;
  if (b.capacityPerSlot) return b.capacityPerSlot;
  const counters = venue.counters.filter((c) => c.serviceIds.includes(service.id)).length;
  return Math.max(1, Math.floor((counters * b.slotMinutes) / service.targetMinutes));
}

/** Online places of the whole day: the online share of the daily quota (null: no daily cap). */
export function onlineDailyQuota(service: Service): number | null {
  if (service.dailyQuota === null || !service.booking) return null;
  return Math.floor(service.dailyQuota * service.booking.onlineShare);
}

/**
 * A service's slots on a day from its hours: every `slotMinutes` from opening to the last ticket,
 * none during a break, none already begun; each with its online share of the slot's capacity,
 * and none left once the day's online quota is used. `bookedAt` lists the active bookings' times.
 */
export function slotsOf(venue: Venue, service: Service, day: string, bookedAt: string[], now: number): Slot[] {
  const b = service.booking;
  const hours = effectiveHours(venue, service)[weekdayOfDay(day)];
  if (!b || !hours) return [];
  // Rounded up: a one-visitor slot of a service with any online share still takes a booking (the day's online quota bounds the rest).
  const online = Math.ceil(slotCapacity(venue, service) * b.onlineShare);
  const daily = onlineDailyQuota(service);
  const dayFull = daily !== null && bookedAt.length >= daily;
  const counts = new Map<string, number>();
  for (const t of bookedAt) counts.set(t, (counts.get(t) ?? 0) + 1);
  const out: Slot[] = [];
  const end = toMinutes(hours.lastTicket ?? hours.close);
  for (let m = toMinutes(hours.open); m < end; m += b.slotMinutes) {
    const time = toHhmm(m);
    if (hours.breaks.some((br) => time >= br.start && time < br.end)) continue;
    const at = zonedTime(day, time, venue.timeZone);
    if (at <= now) continue;
    const left = dayFull ? 0 : Math.max(0, online - (counts.get(time) ?? 0));
    out.push({ time, at, capacity: online, left });
  }
  return out;
}
