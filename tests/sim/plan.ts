import { localTime, PRIORITY_CATEGORIES, weekdayOfDay, zonedTime, type DayHours, type PriorityCategory, type Venue } from '@antre/server/contract';
import { effectiveHours } from '../../server/src/engine/hours.ts';
import { deskBreaks } from '../../server/src/engine/breaks.ts';
import type { Rng } from './rng.ts';

/** Visitors a normal day brings to each agency's booth (Gedung Simpurusiang, scale 1). */
const DAILY_VISITORS: Record<string, number> = {
  dukcapil: 170,
  dpmptsp: 28,
  disnakertrans: 18,
  'bpjs-kesehatan': 42,
  'bpjs-ketenagakerjaan': 18,
  'bank-sulselbar': 32,
  samsat: 38,
  polres: 40,
  kejari: 14,
  kemenag: 10,
  taspen: 10,
  pln: 14,
  imigrasi: 30,
  bpn: 18,
  kpp: 12,
  baznas: 5,
  pdam: 14,
  pos: 10,
};

/**
 * Arrivals through the day, relative weight per half hour from 07:30: a queue at the door before
 * opening, the morning peak, a dip over the midday break, a smaller afternoon.
 */
const HALF_HOURS = [
  '07:30',
  '08:00',
  '08:30',
  '09:00',
  '09:30',
  '10:00',
  '10:30',
  '11:00',
  '11:30',
  '12:00',
  '12:30',
  '13:00',
  '13:30',
  '14:00',
  '14:30',
  '15:00',
];
const PROFILE = [0.7, 1.6, 2.1, 2.3, 2.0, 1.7, 1.4, 1.0, 0.6, 0.3, 0.5, 0.9, 0.8, 0.6, 0.4, 0.1];

/** Where an officer sends a visitor on, and how often, after serving them. */
const TRANSFERS: Record<string, { to: string; share: number }> = {
  'dukcapil-kk': { to: 'bpjs-kes-perubahan-data', share: 0.12 },
  'dukcapil-ktp-el': { to: 'bpjs-kes-perubahan-data', share: 0.04 },
  'dpmptsp-pbg': { to: 'bpn-pengecekan', share: 0.2 },
  'samsat-pajak-tahunan': { to: 'bank-sulselbar-pajak-daerah', share: 0.08 },
};

export interface Visitor {
  n: number;
  at: number;
  serviceId: string;
  agencyId: string;
  floor: number;
  priority: PriorityCategory | null;
  /** False: takes a ticket and is gone when called (a no-show). */
  shows: boolean;
  /** From the call to standing at the counter. */
  walkMs: number;
  serviceMs: number;
  transferTo: string | null;
  /** Forgot a document: the officer holds the ticket; back after this many ms, or never (null). */
  hold: { backAfterMs: number | null } | null;
  /** Booked online the day before for this slot (HH:MM), arriving at `at` (a few late ones miss the window). */
  booking: { time: string; phone: string } | null;
}

/** Share of the visitors of a bookable service who book online. */
export const BOOKING_SHARE = 0.3;

export interface CounterPlan {
  counterId: string;
  floor: number;
  serviceIds: string[];
  hours: DayHours;
  /** Minutes after opening the officer opens the counter. */
  openLateMin: number;
  /** Minutes after the break ends the officer is back. */
  backLateMin: number;
}

export interface DayPlan {
  day: string;
  visitors: Visitor[];
  counters: CounterPlan[];
  /** An agency closed for the day by the supervisor, and when. */
  closed: { agencyId: string; at: number; reason: string } | null;
  /** The officer who comes back half an hour late from the break: the hall's old complaint. */
  lateCounterId: string;
  start: number;
  end: number;
}

