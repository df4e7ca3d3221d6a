import type { CounterState, PublicCounter, StaffTicket, Ticket, TicketEvent } from '../contract/domain.js';
import type { Engine } from '../engine/engine.js';
import type { Venue } from '../contract/venue.js';
import type { Principal } from '../auth/auth-service.js';
import { can, countersOf } from '../policy/policy.js';

/**
 * Fields of a ticket a supervisor or admin sees: the whole audit record (who served, where it came
 * from, every event and note). Listed, not spread: a field added to Ticket stays on the server
 * until someone decides who may see it.
 */
export const LEAD_TICKET_FIELDS = [
  'id',
  'day',
  'number',
  'seq',
  'serviceId',
  'agencyId',
  'priority',
  'status',
  'issuedAt',
  'queuedAt',
  'targetCounterId',
  'counterId',
  'userId',
  'calledAt',
  'startedAt',
  'finishedAt',
  'recalls',
  'transferredFrom',
  'transferredTo',
  'note',
  'source',
  'history',
  'booking',
] as const satisfies readonly (keyof Ticket)[];

/**
 * Fields of a ticket an officer (or a desk's call button) sees: where it stands and what the desk
 * needs to serve it. Not who served it elsewhere (userId), which kiosk or colleague issued it
 * (source), or the booking code (a check-in credential); the audit trail and notes are cut down
 * (deskTicket).
 */
export const DESK_TICKET_FIELDS = [
  'id',
  'day',
  'number',
  'seq',
  'serviceId',
  'agencyId',
  'priority',
  'status',
  'issuedAt',
  'queuedAt',
  'targetCounterId',
  'counterId',
  'calledAt',
  'startedAt',
  'finishedAt',
  'recalls',
  'transferredFrom',
  'transferredTo',
  'note',
  'history',
  'booking',
] as const satisfies readonly (keyof StaffTicket)[];

const LIVE = new Set<Ticket['status']>(['waiting', 'called', 'serving', 'held']);

function pick<K extends keyof Ticket>(t: Ticket, keys: readonly K[]): Pick<Ticket, K> {
  const out = {} as Pick<Ticket, K>;
  for (const k of keys) if (t[k] !== undefined) out[k] = t[k];
  return out;
}

/** The whole record, for those who audit every agency. */
export function leadTicket(t: Ticket): Ticket {
  return { ...pick(t, LEAD_TICKET_FIELDS), history: t.history.map((e) => ({ ...e })) } as Ticket;
}

/**
 * A ticket as the staff at some desks see it: the events that happened at those desks or were
 * done by this person (their day's counts are read from them), and the note only while the visit
 * is live (it is written for whoever serves next) or when it was served at one of these desks.
 */
export function deskTicket(t: Ticket, desks: ReadonlySet<string>, userId: string | null): StaffTicket {
  const mine = (e: TicketEvent) => (e.counterId !== undefined && desks.has(e.counterId)) || (userId !== null && e.userId === userId);
  const view = pick(t, DESK_TICKET_FIELDS) as StaffTicket;
  view.history = t.history.filter(mine).map((e) => ({ ...e }));
  view.note = LIVE.has(t.status) || (t.counterId !== null && desks.has(t.counterId)) ? t.note : null;
  if (t.booking) view.booking = { slotAt: t.booking.slotAt };
  return view;
}

/** One presenter per audience: leads the record, officers and call buttons their desks' view; nobody else any. */
export function ticketPresenter(venue: Venue, p: Principal | null): ((t: Ticket) => StaffTicket) | null {
  if (p?.kind === 'user') {
    if (can(p, 'ticket.listAll')) return leadTicket;
    const desks = new Set(countersOf(venue, p));
    return (t) => deskTicket(t, desks, p.user.id);
  }
  if (p?.kind === 'device' && p.device.kind === 'button' && p.device.ref) {
    const desks = new Set([p.device.ref]);
    return (t) => deskTicket(t, desks, null);
  }
  return null;
}

/**
 * A counter command's answer as its caller may see it, the same through HTTP and the socket: a
 * ticket through the caller's presenter; a counter's new state as every screen sees counters
 * (the engine's record of it, with the officer's id and its break bookkeeping, stays inside).
 */
export function presentCommandAnswer(engine: Engine, p: Principal | null, out: Ticket | CounterState | PublicCounter): StaffTicket | PublicCounter {
  if (!('number' in out)) return 'userId' in out ? engine.estimator.publicCounter(out.counterId) : out;
  const present = ticketPresenter(engine.venue, p);
  if (!present) throw new Error('a counter command answered a caller with no ticket view');
  return present(out);
}
