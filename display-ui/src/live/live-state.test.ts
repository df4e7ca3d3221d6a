import { describe, expect, it } from 'vitest';
import type { CallEvent, PublicCounter, QueueInfo, Snapshot } from '@antre/server/contract';
import { EMPTY_BOARD, MAX_CALLS, applyCall, applyUpdate, applySnapshot, callKey, missedCalls, waitingByAgency } from './live-state';

const NOW = 1_800_000_000_000;
const call = (n: number, over: Partial<CallEvent> = {}): CallEvent => ({
  id: `t${n}:0`,
  ticketId: `t${n}`,
  number: `A-${String(n).padStart(3, '0')}`,
  serviceId: 'ktp',
  agencyId: 'dukcapil',
  counterId: 'loket-1',
  floor: 1,
  at: NOW - 100_000 + n * 1000,
  recall: 0,
  booked: false,
  ...over,
});
const counter = (id: string, over: Partial<PublicCounter> = {}): PublicCounter => ({
  counterId: id,
  status: 'open',
  since: 0,
  breakReason: null,
  breakUntil: null,
  ticket: null,
  lastCallAt: null,
  ...over,
});
const queue = (serviceId: string, agencyId: string, waiting: number): QueueInfo => ({
  serviceId,
  agencyId,
  floor: 1,
  waiting,
  waitingPriority: 0,
  nowServing: [],
  countersOpen: 1,
  estimatedWaitMinutes: null,
  quota: null,
  quotaLeft: null,
  available: true,
  reason: 'open',
  closedReason: null,
  opensAt: null,
  serviceStartsAt: null,
  servedBeforeClose: null,
  oldestWaitingSince: null,
  lastCallAt: null,
});
const snap = (over: Partial<Snapshot> = {}): Snapshot => ({
  rev: 10,
  day: '2027-01-11',
  now: NOW,
  venueVersion: 1,
  counters: [counter('loket-1'), counter('loket-2')],
  queues: [queue('ktp', 'dukcapil', 3), queue('kk', 'dukcapil', 2), queue('skck', 'polres', 1)],
  recentCalls: [call(1), call(2)],
  announcements: ['Selamat datang'],
  ...over,
});

