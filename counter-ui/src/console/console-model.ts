import type { Counter, PublicCounter, PublicUser, StaffTicket } from '@antre/server/contract';
import { predictedOrder } from '@antre/server/order';

/** Counters a user may operate: officers their assigned ones, supervisors and admins every one. */
export function operableCounters<C extends Pick<Counter, 'id'>>(user: Pick<PublicUser, 'role' | 'counterIds'>, counters: readonly C[]): C[] {
  return user.role === 'officer' ? counters.filter((c) => user.counterIds.includes(c.id)) : [...counters];
}

/** Whether a user may act on a counter; the server checks the same and answers NOT_YOUR_COUNTER. */
export function mayOperate(user: Pick<PublicUser, 'role' | 'counterIds'>, counterId: string): boolean {
  return user.role !== 'officer' || user.counterIds.includes(counterId);
}

/** The queue order the engine keeps within a line: first queued, then first issued, then number. */
export function queueOrder(a: StaffTicket, b: StaffTicket): number {
  return a.queuedAt - b.queuedAt || a.issuedAt - b.issuedAt || a.seq - b.seq;
}

export interface WaitingView {
  /** Reserved for this counter (transferred here, or a held visitor resumed): called first. */
  reserved: StaffTicket[];
  /** The counter's services in the order it takes them, each with its open line. */
  services: { serviceId: string; tickets: StaffTicket[]; priority: number }[];
  total: number;
}

/** Who waits for this counter: its reserved visitors, then each of its services' lines in queue order. */
export function waitingFor(
  counter: Pick<Counter, 'id' | 'serviceIds'>,
  tickets: Iterable<StaffTicket>,
  order: { ratio: number; streak: (serviceId: string) => number } = { ratio: 2, streak: () => 0 },
): WaitingView {
  const reserved: StaffTicket[] = [];
  const lines = new Map(counter.serviceIds.map((s) => [s, [] as StaffTicket[]]));
  for (const t of tickets) {
    if (t.status !== 'waiting') continue;
    if (t.targetCounterId) {
      if (t.targetCounterId === counter.id) reserved.push(t);
      continue;
    }
    lines.get(t.serviceId)?.push(t);
  }
  reserved.sort(queueOrder);
  const services = counter.serviceIds.map((serviceId) => {
    const line = (lines.get(serviceId) ?? []).sort(queueOrder);
    // Listed in the order "call next" will take them: the engine's own interleave of priority and regular visitors.
    const list = predictedOrder(
      line.filter((t) => t.priority),
      line.filter((t) => !t.priority),
      order.streak(serviceId),
      order.ratio,
    );
    return { serviceId, tickets: list, priority: list.filter((t) => t.priority).length };
  });
  return { reserved, services, total: reserved.length + services.reduce((n, s) => n + s.tickets.length, 0) };
}

/** Visitors this counter parked (fetching a document), oldest first, to resume later. */
export function heldAt(counterId: string, tickets: Iterable<StaffTicket>): StaffTicket[] {
  return [...tickets].filter((t) => t.status === 'held' && t.targetCounterId === counterId).sort((a, b) => heldSince(a) - heldSince(b));
}

/** When a held ticket was parked (its last "held" event). */
export function heldSince(t: StaffTicket): number {
  for (let i = t.history.length - 1; i >= 0; i--) if (t.history[i]!.action === 'held') return t.history[i]!.at;
  return t.issuedAt;
}

/** The full ticket a counter holds now, when the live state has it. */
export function currentTicket(counter: PublicCounter | undefined, tickets: ReadonlyMap<string, StaffTicket>): StaffTicket | null {
  const id = counter?.ticket?.id;
  return id ? (tickets.get(id) ?? null) : null;
}

export interface DayCounts {
  called: number;
  served: number;
  noShow: number;
  transferred: number;
  held: number;
  /** Service durations (start to finish) of the visitors this user finished. */
  serviceMs: number[];
}

/** A user's work today, read from the tickets' audit trail (each event records who did it). */
export function countsFor(userId: string, tickets: Iterable<StaffTicket>): DayCounts {
  const out: DayCounts = { called: 0, served: 0, noShow: 0, transferred: 0, held: 0, serviceMs: [] };
  for (const t of tickets) {
    let called = false;
    for (const e of t.history) {
      if (e.userId !== userId) continue;
      switch (e.action) {
        case 'called':
          called = true;
          break;
        case 'finished':
          out.served++;
          if (t.startedAt !== null && t.finishedAt !== null) out.serviceMs.push(t.finishedAt - t.startedAt);
          break;
        case 'no_show':
          out.noShow++;
          break;
        case 'no_show_undone':
          out.noShow--;
          break;
        case 'transferred_out':
        case 'requeued':
          out.transferred++;
          break;
        case 'held':
          out.held++;
          break;
      }
    }
    if (called) out.called++;
  }
  return out;
}
