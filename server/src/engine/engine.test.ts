import { describe, expect, it } from 'vitest';
import { AntreError } from '../contract/errors.js';
import { Engine } from './engine.js';
import { DayState } from './state.js';
import { seqIds, testVenue, TestClock, errorCode } from '../testing/builders.js';
import { localDay } from '../contract/time.js';
import type { Venue } from '../contract/venue.js';

function setup(venue: Venue = testVenue(), clock = new TestClock()) {
  const state = DayState.fresh(venue, localDay(clock.t, venue.timeZone), clock.t);
  const e = new Engine(venue, state, { newId: seqIds() });
  const open = (...ids: string[]) => ids.forEach((id) => e.setCounterStatus(id, { status: 'open' }, { userId: 'u' }, clock.t));
  open('loket-1', 'loket-2', 'loket-3', 'loket-4');
  const issue = (serviceId: string, priority: 'lansia' | null = null) =>
    e.issue({ serviceId, priority, source: { kind: 'kiosk', id: 'k' } }, clock.minutes(1)).value;
  const next = (counter: string) => e.callNext(counter, { userId: 'u' }, clock.minutes(1)).value;
  return { e, clock, issue, next, open };
}

const code = errorCode;

describe('issue', () => {
  it('numbers tickets per service with the service prefix and three digits', () => {
    const { issue } = setup();
    expect([issue('ktp').number, issue('ktp').number, issue('kk').number]).toEqual(['A-001', 'A-002', 'B-001']);
  });

  it('refuses past the daily quota and changes nothing', () => {
    const { e, issue } = setup();
    issue('skck');
    issue('skck');
    issue('skck');
    const before = JSON.stringify(e.state.toDoc());
    expect(code(() => issue('skck'))).toBe('QUOTA_FULL');
    expect(JSON.stringify(e.state.toDoc())).toBe(before);
  });

  it('refuses a service closed for the day, and an unknown service', () => {
    const { e, issue, clock } = setup();
    e.setServiceStatus('kk', true, 'Blangko habis');
    expect(code(() => issue('kk'))).toBe('SERVICE_CLOSED');
    expect(code(() => issue('nope'))).toBe('SERVICE_NOT_FOUND');
    expect(e.estimator.queueInfo('kk', clock.t)).toMatchObject({ available: false, reason: 'closed_today' });
  });

  it('refuses outside opening hours and says when the service opens', () => {
    const day = { open: '08:00', close: '15:00', lastTicket: '14:30', breaks: [{ start: '12:00', end: '13:00' }] };
    const v = testVenue({ hours: { mon: day, tue: day, wed: day, thu: day, fri: day } });
    const clock = new TestClock(Date.parse('2026-11-25T06:45:00Z')); // Wed 14:45 WITA, after last ticket
    const { e } = setup(v, clock);
    let err: AntreError | null = null;
    try {
      e.issue({ serviceId: 'ktp', source: { kind: 'kiosk', id: 'k' } }, clock.t);
    } catch (x) {
      err = x as AntreError;
    }
    expect(err?.code).toBe('OUTSIDE_HOURS');
    expect((err?.details as { opensAt: number }).opensAt).toBe(Date.parse('2026-11-26T00:00:00Z')); // Thu 08:00 WITA
    clock.t = Date.parse('2026-11-28T02:00:00Z'); // Saturday 10:00 WITA
    expect(e.estimator.queueInfo('ktp', clock.t)).toMatchObject({ available: false, reason: 'closed_weekday', opensAt: Date.parse('2026-11-30T00:00:00Z') });
  });

  it('a day open until 24:00 takes tickets in its last minute', () => {
    const clock = new TestClock(Date.parse('2026-11-25T15:59:30Z')); // 23:59:30 WITA
    const { e } = setup(testVenue(), clock);
    expect(e.issue({ serviceId: 'ktp', source: { kind: 'kiosk', id: 'k' } }, clock.t).value.number).toBe('A-001');
  });

  it('refuses when no counter serving the service is open', () => {
    const { e, issue, clock } = setup();
    e.setCounterStatus('loket-4', { status: 'closed' }, { userId: 'u' }, clock.t);
    expect(code(() => issue('sertipikat'))).toBe('NO_COUNTER_OPEN');
  });
});

