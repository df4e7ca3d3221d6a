import { describe, expect, it } from 'vitest';
import { computeAlerts } from './alerts.js';
import { Engine } from '../engine/engine.js';
import { DayState } from '../engine/state.js';
import { seqIds, testVenue, TestClock } from '../testing/builders.js';
import { localDay } from '../contract/time.js';
import type { Venue } from '../contract/venue.js';

function setup(venue: Venue = testVenue()) {
  const clock = new TestClock();
  const e = new Engine(venue, DayState.fresh(venue, localDay(clock.t, venue.timeZone), clock.t), { newId: seqIds() });
  const actor = { userId: 'u' };
  const status = (id: string, s: 'open' | 'closed') => e.setCounterStatus(id, { status: s }, actor, clock.t);
  const pause = (id: string, minutes: number) => e.setCounterStatus(id, { status: 'break', reason: 'Istirahat', minutes }, actor, clock.t);
  const issue = (serviceId: string) => e.issue({ serviceId, source: { kind: 'kiosk', id: 'k' } }, clock.t).value;
  const alerts = () =>
    computeAlerts({ venue, queues: e.estimator.queues(clock.t), counters: venue.counters.map((c) => e.estimator.publicCounter(c.id)), now: clock.t });
  const kinds = () => alerts().map((a) => `${a.serviceId}:${a.kind}`);
  for (const c of venue.counters) status(c.id, 'open');
  return { e, clock, status, pause, issue, alerts, kinds };
}

describe('computeAlerts', () => {
  it('is quiet when nobody waits, whatever the counters do', () => {
    const s = setup();
    s.status('loket-4', 'closed');
    s.clock.minutes(120);
    expect(s.alerts()).toEqual([]);
  });

  it('raises waiting_no_counter (critical) when visitors wait and every counter of the service is closed', () => {
    const s = setup();
    s.issue('sertipikat');
    s.issue('sertipikat');
    s.status('loket-4', 'closed');
    s.clock.minutes(3);
    const [a, ...rest] = s.alerts();
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ kind: 'waiting_no_counter', severity: 'critical', serviceId: 'sertipikat', agencyId: 'bpn', floor: 2, waiting: 2, minutes: 3 });
    expect(a!.message.id).toContain('tidak ada loket yang buka');
    expect(a!.message.en).toContain('no counter open');
    s.status('loket-4', 'open');
    expect(s.alerts()).toEqual([]);
  });

  it('a counter on a break still counts as staffed: no waiting_no_counter', () => {
    const s = setup();
    s.issue('sertipikat');
    s.pause('loket-4', 30);
    expect(s.kinds()).toEqual([]);
  });

  it('raises idle_queue after idleAlertMinutes without a call, measured from the later of last call and oldest wait', () => {
    const s = setup(testVenue({ settings: { idleAlertMinutes: 10 } }));
    s.issue('skck');
    s.clock.minutes(9);
    expect(s.kinds()).toEqual([]);
    s.clock.minutes(1);
    expect(s.alerts()[0]).toMatchObject({ kind: 'idle_queue', severity: 'warning', minutes: 10, limitMinutes: 10 });
    s.issue('skck');
    s.e.callNext('loket-3', { userId: 'u' }, s.clock.t);
    expect(s.kinds()).toEqual([]);
    s.clock.minutes(10);
    expect(s.kinds()).toEqual(['skck:idle_queue']);
  });

  it('does not nag while every counter is on a break that has not run over; does once it has', () => {
    const s = setup(testVenue({ settings: { idleAlertMinutes: 5 } }));
    s.issue('sertipikat');
    s.pause('loket-4', 20);
    s.clock.minutes(19);
    expect(s.kinds()).toEqual([]);
    s.clock.minutes(2);
    expect(s.kinds()).toEqual(['sertipikat:idle_queue']);
  });

  it('still nags when one counter of the service is open and only another is on a break', () => {
    const s = setup(testVenue({ settings: { idleAlertMinutes: 5 } }));
    s.issue('kk');
    s.pause('loket-2', 60);
    s.clock.minutes(5);
    expect(s.kinds()).toEqual(['kk:idle_queue']);
  });

  it('raises wait_over_target past the service target wait, with both thresholds named', () => {
    const venue = testVenue({
      settings: { idleAlertMinutes: 60 },
      services: testVenue().services.map((x) => (x.id === 'ktp' ? { ...x, targetWaitMinutes: 20 } : x)),
    });
    const s = setup(venue);
    s.issue('ktp');
    s.clock.minutes(20);
    expect(s.kinds()).toEqual([]);
    s.clock.minutes(1);
    const a = s.alerts();
    expect(a.map((x) => x.kind)).toEqual(['wait_over_target']);
    expect(a[0]).toMatchObject({ minutes: 21, limitMinutes: 20, since: s.clock.t - 21 * 60000 });
    expect(a[0]!.message.en).toContain('target 20 min');
  });

  it('sorts critical first, then the longest', () => {
    const s = setup(testVenue({ settings: { idleAlertMinutes: 5 } }));
    s.issue('skck');
    s.clock.minutes(10);
    s.issue('sertipikat');
    s.status('loket-4', 'closed');
    s.clock.minutes(1);
    expect(s.kinds()).toEqual(['sertipikat:waiting_no_counter', 'skck:idle_queue']);
  });
});
