import { randomBytes, randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import { AntreError } from '../contract/errors.js';
import type { Ticket } from '../contract/domain.js';
import { addDays, localDay, localTime } from '../contract/time.js';
import { bookingSettings, messageSettings, type Service } from '../contract/venue.js';
import { maskPhone, normalizeIdPhone } from '../messaging/channel.js';
import type { Messaging } from '../messaging/messaging.js';
import type { QueueService } from '../queue/queue-service.js';
import { DurableList } from '../store/durable-list.js';
import { slotsOf } from './slots.js';
import type { BookingView, Slot } from '../contract/booking.js';

/** One online booking: a place in a slot of a service on a day, kept until a few days after it. */
export interface Booking {
  id: string;
  /** What the visitor types or scans at the kiosk. */
  code: string;
  /** Secret of the cancel/move link in the confirmation. */
  manageToken: string;
  serviceId: string;
  day: string;
  time: string;
  slotAt: number;
  name: string;
  phone: string;
  status: 'active' | 'cancelled' | 'checked_in';
  createdAt: number;
  consentAt: number;
  ticketId: string | null;
  reminderSent: boolean;
}

/** Codes avoid letters and digits a visitor could misread (0/O, 1/I, 5/S, 8/B, 2/Z). */
const CODE_ALPHABET = 'ACDEFHJKLMNPRTUVWXY34679';

/** Bookings: the slots, the rules (quota share, one per number per service per day, opening N days ahead), check-in. */
export class BookingService {
  readonly store: DurableList<Booking>;

  constructor(
    dir: string,
    private readonly queue: QueueService,
    private readonly publicUrl: () => string,
    private readonly log: Logger,
    private readonly messaging?: Messaging,
  ) {
    this.store = new DurableList<Booking>(
      dir,
      'bookings.json',
      (b) => typeof b === 'object' && b !== null && typeof (b as Booking).code === 'string' && typeof (b as Booking).phone === 'string',
    );
    queue.upcomingBookings = (serviceId) => this.upcoming(serviceId, queue.clock());
  }

  /** Today's active bookings' slot times per service, rebuilt only when the list or the day changes (estimates ask per forecast). */
  private upcomingIndex: { items: readonly Booking[]; day: string; slots: Map<string, number[]> } | null = null;

  /** Slot times of today's bookings of a service that may still check in: the walk-in estimate counts them. */
  private upcoming(serviceId: string, now: number): number[] {
    const items = this.store.all();
    const day = this.queue.day;
    if (this.upcomingIndex?.items !== items || this.upcomingIndex.day !== day) {
      const slots = new Map<string, number[]>();
      for (const b of items) {
        if (b.status !== 'active' || b.day !== day) continue;
        const list = slots.get(b.serviceId);
        if (list) list.push(b.slotAt);
        else slots.set(b.serviceId, [b.slotAt]);
      }
      this.upcomingIndex = { items, day, slots };
    }
    const lateMs = bookingSettings(this.venue.settings).checkInAfterMinutes * 60_000;
    return (this.upcomingIndex.slots.get(serviceId) ?? []).filter((slotAt) => slotAt + lateMs > now);
  }

  async load(): Promise<void> {
    await this.store.load();
  }

  private get venue() {
    return this.queue.venue;
  }

  bookableService(id: string): Service {
    const s = this.venue.services.find((x) => x.id === id);
    if (!s) throw new AntreError('SERVICE_NOT_FOUND', { serviceId: id });
    if (!s.booking || s.booking.onlineShare <= 0) throw new AntreError('BOOKING_CLOSED', { serviceId: id, reason: 'not bookable' });
    return s;
  }

  /** The days open for booking: today and the next openDaysAhead - 1. */
  openDays(now: number): string[] {
    const today = localDay(now, this.venue.timeZone);
    return Array.from({ length: bookingSettings(this.venue.settings).openDaysAhead }, (_, i) => addDays(today, i));
  }

  private activeOn(serviceId: string, day: string): Booking[] {
    return this.store.all().filter((b) => b.serviceId === serviceId && b.day === day && b.status !== 'cancelled');
  }

  slots(serviceId: string, day: string, now: number): Slot[] {
    const s = this.bookableService(serviceId);
    if (!this.openDays(now).includes(day)) throw new AntreError('BOOKING_CLOSED', { day });
    if (this.queue.day === day && this.queue.engine.serviceState(serviceId).closedToday) return [];
    return slotsOf(
      this.venue,
      s,
      day,
      this.activeOn(serviceId, day).map((b) => b.time),
      now,
    );
  }

  /** Takes a place; the one-per-number rule and the slot's room are checked again inside the write. */
  async create(input: { serviceId: string; day: string; time: string; name: string; phone: string }, now: number): Promise<Booking> {
    const phone = normalizeIdPhone(input.phone);
    if (!phone) throw new AntreError('PHONE_INVALID');
    const slot = this.slots(input.serviceId, input.day, now).find((x) => x.time === input.time);
    if (!slot) throw new AntreError('BOOKING_CLOSED', { time: input.time });
    const booking = await this.store.change((items) => {
      this.assertRoom(items, input.serviceId, input.day, input.time, phone, slot, null);
      const b: Booking = {
        id: randomBytes(9).toString('base64url'),
        code: this.newCode(items),
        manageToken: randomBytes(18).toString('base64url'),
        serviceId: input.serviceId,
        day: input.day,
        time: input.time,
        slotAt: slot.at,
        name: input.name.trim(),
        phone,
        status: 'active',
        createdAt: now,
        consentAt: now,
        ticketId: null,
        reminderSent: false,
      };
      return { items: [...items, b], value: b };
    });
    this.log.info({ code: booking.code, serviceId: booking.serviceId, day: booking.day, time: booking.time }, 'booking made');
    this.notify(booking, 'booking_confirmed');
    return booking;
  }

  private assertRoom(items: Booking[], serviceId: string, day: string, time: string, phone: string, slot: Slot, except: string | null): void {
    const same = items.filter((b) => b.serviceId === serviceId && b.day === day && b.status !== 'cancelled' && b.id !== except);
    if (same.some((b) => b.phone === phone)) throw new AntreError('BOOKING_EXISTS');
    if (same.filter((b) => b.time === time).length >= slot.capacity || slot.left <= 0) throw new AntreError('SLOT_FULL', { time });
  }

  private newCode(items: Booking[]): string {
    const taken = new Set(items.filter((b) => b.status === 'active').map((b) => b.code));
    for (;;) {
      const code = Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
      if (!taken.has(code)) return code;
    }
  }

  byToken(token: string): Booking {
    const b = /^[A-Za-z0-9_-]{24}$/.test(token) ? this.store.all().find((x) => x.manageToken === token) : undefined;
    if (!b) throw new AntreError('BOOKING_NOT_FOUND');
    return b;
  }

  async cancel(token: string): Promise<Booking> {
    const b = this.byToken(token);
    if (b.status !== 'active') throw new AntreError('BOOKING_NOT_ACTIVE', { status: b.status });
    return this.store.change((items) => {
      const next = { ...b, status: 'cancelled' as const };
      return { items: items.map((x) => (x.id === b.id ? next : x)), value: next };
    });
  }

  async move(token: string, to: { day: string; time: string }, now: number): Promise<Booking> {
    const b = this.byToken(token);
    if (b.status !== 'active') throw new AntreError('BOOKING_NOT_ACTIVE', { status: b.status });
    const slot = this.slots(b.serviceId, to.day, now).find((x) => x.time === to.time);
    if (!slot) throw new AntreError('BOOKING_CLOSED', { time: to.time });
    const moved = await this.store.change((items) => {
      this.assertRoom(items, b.serviceId, to.day, to.time, b.phone, { ...slot, left: slot.left + (b.day === to.day && b.time === to.time ? 1 : 0) }, b.id);
      const next: Booking = { ...b, day: to.day, time: to.time, slotAt: slot.at, reminderSent: false };
      return { items: items.map((x) => (x.id === b.id ? next : x)), value: next };
    });
    this.notify(moved, 'booking_confirmed');
    return moved;
  }

  /** The check-in window of a booking: opens before the slot, closes a little after its start. */
  window(b: Pick<Booking, 'slotAt'>): { opensAt: number; closesAt: number } {
    const s = bookingSettings(this.venue.settings);
    return { opensAt: b.slotAt - s.checkInBeforeMinutes * 60_000, closesAt: b.slotAt + s.checkInAfterMinutes * 60_000 };
  }

  /**
   * The visitor shows the code at the kiosk (or an officer types it): inside the window it becomes
   * a ticket in the booked line; too early says when to come back; too late says, honestly, that
   * the place is gone and a walk-in ticket is the way.
   */
  async checkIn(codeInput: string, source: Ticket['source'], now: number): Promise<{ ticket: Ticket; booking: Booking }> {
    const code = codeInput
      .trim()
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '');
    const b = this.store.all().find((x) => x.code === code && x.status !== 'cancelled');
    if (!b) throw new AntreError('BOOKING_NOT_FOUND');
    if (b.status !== 'active') throw new AntreError('BOOKING_NOT_ACTIVE', { status: b.status });
    const w = this.window(b);
    if (b.day !== localDay(now, this.venue.timeZone)) throw new AntreError('BOOKING_OTHER_DAY', { day: b.day, time: b.time });
    if (now < w.opensAt)
      throw new AntreError(
        'CHECKIN_TOO_EARLY',
        { opensAt: w.opensAt, time: b.time },
        { id: `Check-in dibuka pukul ${localTime(w.opensAt, this.venue.timeZone)}.`, en: `Check-in opens at ${localTime(w.opensAt, this.venue.timeZone)}.` },
      );
    if (now > w.closesAt) throw new AntreError('CHECKIN_TOO_LATE', { closedAt: w.closesAt, time: b.time });
    // A ticket already made for this code (a crash between the two writes) is given again, not twice.
    const existing = [...this.queue.engine.state.tickets.values()].find((t) => t.booking?.code === b.code);
    const ticket = existing ?? (await this.queue.run((e, at) => e.issue({ serviceId: b.serviceId, source, booking: { code: b.code, slotAt: b.slotAt } }, at)));
    const booking = await this.store.change((items) => {
      const next = { ...b, status: 'checked_in' as const, ticketId: ticket.id };
      return { items: items.map((x) => (x.id === b.id ? next : x)), value: next };
    });
    await this.messaging
      ?.addBookedContact(ticket, b.phone, b.consentAt)
      .catch((err: unknown) => this.log.error({ err }, 'booking: the number could not follow the ticket'));
    this.log.info({ code: b.code, ticket: ticket.number }, 'booking checked in');
    return { ticket, booking };
  }

  view(b: Booking): BookingView {
    const s = this.venue.services.find((x) => x.id === b.serviceId);
    return {
      code: b.code,
      serviceId: b.serviceId,
      agencyId: s?.agencyId ?? '',
      day: b.day,
      time: b.time,
      slotAt: b.slotAt,
      name: b.name,
      phone: maskPhone(b.phone),
      status: b.status,
      ticketId: b.ticketId,
      manageUrl: this.manageUrl(b),
      checkIn: this.window(b),
    };
  }

  manageUrl(b: Booking): string {
    return `${this.publicUrl().replace(/\/$/, '')}/booking/m/${b.manageToken}`;
  }

  private notify(b: Booking, kind: 'booking_confirmed' | 'booking_reminder'): void {
    const m = this.messaging;
    if (!m?.enabled) return;
    const service = this.venue.services.find((x) => x.id === b.serviceId)?.name ?? b.serviceId;
    const values = { code: b.code, service, date: formatDay(b.day), time: b.time, link: this.manageUrl(b) };
    m.messenger.send([m.messenger.message(kind, b.phone, values, { bookingId: b.id })]);
  }

  /** Reminders the day before (from 16:00), and the numbers of visits past the retention deleted. */
  async housekeeping(now: number): Promise<void> {
    const tz = this.venue.timeZone;
    const today = localDay(now, tz);
    const tomorrow = addDays(today, 1);
    const due = localTime(now, tz) >= '16:00' ? this.store.all().filter((b) => b.day === tomorrow && b.status === 'active' && !b.reminderSent) : [];
    const oldest = addDays(today, -messageSettings(this.venue.settings).keepNumbersDays);
    const gone = this.store.all().filter((b) => b.day < oldest);
    if (!due.length && !gone.length) return;
    const dueIds = new Set(due.map((b) => b.id));
    const goneIds = new Set(gone.map((b) => b.id));
    await this.store.change((items) => ({
      items: items.filter((b) => !goneIds.has(b.id)).map((b) => (dueIds.has(b.id) ? { ...b, reminderSent: true } : b)),
      value: null,
    }));
    for (const b of due) this.notify(b, 'booking_reminder');
    if (gone.length) await this.messaging?.outbox.purge({ bookingIds: goneIds });
  }
}

/** 2026-11-25 as 25-11-2026, as dates are written in Indonesia. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}-${m}-${y}`;
}
