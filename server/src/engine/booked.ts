import type { Ticket } from '../contract/domain.js';
import type { Service } from '../contract/venue.js';

/** Booked visitors whose slot has come, in slot order: only they may be called ahead of walk-ins. */
export function dueBooked(booked: readonly Ticket[], now: number): Ticket[] {
  return booked.filter((t) => (t.booking?.slotAt ?? 0) <= now);
}

/**
 * Whether the next call takes a booked visitor: yes while a due one waits, up to `ratio` in a
 * row when walk-ins wait too, so a morning full of bookings never starves the walk-in line.
 */
export function bookedGoesNext(dueCount: number, walkInsWaiting: number, streak: number, ratio: number): boolean {
  return dueCount > 0 && (walkInsWaiting === 0 || streak < ratio);
}

/** Walk-in tickets a service may still give today: its quota minus the share kept for bookings. */
export function walkInQuota(service: Service): number | null {
  if (service.dailyQuota === null) return null;
  const share = service.booking?.onlineShare ?? 0;
  return service.dailyQuota - Math.floor(service.dailyQuota * share);
}

/** The predicted call order: due booked visitors interleaved with the walk-in order, later bookings last. */
export function withBooked(walkIns: Ticket[], booked: readonly Ticket[], streak: number, ratio: number, now: number): Ticket[] {
  if (!booked.length) return walkIns;
  const due = dueBooked(booked, now);
  const later = booked.filter((t) => !due.includes(t));
  const out: Ticket[] = [];
  let b = 0;
  let w = 0;
  let s = streak;
  while (b < due.length || w < walkIns.length) {
    if (bookedGoesNext(due.length - b, walkIns.length - w, s, ratio)) {
      out.push(due[b++]!);
      if (w < walkIns.length) s++;
    } else {
      out.push(walkIns[w++]!);
      s = 0;
    }
  }
  return [...out, ...later];
}
