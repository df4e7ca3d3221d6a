import type { PriorityCategory, Ticket, TicketStatus } from '@antre/server/contract';
import type { Visitor } from './plan.ts';

/** What the simulation knows of one ticket from the answers it was given: the expected truth. */
export interface LedgerTicket {
  id: string;
  day: string;
  number: string;
  serviceId: string;
  priority: PriorityCategory | null;
  status: TicketStatus;
  counterId: string | null;
  queuedAt: number;
  issuedAt: number;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  recalls: number;
  visitor: Visitor;
  transferredIn: boolean;
  /** Only this counter may call it (a resumed hold). */
  target: string | null;
  heldOnce: boolean;
  /** Checked in from an online booking: called by slot, ahead of walk-ins. */
  booked: { slotAt: number } | null;
  /** The wait the kiosk announced when the ticket was taken, in minutes. */
  estimate: number | null;
}

const LIVE = new Set<TicketStatus>(['waiting', 'called', 'serving', 'held']);

/**
 * Every ticket the server acknowledged, and the invariants a queue must keep: numbers unique and
 * consecutive per service per day, a ticket called by one counter only, called in fair order.
 */
export class Ledger {
  readonly tickets = new Map<string, LedgerTicket>();
  private lastSeq = new Map<string, number>();
  acknowledged = 0;

  add(t: Ticket, visitor: Visitor, transferredIn: boolean): string[] {
    const problems: string[] = [];
    if (this.tickets.has(t.id)) problems.push(`ticket id ${t.id} given twice`);
    const key = `${t.day}|${t.serviceId}`;
    const seq = Number(t.number.split('-').pop());
    const last = this.lastSeq.get(key) ?? 0;
    if (seq !== last + 1) problems.push(`${t.serviceId} number ${t.number} after ${last}: numbers must be unique and consecutive`);
    this.lastSeq.set(key, seq);
    this.acknowledged++;
    this.tickets.set(t.id, {
      id: t.id,
      day: t.day,
      number: t.number,
      serviceId: t.serviceId,
      priority: t.priority,
      status: t.status,
      counterId: null,
      queuedAt: t.queuedAt,
      issuedAt: t.issuedAt,
      calledAt: null,
      startedAt: null,
      finishedAt: null,
      recalls: 0,
      visitor,
      transferredIn,
      target: t.targetCounterId,
      heldOnce: false,
      estimate: null,
      booked: t.booking ? { slotAt: t.booking.slotAt } : null,
    });
    return problems;
  }

  get(id: string): LedgerTicket {
    const t = this.tickets.get(id);
    if (!t) throw new Error(`ledger has no ticket ${id}`);
    return t;
  }

  waiting(serviceIds: readonly string[]): LedgerTicket[] {
    const set = new Set(serviceIds);
    return [...this.tickets.values()].filter((t) => t.status === 'waiting' && set.has(t.serviceId));
  }

  /** Tickets a counter may call at `at`: waiting for its services, not held back for another counter, booked ones from their slot. */
  callable(counterId: string, serviceIds: readonly string[], at = Infinity): LedgerTicket[] {
    return this.waiting(serviceIds).filter((t) => (!t.target || t.target === counterId) && (!t.booked || t.booked.slotAt <= at));
  }

  live(day: string): LedgerTicket[] {
    return [...this.tickets.values()].filter((t) => t.day === day && LIVE.has(t.status));
  }

  ofDay(day: string): LedgerTicket[] {
    return [...this.tickets.values()].filter((t) => t.day === day);
  }

  /** A counter called `t`: it must have been waiting, for this counter, and first in line of its kind. */
  called(t: Ticket, counterId: string, serviceIds: readonly string[]): string[] {
    const mine = this.tickets.get(t.id);
    if (!mine) return [`counter ${counterId} called ${t.number}, a ticket nobody was given`];
    const problems: string[] = [];
    if (mine.status !== 'waiting')
      problems.push(`${t.number} called by ${counterId} while ${mine.status}${mine.counterId ? ` at ${mine.counterId}` : ''} (double call)`);
    if (!serviceIds.includes(mine.serviceId)) problems.push(`${t.number} called by ${counterId}, which does not serve ${mine.serviceId}`);
    // Fair order within a line: walk-ins by class and queue time, booked visitors by slot.
    const sameLine = (o: LedgerTicket) =>
      mine.booked
        ? !!o.booked && o.booked.slotAt < mine.booked.slotAt
        : !o.booked && (o.priority === null) === (mine.priority === null) && o.queuedAt < mine.queuedAt;
    const before = mine.target ? [] : this.waiting([mine.serviceId]).filter((o) => o.id !== mine.id && !o.target && sameLine(o));
    if (before.length) problems.push(`${t.number} called before ${before.map((o) => o.number).join(', ')} who queued earlier for the same service`);
    Object.assign(mine, { status: t.status, counterId, calledAt: t.calledAt, recalls: t.recalls });
    return problems;
  }

  /** Applies what the server answered for a ticket, checking it is the same ticket. */
  update(t: Ticket): string[] {
    const mine = this.tickets.get(t.id);
    if (!mine) return [`server answered with unknown ticket ${t.number}`];
    Object.assign(mine, {
      status: t.status,
      counterId: t.counterId,
      calledAt: t.calledAt,
      startedAt: t.startedAt,
      finishedAt: t.finishedAt,
      recalls: t.recalls,
      target: t.targetCounterId,
    });
    return [];
  }

  /** Compares every ticket the server holds for a day with the ledger: nothing lost, nothing extra, same state. */
  compare(day: string, server: readonly Ticket[], what: string): string[] {
    const problems: string[] = [];
    const byId = new Map(server.map((t) => [t.id, t]));
    for (const mine of this.ofDay(day)) {
      const s = byId.get(mine.id);
      if (!s) problems.push(`${what}: acknowledged ticket ${mine.number} (${mine.serviceId}) is missing`);
      else if (s.status !== mine.status || s.number !== mine.number || s.counterId !== mine.counterId || s.recalls !== mine.recalls) {
        problems.push(
          `${what}: ${mine.number} is ${s.status}@${s.counterId ?? '-'} r${s.recalls} on the server, ${mine.status}@${mine.counterId ?? '-'} r${mine.recalls} expected`,
        );
      }
    }
    for (const s of server) if (!this.tickets.has(s.id)) problems.push(`${what}: server has ${s.number} that was never acknowledged`);
    return problems;
  }

  /** Waiting visitors whose day ended are expired by the rollover. */
  expire(day: string): number {
    let n = 0;
    for (const t of this.ofDay(day)) {
      if (LIVE.has(t.status)) {
        t.status = 'expired';
        n++;
      }
    }
    return n;
  }
}