describe('live state', () => {
  it('takes a snapshot whole and measures the clock offset', () => {
    const s = applySnapshot(EMPTY_BOARD, snap(), NOW - 5000);
    expect(s.ready).toBe(true);
    expect(s.clockOffset).toBe(5000);
    expect([...s.counters.keys()]).toEqual(['loket-1', 'loket-2']);
    expect(s.calls.map((c) => c.receivedAt)).toEqual([null, null]);
  });

  it('applies deltas in order and ignores ones older than the snapshot', () => {
    let s = applySnapshot(EMPTY_BOARD, snap(), NOW);
    s = applyUpdate(s, { rev: 9, counters: [counter('loket-1', { status: 'break' })], queues: [] });
    expect(s.counters.get('loket-1')?.status).toBe('open');
    s = applyUpdate(s, { rev: 11, counters: [counter('loket-1', { status: 'break' }), counter('loket-2', { status: 'closed' })], queues: [] });
    expect(s.counters.get('loket-1')?.status).toBe('break');
    expect(s.counters.get('loket-2')?.status).toBe('closed');
    expect(s.counters.get('loket-1')).not.toHaveProperty('rev');
    s = applyUpdate(s, { rev: 12, counters: [], queues: [queue('ktp', 'dukcapil', 0)] });
    expect(waitingByAgency(s.queues)).toEqual(
      new Map([
        ['dukcapil', 2],
        ['polres', 1],
      ]),
    );
  });

  it('appends live calls once, in time order, bounded', () => {
    let s = applySnapshot(EMPTY_BOARD, snap({ recentCalls: [] }), NOW);
    for (let i = 1; i <= MAX_CALLS + 5; i++) s = applyCall(s, { ...call(i), rev: 10 + i }, NOW + i);
    s = applyCall(s, { ...call(MAX_CALLS + 5), rev: 99 }, NOW + 99);
    expect(s.calls).toHaveLength(MAX_CALLS);
    expect(s.calls.at(-1)?.number).toBe(`A-0${MAX_CALLS + 5}`);
    expect(s.calls.at(-1)?.receivedAt).toBe(NOW + MAX_CALLS + 5);
    const recall = call(3, { id: 't3:1', recall: 1, at: NOW });
    s = applyCall(s, { ...recall, rev: 100 }, NOW + 100);
    expect(s.calls.at(-1)?.recall).toBe(1);
  });

  it('shows a first call on its counter tile at once, as the server call-next makes it; a recall or a counter the board does not show is left alone', () => {
    let s = applySnapshot(
      EMPTY_BOARD,
      snap({ counters: [counter('loket-1', { status: 'break', since: 5, breakReason: 'Istirahat', breakUntil: NOW }), counter('loket-2', { since: 7 })] }),
      NOW,
    );
    s = applyCall(s, { ...call(3), rev: 11 }, NOW);
    expect(s.counters.get('loket-1')).toEqual({
      counterId: 'loket-1',
      status: 'open',
      since: call(3).at,
      breakReason: null,
      breakUntil: null,
      lastCallAt: call(3).at,
      ticket: { id: 't3', number: 'A-003', serviceId: 'ktp', status: 'called', calledAt: call(3).at, booked: false },
    });
    // An open counter keeps the time it opened.
    s = applyCall(s, { ...call(4, { counterId: 'loket-2' }), rev: 12 }, NOW);
    expect(s.counters.get('loket-2')?.since).toBe(7);
    expect(s.counters.get('loket-2')?.ticket?.number).toBe('A-004');
    // A booked call's tile is marked at once, before the next update.
    s = applyCall(s, { ...call(6, { counterId: 'loket-2', booked: true }), rev: 12 }, NOW);
    expect(s.counters.get('loket-2')?.ticket).toMatchObject({ number: 'A-006', booked: true });
    // A recall does not touch the tile; neither does a call at a counter this board does not show.
    const before = s.counters;
    s = applyCall(s, { ...call(3, { id: 't3:1', recall: 1, at: call(4).at + 1 }), rev: 13 }, NOW);
    s = applyCall(s, { ...call(5, { counterId: 'loket-9' }), rev: 14 }, NOW);
    expect(s.counters).toBe(before);
    expect(s.counters.has('loket-9')).toBe(false);
    // The next update replaces the tile with the server's counter whatever the call made of it.
    s = applyUpdate(s, {
      rev: 15,
      counters: [
        counter('loket-1', {
          status: 'open',
          since: 1,
          ticket: { id: 't3', number: 'A-003', serviceId: 'ktp', status: 'serving', calledAt: call(3).at, booked: false },
        }),
      ],
      queues: [],
    });
    expect(s.counters.get('loket-1')?.ticket?.status).toBe('serving');
  });

  it('finds calls missed while offline, but never on the first snapshot', () => {
    const first = snap();
    expect(missedCalls(EMPTY_BOARD, first, 0)).toEqual([]);
    const s = applySnapshot(EMPTY_BOARD, first, NOW);
    const old = call(3, { at: NOW + 60_000 - 120_000 });
    const missed = call(4, { at: NOW + 59_000 });
    const again = snap({ now: NOW + 60_000, recentCalls: [call(1), call(2), old, missed] });
    expect(missedCalls(s, again, call(2).at).map(callKey)).toEqual([callKey(missed)]);
    const after = applySnapshot(s, again, NOW + 60_000, new Set([callKey(missed)]));
    expect(after.calls.map((c) => c.receivedAt)).toEqual([null, null, null, NOW + 60_000]);
  });

  it('keeps the arrival time of calls it already had across a re-snapshot', () => {
    let s = applySnapshot(EMPTY_BOARD, snap({ recentCalls: [] }), NOW);
    s = applyCall(s, { ...call(5), rev: 11 }, NOW + 5);
    s = applySnapshot(s, snap({ recentCalls: [call(5)] }), NOW + 6);
    expect(s.calls[0]?.receivedAt).toBe(NOW + 5);
  });
});
