import type { CallEvent, PublicCounter, Snapshot, TicketView } from '../contract/domain.js';
import type { Principal } from '../auth/auth-service.js';
import type { AppContext } from '../context.js';
import { agenciesOf, can } from '../policy/policy.js';
import { ticketPresenter } from '../presenters/tickets.js';

/** Floors a principal watches: a floor-bound display sees its floor, everyone else all. */
export function floorsOf(ctx: AppContext, p: Principal | null): number[] {
  const all = ctx.queue.venue.floors.map((f) => f.number);
  const zone = zoneOf(ctx, p);
  if (zone) return [zone.floor];
  if (p?.kind === 'device' && p.device.kind === 'display' && p.device.floor !== null && all.includes(p.device.floor)) return [p.device.floor];
  return all;
}

/** The zone a display was paired to, if any: it then shows only that zone's counters. */
export function zoneOf(ctx: AppContext, p: Principal | null) {
  if (p?.kind !== 'device' || p.device.kind !== 'display' || !p.device.ref) return null;
  return ctx.queue.venue.zones.find((z) => z.id === p.device.ref) ?? null;
}

/** Services a zone's counters serve: the queues its board shows. */
export function zoneServices(ctx: AppContext, zoneCounterIds: readonly string[]): Set<string> {
  return new Set(ctx.queue.venue.counters.filter((c) => zoneCounterIds.includes(c.id)).flatMap((c) => c.serviceIds));
}

/**
 * What anyone without a token may see of a counter: the number it serves, never the ticket's id
 * (the id is the visitor's key to their page; the number is on the hall board anyway).
 */
export function anonymousCounter(c: PublicCounter): PublicCounter {
  return c.ticket ? { ...c, ticket: { ...c.ticket, id: c.ticket.number } } : c;
}

/** A call as anyone without a token may see it: numbers, no ticket ids. */
export function anonymousCall(c: CallEvent): CallEvent {
  return { ...c, id: `${c.number}:${c.recall}`, ticketId: c.number };
}

/** The visitor's own page: where they stand, not which priority category they declared. */
export function visitorTicketView(v: TicketView): TicketView {
  return { ...v, priority: null };
}

/** The full picture for one audience: displays see no staff fields; staff see live tickets. */
export function presentSnapshot(ctx: AppContext, p: Principal | null, ticketId: string | null): Snapshot {
  const q = ctx.queue;
  const e = q.engine;
  const now = q.clock();
  const floors = new Set(floorsOf(ctx, p));
  const counterFloor = new Map(e.venue.counters.map((c) => [c.id, c.floor]));
  const agencyFloor = new Map(e.venue.agencies.map((a) => [a.id, a.floor]));
  const zone = zoneOf(ctx, p);
  const inZone = (counterId: string) => !zone || zone.counterIds.includes(counterId);
  const zoneSvc = zone ? zoneServices(ctx, zone.counterIds) : null;
  const snap: Snapshot = {
    rev: q.rev,
    day: q.day,
    now,
    venueVersion: q.venueVersion,
    counters: e.venue.counters.filter((c) => floors.has(c.floor) && inZone(c.id)).map((c) => e.estimator.publicCounter(c.id)),
    // Only the lines this audience sees are forecast: a floor's board does not pay for the other floor's.
    queues: e.venue.services
      .filter((s) => (zoneSvc ? zoneSvc.has(s.id) : floors.has(agencyFloor.get(s.agencyId) ?? 1)))
      .map((s) => e.estimator.queueInfo(s.id, now)),
    recentCalls: e.state.calls.filter((c) => floors.has(counterFloor.get(c.counterId) ?? c.floor) && inZone(c.counterId)).slice(-10),
    announcements: ctx.board.announcements(),
  };
  if (!can(p, 'board.ticketIds')) {
    // Visitors' pages, public readers, kiosks and print agents: no ticket ids of other visitors, no priority categories.
    snap.counters = snap.counters.map(anonymousCounter);
    snap.recentCalls = snap.recentCalls.map(anonymousCall);
  }
  const present = p?.kind === 'user' ? ticketPresenter(e.venue, p) : null;
  if (present) {
    // The same tickets the socket's agency rooms will send changes of: a snapshot and its deltas describe one set.
    const agencies = agenciesOf(e.venue, p);
    snap.tickets = [...e.state.tickets.unpacked()]
      .filter((t) => agencies.has(t.agencyId) && (t.status === 'waiting' || t.status === 'called' || t.status === 'serving' || t.status === 'held'))
      .map(present);
  }
  if (ticketId) {
    const t = e.state.tickets.get(ticketId);
    if (t) snap.ticket = visitorTicketView(e.estimator.ticketView(t, now));
  }
  return snap;
}