describe('calling', () => {
  it('calls in order of arrival and never gives one ticket to two counters', () => {
    const { issue, next } = setup();
    const a = issue('ktp');
    const b = issue('ktp');
    expect(next('loket-1').id).toBe(a.id);
    expect(next('loket-2').id).toBe(b.id);
    expect(code(() => next('loket-1'))).toBe('COUNTER_BUSY');
  });

  it('answers QUEUE_EMPTY when nobody waits, and an unknown counter is 404', () => {
    const { next } = setup();
    expect(code(() => next('loket-1'))).toBe('QUEUE_EMPTY');
    expect(code(() => next('loket-99'))).toBe('COUNTER_NOT_FOUND');
  });

  it("takes the counter's services in its order", () => {
    const { issue, next } = setup();
    const kk = issue('kk');
    const ktp = issue('ktp');
    expect(next('loket-1').id).toBe(ktp.id);
    expect(next('loket-2').id).toBe(kk.id);
  });

  it('recalls up to the limit, then marks the visitor no-show and frees the counter', () => {
    const { e, issue, next, clock } = setup();
    issue('ktp');
    const t = next('loket-1');
    expect(e.recall('loket-1', { userId: 'u' }, clock.t).value.recalls).toBe(1);
    expect(e.recall('loket-1', { userId: 'u' }, clock.t).value.recalls).toBe(2);
    const last = e.recall('loket-1', { userId: 'u' }, clock.t).value;
    expect(last.status).toBe('no_show');
    expect(e.state.counters.get('loket-1')!.ticketId).toBeNull();
    expect(e.state.calls.filter((c) => c.ticketId === t.id).map((c) => c.recall)).toEqual([0, 1, 2]);
  });

  it('start and finish; "next" while serving finishes the current visitor first', () => {
    const { e, issue, next, clock } = setup();
    issue('ktp');
    issue('ktp');
    const first = next('loket-1');
    expect(e.start('loket-1', { userId: 'u' }, clock.minutes(1)).value.status).toBe('serving');
    next('loket-1');
    expect(e.ticket(first.id).status).toBe('done');
    expect(e.finish('loket-1', { userId: 'u' }, clock.minutes(5)).value.status).toBe('done');
    expect(code(() => e.finish('loket-1', { userId: 'u' }, clock.t))).toBe('COUNTER_IDLE');
  });

  it('interleaves priority visitors by the ratio so neither line starves', () => {
    const { issue, next, e, clock } = setup();
    for (let i = 0; i < 4; i++) issue('ktp');
    for (let i = 0; i < 4; i++) issue('ktp', 'lansia');
    const classes: string[] = [];
    for (let i = 0; i < 8; i++) {
      classes.push(next('loket-1').priority ? 'P' : 'R');
      e.finish('loket-1', { userId: 'u' }, clock.t);
    }
    expect(classes.join('')).toBe('PPRPPRRR');
  });

  it('hold frees the counter; resume puts the visitor first at that counter', () => {
    const { e, issue, next, clock } = setup();
    issue('ktp');
    issue('ktp');
    const held = next('loket-1');
    e.hold('loket-1', { userId: 'u' }, clock.t, 'fotokopi KK');
    expect(e.state.counters.get('loket-1')!.ticketId).toBeNull();
    e.resume('loket-1', held.id, { userId: 'u' }, clock.minutes(2));
    expect(next('loket-2').id).not.toBe(held.id);
    expect(next('loket-1').id).toBe(held.id);
  });

  it('counter on break keeps its reason and return time; busy counters cannot break', () => {
    const { e, issue, next, clock } = setup();
    issue('ktp');
    next('loket-1');
    expect(code(() => e.setCounterStatus('loket-1', { status: 'break', reason: 'Istirahat', minutes: 60 }, { userId: 'u' }, clock.t))).toBe('COUNTER_BUSY');
    const cs = e.setCounterStatus('loket-2', { status: 'break', reason: 'Salat', minutes: 30 }, { userId: 'u' }, clock.t).value;
    expect(cs).toMatchObject({ status: 'break', breakReason: 'Salat', breakUntil: clock.t + 30 * 60000 });
  });
});

