import { describe, expect, it } from 'vitest';
import type { Ticket, TicketEvent } from '@antre/server/contract';
import { countsFor, currentTicket, heldAt, mayOperate, operableCounters, waitingFor } from './console-model';

let seq = 0;
function ticket(over: Partial<Ticket> = {}): Ticket {
  seq++;
  return {
    id: `t${seq}`,
    day: '2026-11-25',
    number: `A-${String(seq).padStart(3, '0')}`,
    seq,
    serviceId: 'ktp',
    agencyId: 'dukcapil',
    priority: null,
    status: 'waiting',
    issuedAt: 1000 + seq,
    queuedAt: 1000 + seq,
    targetCounterId: null,
    counterId: null,
    userId: null,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    recalls: 0,
    transferredFrom: null,
    transferredTo: null,
    note: null,
    source: { kind: 'kiosk', id: 'kiosk-1' },
    history: [],
    ...over,
  };
}
const ev = (action: TicketEvent['action'], userId?: string, at = 0): TicketEvent => ({ at, action, ...(userId ? { userId } : {}) });

describe('operable counters', () => {
  const counters = [{ id: 'loket-1' }, { id: 'loket-2' }, { id: 'loket-3' }];
  it('gives an officer only the assigned counters, a supervisor all', () => {
    expect(operableCounters({ role: 'officer', counterIds: ['loket-2'] }, counters).map((c) => c.id)).toEqual(['loket-2']);
    expect(operableCounters({ role: 'supervisor', counterIds: [] }, counters)).toHaveLength(3);
    expect(mayOperate({ role: 'officer', counterIds: ['loket-2'] }, 'loket-1')).toBe(false);
    expect(mayOperate({ role: 'admin', counterIds: [] }, 'loket-1')).toBe(true);
  });
});

describe('waiting list of a counter', () => {
  it('lists a line in the order call next takes it: priority visitors ahead, as the venue ratio and the current streak say', () => {
    const a1 = ticket({ queuedAt: 1000 });
    const a2 = ticket({ queuedAt: 2000, priority: 'lansia' });
    const a3 = ticket({ queuedAt: 3000 });
    const a4 = ticket({ queuedAt: 4000, priority: 'disabilitas' });
    const a5 = ticket({ queuedAt: 5000, priority: 'ibu_hamil' });
    const ids = (streak: number) =>
      waitingFor({ id: 'loket-1', serviceIds: ['ktp'] }, [a1, a2, a3, a4, a5], { ratio: 2, streak: () => streak }).services[0]!.tickets.map((t) => t.id);
    // Two priority visitors, then one regular: A-002 A-004 A-001 A-005 A-003.
    expect(ids(0)).toEqual([a2.id, a4.id, a1.id, a5.id, a3.id]);
    // Two priority visitors were just called: the next call takes the regular A-001 first.
    expect(ids(2)).toEqual([a1.id, a2.id, a4.id, a3.id, a5.id]);
  });

  it('puts reserved visitors first, then each service in the counter order, each line in queue order', () => {
    const late = ticket({ serviceId: 'ktp', queuedAt: 5000 });
    const early = ticket({ serviceId: 'ktp', queuedAt: 2000, priority: 'lansia' });
    const kk = ticket({ serviceId: 'kk', queuedAt: 1000 });
    const mine = ticket({ serviceId: 'kk', targetCounterId: 'loket-1', queuedAt: 9000 });
    const theirs = ticket({ serviceId: 'ktp', targetCounterId: 'loket-2' });
    const other = ticket({ serviceId: 'skck' });
    const called = ticket({ serviceId: 'ktp', status: 'called' });
    const w = waitingFor({ id: 'loket-1', serviceIds: ['ktp', 'kk'] }, [late, early, kk, mine, theirs, other, called]);
    expect(w.reserved.map((t) => t.id)).toEqual([mine.id]);
    expect(w.services.map((s) => s.serviceId)).toEqual(['ktp', 'kk']);
    expect(w.services[0]!.tickets.map((t) => t.id)).toEqual([early.id, late.id]);
    expect(w.services[0]!.priority).toBe(1);
    expect(w.services[1]!.tickets.map((t) => t.id)).toEqual([kk.id]);
    expect(w.total).toBe(4);
  });
});

describe('held and current tickets', () => {
  it('lists only the tickets this counter parked, oldest hold first', () => {
    const a = ticket({ status: 'held', targetCounterId: 'loket-1', history: [ev('held', 'u1', 50)] });
    const b = ticket({ status: 'held', targetCounterId: 'loket-1', history: [ev('held', 'u1', 20)] });
    const c = ticket({ status: 'held', targetCounterId: 'loket-2', history: [ev('held', 'u2', 10)] });
    expect(heldAt('loket-1', [a, b, c]).map((t) => t.id)).toEqual([b.id, a.id]);
  });

  it('finds the full ticket behind a counter', () => {
    const t = ticket({ status: 'called' });
    const counter = {
      counterId: 'loket-1',
      status: 'open' as const,
      since: 0,
      breakReason: null,
      breakUntil: null,
      lastCallAt: null,
      ticket: { id: t.id, number: t.number, serviceId: 'ktp', status: 'called' as const, calledAt: 1, booked: false },
    };
    expect(currentTicket(counter, new Map([[t.id, t]]))).toBe(t);
    expect(currentTicket({ ...counter, ticket: null }, new Map([[t.id, t]]))).toBeNull();
  });
});

describe('my counts for today', () => {
  it('counts what this user did from the audit trail, not what others did', () => {
    const done = ticket({
      status: 'done',
      startedAt: 1000,
      finishedAt: 181000,
      history: [ev('issued'), ev('called', 'me'), ev('recalled', 'me'), ev('started', 'me'), ev('finished', 'me')],
    });
    const gone = ticket({ status: 'no_show', history: [ev('issued'), ev('called', 'me'), ev('no_show', 'me')] });
    const moved = ticket({ status: 'transferred', history: [ev('issued'), ev('called', 'me'), ev('transferred_out', 'me')] });
    const parked = ticket({ status: 'held', history: [ev('issued'), ev('called', 'me'), ev('held', 'me')] });
    const someoneElse = ticket({ status: 'done', startedAt: 0, finishedAt: 10, history: [ev('called', 'other'), ev('finished', 'other')] });
    const c = countsFor('me', [done, gone, moved, parked, someoneElse]);
    expect(c).toMatchObject({ called: 4, served: 1, noShow: 1, transferred: 1, held: 1 });
    expect(c.serviceMs).toEqual([180000]);
  });
});
