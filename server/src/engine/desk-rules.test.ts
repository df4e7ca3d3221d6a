import { describe, expect, it } from 'vitest';
import { AntreError } from '../contract/errors.js';
import { localDay } from '../contract/time.js';
import { seqIds, testVenue, TestClock } from '../testing/builders.js';
import { Engine } from './engine.js';
import { DayState } from './state.js';

const officer = { userId: 'u' };

function setup() {
  const venue = testVenue({ settings: { minRecallSeconds: 10, minNoShowSeconds: 60, undoNoShowMinutes: 10 } });
  const clock = new TestClock();
  const e = new Engine(venue, DayState.fresh(venue, localDay(clock.t, venue.timeZone), clock.t), { newId: seqIds() });
  for (const id of ['loket-1', 'loket-2', 'loket-3', 'loket-4']) e.setCounterStatus(id, { status: 'open' }, officer, clock.t);
  const issue = (serviceId: string) => e.issue({ serviceId, source: { kind: 'kiosk', id: 'k' } }, clock.advance(1000)).value;
  return { e, clock, issue };
}

/** The refusal's code, after checking that it changed nothing. */
function refused(e: Engine, fn: () => unknown): string {
  const before = JSON.stringify(e.state.toDoc());
  try {
    fn();
  } catch (err) {
    if (!(err instanceof AntreError)) throw err;
    expect(JSON.stringify(e.state.toDoc())).toBe(before);
    return err.code;
  }
  return 'NO_ERROR';
}

describe('spacing of recalls and absent', () => {
  it('refuses a recall within the minimum spacing and an absent before the minimum time since the first call', () => {
    const { e, clock, issue } = setup();
    issue('ktp');
    e.callNext('loket-1', officer, clock.t);
    expect(refused(e, () => e.recall('loket-1', officer, clock.advance(2000)))).toBe('RECALL_TOO_SOON');
    expect(refused(e, () => e.noShow('loket-1', officer, clock.t))).toBe('NO_SHOW_TOO_SOON');
    expect(e.recall('loket-1', officer, clock.advance(8000)).value.recalls).toBe(1);
    // Spacing counts from the last call, not the first.
    expect(refused(e, () => e.recall('loket-1', officer, clock.advance(5000)))).toBe('RECALL_TOO_SOON');
    expect(e.recall('loket-1', officer, clock.advance(5000)).value.recalls).toBe(2);
    // The recall past the limit is an absent: still not before a minute since the first call.
    expect(refused(e, () => e.recall('loket-1', officer, clock.advance(10_000)))).toBe('NO_SHOW_TOO_SOON');
    expect(e.recall('loket-1', officer, clock.advance(30_000)).value.status).toBe('no_show');
  });

  it('tells when the action becomes possible', () => {
    const { e, clock, issue } = setup();
    issue('ktp');
    e.callNext('loket-1', officer, clock.t);
    try {
      e.noShow('loket-1', officer, clock.advance(15_000));
      expect.unreachable();
    } catch (err) {
      expect((err as AntreError).details).toEqual({ at: clock.t + 45_000, seconds: 45 });
      expect((err as AntreError).text.id).toContain('45 detik');
    }
  });
});

describe('undo of an absent', () => {
  it('puts the visitor back at the head of the counter’s line, within the window for officers and all day for supervisors', () => {
    const { e, clock, issue } = setup();
    const a1 = issue('ktp');
    const a2 = issue('ktp');
    e.callNext('loket-1', officer, clock.t);
    e.noShow('loket-1', officer, clock.advance(60_000));
    const back = e.undoNoShow('loket-1', a1.id, officer, clock.minutes(9), false).value;
    expect(back).toMatchObject({ status: 'waiting', targetCounterId: 'loket-1', calledAt: null, finishedAt: null, recalls: 0 });
    expect(back.history.at(-1)).toMatchObject({ action: 'no_show_undone', counterId: 'loket-1' });
    // Loket 2 serves the same service but the visitor waits for Loket 1, which calls them before A-002.
    expect(e.callNext('loket-2', officer, clock.advance(1000)).value.id).toBe(a2.id);
    expect(e.callNext('loket-1', officer, clock.advance(1000)).value.id).toBe(a1.id);

    e.noShow('loket-1', officer, clock.minutes(2));
    expect(refused(e, () => e.undoNoShow('loket-1', a1.id, officer, clock.minutes(11), false))).toBe('UNDO_TOO_LATE');
    expect(e.undoNoShow('loket-1', a1.id, officer, clock.minutes(60), true).value.status).toBe('waiting');
    expect(refused(e, () => e.undoNoShow('loket-1', a1.id, officer, clock.t, true))).toBe('INVALID_STATE');
  });
});

describe('a desk with only a call button', () => {
  it('ends the called visitor’s visit as served when it calls the next one, and when nobody waits', () => {
    const { e, clock, issue } = setup();
    const d1 = issue('sertipikat');
    const d2 = issue('sertipikat');
    const calledAt = e.callNext('loket-4', { userId: null }, clock.t).value.calledAt;
    expect(refused(e, () => e.callNext('loket-4', officer, clock.advance(1000)))).toBe('COUNTER_BUSY');
    expect(e.callNext('loket-4', { userId: null }, clock.advance(300_000), undefined, { finishCalled: true }).value.id).toBe(d2.id);
    expect(e.ticket(d1.id)).toMatchObject({ status: 'done', startedAt: calledAt, finishedAt: clock.t });
    const last = e.callNext('loket-4', { userId: null }, clock.advance(60_000), undefined, { finishCalled: true }).value;
    expect(last).toMatchObject({ id: d2.id, status: 'done' });
    expect(e.counterState('loket-4').ticketId).toBeNull();
    expect(refused(e, () => e.callNext('loket-4', { userId: null }, clock.advance(1000), undefined, { finishCalled: true }))).toBe('QUEUE_EMPTY');
  });
});

describe('transfer to a counter', () => {
  it('refuses a closed counter (a visitor sent there would wait for nothing) and accepts one on a break', () => {
    const { e, clock, issue } = setup();
    issue('ktp');
    e.callNext('loket-1', officer, clock.t);
    e.setCounterStatus('loket-4', { status: 'closed' }, officer, clock.t);
    const id = e.counterState('loket-1').ticketId!;
    expect(refused(e, () => e.transfer(id, { toCounterId: 'loket-4' }, officer, clock.advance(1000)))).toBe('COUNTER_CLOSED');
    e.setCounterStatus('loket-4', { status: 'break', reason: 'Shalat', minutes: 15 }, officer, clock.t);
    expect(e.transfer(id, { toCounterId: 'loket-4' }, officer, clock.advance(1000)).value).toMatchObject({ status: 'waiting', targetCounterId: 'loket-4' });
  });
});