describe('transfer', () => {
  it('to another service: a new number there, first issue time kept, ahead of later arrivals', () => {
    const { e, issue, next, clock } = setup();
    const early = issue('ktp');
    const later = issue('kk');
    next('loket-1');
    const moved = e.transfer(early.id, { toServiceId: 'kk', note: 'sekalian KK' }, { userId: 'u' }, clock.minutes(1)).value;
    expect(moved.number).toBe('B-002');
    expect(moved.queuedAt).toBe(early.queuedAt);
    expect(e.ticket(early.id)).toMatchObject({ status: 'transferred', transferredTo: moved.id });
    expect(e.state.counters.get('loket-1')!.ticketId).toBeNull();
    expect(next('loket-2').id).toBe(moved.id);
    expect(later.status).toBe('waiting');
  });

  it('to a counter of the same service keeps the number and waits for that counter', () => {
    const { e, issue, next, clock } = setup();
    const t = issue('ktp');
    next('loket-1');
    const r = e.transfer(t.id, { toCounterId: 'loket-2' }, { userId: 'u' }, clock.t).value;
    expect(r).toMatchObject({ id: t.id, number: 'A-001', status: 'waiting', targetCounterId: 'loket-2' });
    expect(next('loket-2').id).toBe(t.id);
  });

  it('refuses a transfer to the same service with no counter, and of a finished ticket', () => {
    const { e, issue, next, clock } = setup();
    const t = issue('ktp');
    expect(code(() => e.transfer(t.id, { toServiceId: 'ktp' }, { userId: 'u' }, clock.t))).toBe('SAME_SERVICE');
    next('loket-1');
    e.finish('loket-1', { userId: 'u' }, clock.t);
    expect(code(() => e.transfer(t.id, { toServiceId: 'kk' }, { userId: 'u' }, clock.t))).toBe('INVALID_STATE');
  });
});

describe('estimates', () => {
  it('uses the target time shrunk toward the measured service times and the counters open', () => {
    const { e, issue, next, clock } = setup();
    for (let i = 0; i < 5; i++) issue('sertipikat');
    expect(e.estimator.queueInfo('sertipikat', clock.t).estimatedWaitMinutes).toBe(100); // 5 x target 20, one counter
    next('loket-4');
    e.start('loket-4', { userId: 'u' }, clock.t);
    e.finish('loket-4', { userId: 'u' }, clock.minutes(6));
    // One quick visit (6 min) does not replace the 20-minute target: it is shrunk toward it, (5 x 20 + 6) / 6 = 17.7 min each.
    expect(e.estimator.forNewcomer('sertipikat', null, clock.t)).toEqual({ ahead: 4, minutes: 71 });
  });

  it('has no estimate when every counter of the service is closed', () => {
    const { e, issue, clock } = setup();
    issue('sertipikat');
    e.setCounterStatus('loket-4', { status: 'closed' }, { userId: 'u' }, clock.t);
    expect(e.estimator.queueInfo('sertipikat', clock.t)).toMatchObject({ estimatedWaitMinutes: null, available: false, reason: 'no_counter', waiting: 1 });
  });
});

describe('day end', () => {
  it('expires everyone still in line and closes the counters', () => {
    const { e, issue, next, clock } = setup();
    issue('ktp');
    issue('ktp');
    next('loket-1');
    const changes = e.expireAll(clock.t);
    changes.forEach((c) => e.state.apply(c));
    expect([...e.state.tickets.values()].map((t) => t.status)).toEqual(['expired', 'expired']);
    expect([...e.state.counters.values()].every((c) => c.status === 'closed' && !c.ticketId)).toBe(true);
  });
});
