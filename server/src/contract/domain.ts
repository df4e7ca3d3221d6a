import type { LocalizedText } from './errors.js';

export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'held', 'done', 'no_show', 'transferred', 'expired'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const PRIORITY_CATEGORIES = ['lansia', 'disabilitas', 'ibu_hamil'] as const;
export type PriorityCategory = (typeof PRIORITY_CATEGORIES)[number];

export const PRIORITY_LABELS: Record<PriorityCategory, LocalizedText> = {
  lansia: { id: 'Lansia', en: 'Elderly' },
  disabilitas: { id: 'Disabilitas', en: 'Disability' },
  ibu_hamil: { id: 'Ibu hamil', en: 'Pregnant' },
};

export type TicketAction =
  | 'issued'
  | 'called'
  | 'recalled'
  | 'started'
  | 'finished'
  | 'no_show'
  | 'held'
  | 'resumed'
  | 'transferred_out'
  | 'transferred_in'
  | 'expired'
  | 'requeued'
  | 'no_show_undone';

export interface TicketEvent {
  at: number;
  action: TicketAction;
  counterId?: string;
  userId?: string;
  note?: string;
}

/** One visit to one service: the record the whole audit trail hangs on. */
export interface Ticket {
  id: string;
  day: string;
  number: string;
  seq: number;
  serviceId: string;
  agencyId: string;
  priority: PriorityCategory | null;
  status: TicketStatus;
  /** When this ticket was created (for a transfer: the moment of transfer). */
  issuedAt: number;
  /** Order in the queue: the visitor's first issue time, kept across transfers. */
  queuedAt: number;
  /** Only this counter may call it (transfer to a counter, resumed hold). */
  targetCounterId: string | null;
  counterId: string | null;
  userId: string | null;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  recalls: number;
  transferredFrom: string | null;
  transferredTo: string | null;
  note: string | null;
  source: { kind: 'kiosk' | 'staff' | 'api'; id: string };
  history: TicketEvent[];
  /** A visitor who booked online and checked in: called at the slot, ahead of walk-ins (settings.booking.bookedRatio). */
  booking?: { code: string; slotAt: number } | null;
}

/**
 * A ticket as staff see it. Supervisors and admins get the whole Ticket; an officer (or a desk's
 * call button) gets no userId, source or booking code, and only its own desks' events and notes.
 */
export type StaffTicket = Omit<Ticket, 'userId' | 'source' | 'booking'> & {
  userId?: string | null;
  source?: Ticket['source'];
  booking?: { code?: string; slotAt: number } | null;
};

export const COUNTER_STATUSES = ['open', 'break', 'closed'] as const;
export type CounterStatus = (typeof COUNTER_STATUSES)[number];

/** A counter's state for one service day. */
export interface CounterState {
  counterId: string;
  status: CounterStatus;
  ticketId: string | null;
  userId: string | null;
  breakReason: string | null;
  /** Epoch ms the officer said they would be back. */
  breakUntil: number | null;
  since: number;
  lastCallAt: number | null;
  /** The scheduled break (day and start, "2026-11-27T11:30") this counter last paused for by itself. */
  autoBreak?: string | null;
}

/** Per service per day: closed for the day, and the priority interleave state. */
export interface ServiceDayState {
  serviceId: string;
  closedToday: boolean;
  closedReason: string | null;
  /** Priority tickets called in a row while regular ones waited. */
  priorityStreak: number;
  issued: number;
  lastCallAt: number | null;
  /** Of `issued`, tickets from online bookings (they use the online share of the quota, not the walk-in one). */
  booked?: number;
  /** Booked visitors called in a row while walk-ins waited. */
  bookedStreak?: number;
}

export type AvailabilityReason =
  'open' | 'closed_today' | 'outside_hours' | 'before_hours' | 'after_hours' | 'closed_weekday' | 'quota_full' | 'no_counter' | 'on_break';

