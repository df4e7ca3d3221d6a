import { describe, expect, it } from 'vitest';
import { Engine } from './engine.js';
import { DayState } from './state.js';
import { seqIds, testVenue } from '../testing/builders.js';
import { dayVenue, dayVenueInput, wita } from '../testing/day-venue.js';
import { forecastCalls, shrunkMinutes } from './forecast.js';
import { Estimator } from './estimate.js';

const DAY = '2026-11-25';
const at = (hhmm: string) => wita(DAY, hhmm);

function setup(venue = dayVenue()) {
  const e = new Engine(venue, DayState.fresh(venue, DAY, at('07:00')), { newId: seqIds() });
  const u = { userId: 'u' };
  const issue = (serviceId: string, hhmm: string) => e.issue({ serviceId, source: { kind: 'kiosk', id: 'k' } }, at(hhmm)).value;
  return { e, u, issue };
}

describe('estimates that hold', () => {
  it('shrinks the target toward measured times instead of replacing it', () => {
    expect(shrunkMinutes(20, null, 0, 5)).toBe(20);
    expect(shrunkMinutes(20, 2, 1, 5)).toBeCloseTo(17, 5);
    expect(shrunkMinutes(20, 2, 20, 5)).toBeCloseTo(5.6, 5);
  });

  it('counts a desk shared by two services once across them', () => {
    // loket-1 takes KTP first, loket-2 takes KK first; both serve both.
    const { e, u, issue } = setup();
    e.setCounterStatus('loket-1', { status: 'open' }, u, at('09:00'));
    e.setCounterStatus('loket-2', { status: 'open' }, u, at('09:00'));
    for (let i = 0; i < 4; i++) issue('kk', '09:00');
    // A KTP newcomer: loket-1 takes them at once (it serves KTP first), whatever the KK line.
    expect(e.estimator.forNewcomer('ktp', null, at('09:00')).minutes).toBe(0);
    // A fifth KK visitor: loket-2 serves KK at 15 min a visit, loket-1 helps once KTP is empty: 4 ahead over two desks.
    expect(e.estimator.forNewcomer('kk', null, at('09:00')).minutes).toBe(30);
    for (let i = 0; i < 3; i++) issue('ktp', '09:00');
    // Now loket-1 is busy with KTP, and KTP visitors keep coming at the rate just seen (three in a
    // quarter of an hour, one per 15-minute visit): loket-1 never gets to KK; the line waits for loket-2.
    expect(e.estimator.forNewcomer('kk', null, at('09:00')).minutes).toBe(60);
  });

  it('plays a line forward again when anything it reads changes, and not for a change at another gerai', () => {
    const { e, u, issue } = setup();
    const now = at('09:00');
    const ktp = () => e.estimator.forNewcomer('ktp', null, now).minutes;
    e.setCounterStatus('loket-1', { status: 'open' }, u, now);
    for (let i = 0; i < 3; i++) issue('ktp', '09:00');
    expect(ktp()).toBe(30);
    // The same moment, nothing changed: answered from what was played.
    const made = e.estimator.forecastsMade;
    expect(ktp()).toBe(30);
    // Tickets and a counter at other agencies do not move the KTP line.
    issue('skck', '09:00');
    e.setCounterStatus('loket-4', { status: 'open' }, u, now);
    expect(ktp()).toBe(30);
    expect(e.estimator.forecastsMade).toBe(made);
    // Each thing KTP's forecast reads moves it at once, at the same moment of the clock:
    // a second desk opening for it,
    e.setCounterStatus('loket-2', { status: 'open' }, u, now);
    expect(ktp()).toBe(10);
    // a visitor of the service its shared desk takes first (loket-2 takes KK before KTP),
    issue('kk', '09:00');
    issue('kk', '09:00');
    expect(ktp()).toBeGreaterThan(10);
    const withKk = ktp();
    // and a visitor called, started and finished at a desk, then the desk on a break: always as
    // a forecast made afresh from the same state says.
    const fresh = () => new Estimator(e).forNewcomer('ktp', null, now).minutes;
    expect(withKk).toBe(fresh());
    e.callNext('loket-1', u, now);
    expect(ktp()).toBe(fresh());
    e.start('loket-1', u, now);
    expect(ktp()).toBe(fresh());
    e.finish('loket-1', u, now);
    expect(ktp()).toBe(fresh());
    e.setCounterStatus('loket-2', { status: 'break', reason: 'Istirahat' }, u, now);
    expect(ktp()).toBe(fresh());
    expect(e.estimator.forecastsMade).toBeGreaterThan(made + 5);
  });

  it('has a desk call the visitor resumed for it before its line', () => {
    const { e, u, issue } = setup();
    e.setCounterStatus('loket-1', { status: 'open' }, u, at('09:00'));
    issue('ktp', '09:00');
    const held = e.callNext('loket-1', u, at('09:00')).value;
    e.hold('loket-1', u, at('09:01'), 'fotokopi KK');
    expect(e.estimator.forNewcomer('ktp', null, at('09:02')).minutes).toBe(0);
    // Back with the document: loket-1 takes them first (10 minutes of KTP), then the newcomer.
    e.resume('loket-1', held.id, u, at('09:05'));
    expect(e.estimator.forNewcomer('ktp', null, at('09:05')).minutes).toBe(10);
  });

  it('expects nobody more for a service that takes no more walk-in tickets today', () => {
    // KTP with a quota of four walk-ins; loket-1 takes KTP before KK, alone (loket-2 opened and left).
    const base = dayVenueInput();
    const { e, u, issue } = setup(testVenue({ ...base, services: base.services.map((s) => (s.id === 'ktp' ? { ...s, dailyQuota: 4 } : s)) }));
    e.setCounterStatus('loket-2', { status: 'open' }, u, at('08:00'));
    e.setCounterStatus('loket-2', { status: 'closed' }, u, at('08:00'));
    e.setCounterStatus('loket-1', { status: 'open' }, u, at('08:00'));
    for (const hhmm of ['08:00', '08:10', '08:20']) issue('ktp', hhmm);
    // Three KTP visitors wait and KTP came at 0.1 a minute: six more are expected within the hour.
    expect(e.estimator.forNewcomer('kk', null, at('08:30')).minutes).toBe(90);
    // The fourth and last KTP walk-in of the day: the KK visitor waits for the four only.
    issue('ktp', '08:30');
    expect(e.estimator.forNewcomer('kk', null, at('08:30')).minutes).toBe(40);
  });

  it('expects arrivals until the last ticket time only', () => {
    const { e, u, issue } = setup();
    e.setCounterStatus('loket-2', { status: 'open' }, u, at('13:30'));
    e.setCounterStatus('loket-2', { status: 'closed' }, u, at('13:30'));
    e.setCounterStatus('loket-1', { status: 'open' }, u, at('13:30'));
    for (const hhmm of ['13:30', '13:40', '13:50']) issue('ktp', hhmm);
    // At 14:00, KTP keeps coming at 0.1 a minute until the last ticket at 14:30: three more, not six.
    expect(e.estimator.forNewcomer('kk', null, at('14:00')).minutes).toBe(60);
  });

  it('measures arrivals over the last hour, the same after a restart', () => {
    const { e, issue } = setup();
    e.setCounterStatus('loket-1', { status: 'open' }, { userId: 'u' }, at('08:00'));
    for (const hhmm of ['08:00', '08:10', '08:20', '08:30', '09:10', '09:20']) issue('ktp', hhmm);
    // Six since 08:00; the hour to 09:25 holds three (08:30, 09:10, 09:20).
    expect(e.state.arrivalsPerMinute('ktp', at('09:25'))).toBeCloseTo(3 / 60, 5);
    // Early on, the few first tickets count over a quarter of an hour at least.
    expect(e.state.arrivalsPerMinute('ktp', at('08:05'))).toBeCloseTo(1 / 15, 5);
    expect(e.state.arrivalsPerMinute('kk', at('09:25'))).toBe(0);
    const again = DayState.fromDoc(e.venue, e.state.toDoc(), at('09:25'));
    expect(again.arrivalsPerMinute('ktp', at('09:25'))).toBeCloseTo(3 / 60, 5);
  });

  it('counts the arrivals who go ahead of the line: visitors sent on as they come, priority visitors as their share of everyone', () => {
    const { e, u, issue } = setup();
    e.setCounterStatus('loket-1', { status: 'open' }, u, at('08:00'));
    for (const hhmm of ['08:00', '08:10', '08:20']) issue('ktp', hhmm);
    e.issue({ serviceId: 'ktp', priority: 'lansia', source: { kind: 'kiosk', id: 'k' } }, at('08:30'));
    // A KTP visitor sent on to KK queues there from when they first queued: ahead of KK's line.
    const called = e.callNext('loket-1', u, at('08:40')).value!;
    e.transfer(called.id, { toServiceId: 'kk' }, u, at('08:45'));
    // KTP: three arrivals in the hour to 09:00, and one visitor in four so far today has priority.
    expect(e.state.arrivalsPerMinute('ktp', at('09:00'))).toBeCloseTo(3 / 60, 5);
    expect(e.state.aheadPerMinute('ktp', at('09:00'), 5)).toBeCloseTo(3 / 60 / 4, 5);
    // KK: the one sent on, over the quarter of an hour since.
    expect(e.state.aheadPerMinute('kk', at('09:00'), 5)).toBeCloseTo(1 / 15, 5);
    const again = DayState.fromDoc(e.venue, e.state.toDoc(), at('09:00'));
    expect(again.aheadPerMinute('ktp', at('09:00'), 5)).toBeCloseTo(3 / 60 / 4, 5);
    // Two priority visitors at Polres's door are not all of Polres to come: the building's share
    // so far (three in six) is worth five visitors against their two.
    for (let i = 0; i < 2; i++) e.issue({ serviceId: 'skck', priority: 'ibu_hamil', source: { kind: 'kiosk', id: 'k' } }, at('09:00'));
    expect(e.state.priorityShare('skck', 5)).toBeCloseTo((2 + 5 * 0.5) / 7, 5);
    expect(e.state.priorityShare('skck', 0)).toBe(1);
  });

  it('lets booked visitors go ahead of walk-ins from their slot on, a few in a row at most', () => {
    const desk = { id: 'd', serviceIds: ['a'], freeAt: 0, breaks: [], closesAt: Infinity };
    const m = 60000;
    const base = {
      now: 0,
      counters: [desk],
      waiting: new Map([['a', 3]]),
      minutes: new Map([['a', 10]]),
      serviceId: 'a',
      positions: 3,
      booked: new Map([['a', [5 * m, 6 * m]]]),
    };
    const min = (xs: (number | null)[]) => xs.map((x) => (x === null ? null : x / m));
    // Both slots have come when the desk is next free: two booked in a row, then the walk-ins again.
    expect(min(forecastCalls({ ...base, bookedRatio: 2 }))).toEqual([0, 30, 40]);
    // One booked per walk-in.
    expect(min(forecastCalls({ ...base, bookedRatio: 1 }))).toEqual([0, 20, 40]);
    // Slots already come: two booked first; unless two were just called in a row, then a walk-in first.
    const due = { ...base, booked: new Map([['a', [0, 0]]]), bookedRatio: 2 };
    expect(min(forecastCalls(due))).toEqual([20, 30, 40]);
    expect(min(forecastCalls({ ...due, bookedStreaks: new Map([['a', 2]]) }))).toEqual([0, 30, 40]);
  });

  it('lets a shared desk take the visitors still arriving for the service it serves first', () => {
    const desk = { id: 'd', serviceIds: ['a', 'b'], freeAt: 0, breaks: [], closesAt: Infinity };
    const base = {
      now: 0,
      counters: [desk],
      waiting: new Map([
        ['a', 0],
        ['b', 3],
      ]),
      minutes: new Map([
        ['a', 10],
        ['b', 10],
      ]),
      serviceId: 'b',
      positions: 3,
    };
    const min = (xs: (number | null)[]) => xs.map((x) => (x === null ? null : x / 60000));
    expect(min(forecastCalls(base))).toEqual([0, 10, 20]);
    // One visitor of `a` every 20 minutes: the desk takes the one who has come by minute 20 before the third of `b`.
    expect(min(forecastCalls({ ...base, arrivals: new Map([['a', 1 / 20]]) }))).toEqual([0, 10, 30]);
    // Arrivals for the line itself come after it: they change nothing.
    expect(min(forecastCalls({ ...base, arrivals: new Map([['b', 5]]) }))).toEqual([0, 10, 20]);
  });

  it('counts the visitor already at the desk', () => {
    const { e, u, issue } = setup(testVenue());
    const now = Date.parse('2026-11-25T01:00:00Z');
    e.setCounterStatus('loket-4', { status: 'open' }, u, now);
    issue('sertipikat', '09:00');
    e.callNext('loket-4', u, now);
    e.start('loket-4', u, now + 5 * 60000);
    // Started 5 min ago, 20 min expected: the desk is free in 15.
    expect(e.estimator.forNewcomer('sertipikat', null, now + 10 * 60000).minutes).toBe(15);
  });

  it('takes a visit running past its expected length to have about half a visit left, and learns the tail from the visits measured', () => {
    const { e, u, issue } = setup(testVenue());
    const now = Date.parse('2026-11-25T01:00:00Z');
    e.setCounterStatus('loket-4', { status: 'open' }, u, now);
    issue('sertipikat', '09:00');
    e.callNext('loket-4', u, now);
    e.start('loket-4', u, now);
    // 25 min into a 20-minute visit: not "free now", but half a visit (10 min) from its end.
    expect(e.estimator.forNewcomer('sertipikat', null, now + 25 * 60000).minutes).toBe(10);
    expect(e.estimator.remainingMinutes('sertipikat', 25, 20)).toBe(10);
    // Measured today: visits of 40 and 50 minutes. Past 25 minutes those still took 15 and 25:
    // (2 x 10 + 15 + 25) / 4 = 15 min left.
    e.finish('loket-4', u, now + 40 * 60000);
    issue('sertipikat', '09:40');
    e.callNext('loket-4', u, now + 40 * 60000);
    e.start('loket-4', u, now + 40 * 60000);
    e.finish('loket-4', u, now + 90 * 60000);
    expect(e.estimator.remainingMinutes('sertipikat', 25, 20)).toBe(15);
  });

  it('waits out a scheduled break and warns when closing comes first', () => {
    const { e, u, issue } = setup();
    e.setCounterStatus('loket-4', { status: 'open' }, u, at('08:00'));
    for (let i = 0; i < 4; i++) issue('sertipikat', '11:30');
    // 4 visitors of 20 min from 11:30: 11:30, 11:50, then lunch, 13:00, 13:20: the newcomer at 13:40.
    expect(e.estimator.forNewcomer('sertipikat', null, at('11:30')).minutes).toBe(130);
    expect(e.estimator.queueInfo('sertipikat', at('11:30')).servedBeforeClose).toBe(true);
    // At 14:20 with 4 waiting the fifth would be called at 15:40, after the 15:00 close.
    const late = setup();
    late.e.setCounterStatus('loket-4', { status: 'open' }, u, at('08:00'));
    for (let i = 0; i < 4; i++) late.issue('sertipikat', '14:20');
    expect(late.e.estimator.queueInfo('sertipikat', at('14:20'))).toMatchObject({ servedBeforeClose: false, estimatedWaitMinutes: 80 });
  });

  it('stops at an empty line and at closing time in the raw forecast', () => {
    const times = forecastCalls({
      now: 0,
      serviceId: 's',
      positions: 3,
      waiting: new Map([['s', 3]]),
      minutes: new Map([['s', 10]]),
      counters: [{ id: 'c', serviceIds: ['s'], freeAt: 0, breaks: [{ start: 10 * 60000, end: 20 * 60000 }], closesAt: 25 * 60000 }],
    });
    expect(times).toEqual([0, 20 * 60000, null]);
  });

  it('expects the arrivals of other services at their recent rate for the next hour only', () => {
    // The desk takes service a first; a's visitors came one per 10-minute visit. Carried on for
    // ever, s would never be called; for an hour, a's line runs dry at 70 min.
    const times = forecastCalls({
      now: 0,
      serviceId: 's',
      positions: 1,
      waiting: new Map([
        ['a', 1],
        ['s', 1],
      ]),
      minutes: new Map([
        ['a', 10],
        ['s', 10],
      ]),
      arrivals: new Map([['a', 1 / 10]]),
      counters: [{ id: 'c', serviceIds: ['a', 's'], freeAt: 0, breaks: [], closesAt: Infinity }],
    });
    expect(times).toEqual([70 * 60000]);
  });

  it('lets the visitors still arriving who go ahead (priority, sent on from another service) take their turns before the line', () => {
    const base = {
      now: 0,
      serviceId: 's',
      positions: 4,
      waiting: new Map([['s', 4]]),
      minutes: new Map([['s', 10]]),
      counters: [{ id: 'c', serviceIds: ['s'], freeAt: 0, breaks: [], closesAt: Infinity }],
    };
    const min = (xs: (number | null)[]) => xs.map((x) => (x === null ? null : x / 60000));
    expect(min(forecastCalls(base))).toEqual([0, 10, 20, 30]);
    // One priority visitor every 20 minutes: one takes the desk at 20 and another at 40, ahead of the line.
    expect(min(forecastCalls({ ...base, aheadArrivals: 1 / 20 }))).toEqual([0, 10, 30, 50]);
  });
});