/** A service day of the venue from a seed: who comes when for what, and how the officers behave. */
export function planDay(venue: Venue, day: string, rng: Rng, scale: number, closedAgency: string | null): DayPlan {
  const tz = venue.timeZone;
  const at = (hhmm: string) => zonedTime(day, hhmm, tz);
  const visitors: Visitor[] = [];
  const arrivals = rng.fork('arrivals');
  for (const agency of venue.agencies) {
    const services = venue.services.filter((s) => s.agencyId === agency.id);
    const mean = (DAILY_VISITORS[agency.id] ?? 10) * scale;
    const count = Math.max(0, Math.round(mean * arrivals.between(0.85, 1.15)));
    for (let i = 0; i < count; i++) {
      const slot = arrivals.weighted(PROFILE.map((weight, k) => ({ item: k, weight })));
      const t = at(HALF_HOURS[slot]!) + Math.floor(arrivals.next() * 30 * 60_000);
      // The first services of an agency are its everyday ones.
      const service = arrivals.weighted(services.map((s, k) => ({ item: s, weight: 1 / (k + 1) })));
      const transfer = TRANSFERS[service.id];
      visitors.push({
        n: 0,
        at: Math.floor(t / 1000) * 1000,
        serviceId: service.id,
        agencyId: agency.id,
        floor: agency.floor,
        priority: arrivals.chance(0.08) ? arrivals.pick(PRIORITY_CATEGORIES) : null,
        shows: arrivals.chance(0.95),
        walkMs: Math.round(arrivals.between(15, 90)) * 1000,
        serviceMs: Math.round(Math.min(4 * (service.targetMinutes ?? 8), Math.max(1, arrivals.lognormal(service.targetMinutes ?? 8, 0.5))) * 60) * 1000,
        transferTo: transfer && arrivals.chance(transfer.share) ? transfer.to : null,
        hold: arrivals.chance(0.04) ? { backAfterMs: arrivals.chance(0.75) ? arrivals.int(8, 30) * 60_000 : null } : null,
        booking: null,
      });
    }
  }
  planBookings(venue, day, visitors, rng.fork('bookings'));
  visitors.sort((a, b) => a.at - b.at || a.serviceId.localeCompare(b.serviceId));
  visitors.forEach((v, i) => (v.n = i + 1));

  const officers = rng.fork('officers');
  const counters: CounterPlan[] = [];
  for (const c of venue.counters) {
    const service = venue.services.find((s) => s.id === c.serviceIds[0])!;
    const open = effectiveHours(venue, service)[weekdayOfDay(day)];
    if (!open) continue;
    // The officer takes the desk's breaks as the server pauses it: its turn, where the agency serves through breaks in shifts.
    const agency = venue.agencies.find((a) => a.id === c.agencyId)!;
    const hours = {
      ...open,
      breaks: deskBreaks(venue, agency, c.id, day).map((b) => ({ start: localTime(b.start, tz), end: localTime(b.end, tz), reason: b.reason })),
    };
    counters.push({
      counterId: c.id,
      floor: c.floor,
      serviceIds: c.serviceIds,
      hours,
      openLateMin: Math.round(officers.exp(4)),
      backLateMin: Math.round(officers.exp(2)),
    });
  }
  // The late one works alone for a busy agency: visitors pile up and nobody is calling them.
  const alone = counters.filter((c) => c.hours.breaks.length > 0 && c.serviceIds.every((s) => !counters.some((o) => o !== c && o.serviceIds.includes(s))));
  const busy = alone.filter((c) => (DAILY_VISITORS[venue.services.find((s) => s.id === c.serviceIds[0])!.agencyId] ?? 0) >= 30);
  const late = busy.length ? officers.pick(busy) : alone.length ? officers.pick(alone) : null;
  if (late) late.backLateMin = 35;
  const closed = closedAgency ? { agencyId: closedAgency, at: at('07:45'), reason: 'Petugas mengikuti rapat di kantor induk' } : null;
  return { day, visitors, counters, closed, lateCounterId: late?.counterId ?? '', start: at('07:30'), end: at('16:00') };
}

export function hoursOf(day: string, hhmm: string, venue: Venue): number {
  return zonedTime(day, hhmm, venue.timeZone);
}

/**
 * A seeded share of the visitors of bookable services booked a slot: the slot after the time
 * they would have come; most arrive up to 25 minutes early, a few 20 to 30 minutes late (past
 * the check-in window, they take a walk-in ticket).
 */
function planBookings(venue: Venue, day: string, visitors: Visitor[], rng: Rng): void {
  let phone = 0;
  for (const v of visitors) {
    const s = venue.services.find((x) => x.id === v.serviceId);
    if (!s?.booking || !rng.chance(BOOKING_SHARE)) continue;
    const step = s.booking.slotMinutes * 60_000;
    const opens = zonedTime(day, effectiveHours(venue, s)[weekdayOfDay(day)]?.open ?? '08:00', venue.timeZone);
    const slotAt = opens + Math.ceil(Math.max(0, v.at - opens) / step) * step;
    const time = localTime(slotAt, venue.timeZone);
    v.booking = { time, phone: `0812${String(++phone).padStart(8, '0')}` };
    v.at = rng.chance(0.08) ? slotAt + rng.int(20, 30) * 60_000 : slotAt - rng.int(0, 25) * 60_000;
  }
}