/** What a visitor needs to know about one service now. */
export interface QueueInfo {
  serviceId: string;
  agencyId: string;
  floor: number;
  waiting: number;
  waitingPriority: number;
  nowServing: { number: string; counterId: string }[];
  countersOpen: number;
  /** Minutes a visitor who takes a ticket now would wait; null when no estimate is possible. */
  estimatedWaitMinutes: number | null;
  quota: number | null;
  quotaLeft: number | null;
  available: boolean;
  reason: AvailabilityReason;
  /** What the supervisor gave as the reason for closing the service today. */
  closedReason: string | null;
  /** Epoch ms the service next opens, when closed now (or, on a break that stops tickets, when it ends). */
  opensAt: number | null;
  /**
   * Epoch ms service is expected to start, while no counter of it is open yet but the day's plan
   * has one (tickets are taken from opening time); null once a counter is open.
   */
  serviceStartsAt: number | null;
  /** False when a visitor taking a ticket now is not expected to be called before closing (the kiosk says so first). */
  servedBeforeClose: boolean | null;
  /** Epoch ms of the oldest waiting ticket's queue time. */
  oldestWaitingSince: number | null;
  lastCallAt: number | null;
  /** Priority visitors called in a row (the interleave rule's state): consoles list visitors in the order they will be called. */
  priorityStreak?: number;
}

/** A counter as every screen may see it (no staff names). */
export interface PublicCounter {
  counterId: string;
  status: CounterStatus;
  /** Since when the counter is in this status (epoch ms): time on break, time open. */
  since: number;
  breakReason: string | null;
  breakUntil: number | null;
  /** `booked`: the ticket came from an online booking, so the counter's screen can mark it as its call did. */
  ticket: { id: string; number: string; serviceId: string; status: TicketStatus; calledAt: number | null; booked: boolean } | null;
  lastCallAt: number | null;
}

/** One call announcement, for the boards and the speakers. */
export interface CallEvent {
  id: string;
  ticketId: string;
  number: string;
  serviceId: string;
  agencyId: string;
  counterId: string;
  floor: number;
  at: number;
  recall: number;
  /**
   * The called ticket came from an online booking (checked in, called at its slot). Boards mark it so
   * walk-ins see why a later number went first; not personal data, only that the number had an appointment.
   */
  booked: boolean;
}

/** A ticket as the visitor's page sees it. */
export interface TicketView {
  id: string;
  number: string;
  serviceId: string;
  agencyId: string;
  floor: number;
  status: TicketStatus;
  /** The priority category: given to the kiosk that issued it and to staff, never on the public ticket page. */
  priority: PriorityCategory | null;
  /** Whether the visitor is served as a priority visitor (what the public ticket page may show). */
  prioritized: boolean;
  issuedAt: number;
  ahead: number;
  estimatedWaitMinutes: number | null;
  /** As in QueueInfo: when service is expected to start, while no counter of it is open yet. */
  serviceStartsAt: number | null;
  servedBeforeClose: boolean | null;
  /** How the visit ended, once finished: what was missing, where the visitor was referred, why refused. */
  outcome: { outcome: 'selesai' | 'berkas_tidak_lengkap' | 'dirujuk' | 'ditolak'; missing: string[]; agencyId: string | null; reason: string | null } | null;
  counterId: string | null;
  calledAt: number | null;
  recalls: number;
  transferredTo: { id: string; number: string; serviceId: string } | null;
}

export interface PublicUser {
  id: string;
  username: string;
  name: string;
  role: Role;
  counterIds: string[];
  disabled: boolean;
}

export const ROLES = ['admin', 'supervisor', 'officer'] as const;
export type Role = (typeof ROLES)[number];

export const DEVICE_KINDS = ['kiosk', 'display', 'button', 'printer', 'survey'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export interface PublicDevice {
  id: string;
  kind: DeviceKind;
  name: string;
  /** Display: floor shown (null = all); kiosk: its floor. */
  floor: number | null;
  /** Kiosk config id (venue.kiosks), counter id (button), or counter or agency id (survey; null: its floor or the building) this device acts for. */
  ref: string | null;
  paired: boolean;
  createdAt: number;
  lastSeenAt: number | null;
  online: boolean;
}

/** The full picture a screen gets on connect and reconnect; deltas follow. */
export interface Snapshot {
  rev: number;
  day: string;
  now: number;
  venueVersion: number;
  counters: PublicCounter[];
  queues: QueueInfo[];
  recentCalls: CallEvent[];
  announcements: string[];
  /** Staff only: the live tickets (waiting, called, serving, held) of the day, as the staff member may see them. */
  tickets?: StaffTicket[];
  /** Ticket page only. */
  ticket?: TicketView;
}
