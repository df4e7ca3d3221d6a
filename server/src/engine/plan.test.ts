import { describe, expect, it } from 'vitest';
import type { AgencyDayState } from '../contract/plan.js';
import { parseVenue } from '../venue/load-venue.js';
import { dayVenue, dayVenueInput, wita } from '../testing/day-venue.js';
import { seqIds, testVenue, errorCode } from '../testing/builders.js';
import { Engine } from './engine.js';
import { dayPlan } from './plan.js';
import { DayState } from './state.js';

const WED = '2026-11-25';
const FRI = '2026-11-27';

function engineAt(day: string, venue = dayVenue()) {
  const e = new Engine(venue, DayState.fresh(venue, day, wita(day, '07:00')), { newId: seqIds() });
  const issue = (serviceId: string, at: number) => e.issue({ serviceId, source: { kind: 'kiosk', id: 'k' } }, at).value;
  return { e, issue };
}

const code = errorCode;

describe('the day plan', () => {
  it('follows the roster: counters per weekday, late starters, agencies without a roster unplanned', () => {
    const plan = dayPlan(dayVenue(), WED, new Map());
    expect(plan.counters.map((c) => [c.counterId, c.officer, c.from])).toEqual([
      ['loket-1', 'petugas1', wita(WED, '08:00')],
      ['loket-2', 'petugas2', wita(WED, '08:30')],
      ['loket-3', 'petugas3', wita(WED, '08:00')],
    ]);
    expect(plan.services.map((s) => [s.serviceId, s.status, s.from])).toEqual([
      ['ktp', 'planned', wita(WED, '08:00')],
      ['kk', 'planned', wita(WED, '08:00')],
      ['skck', 'planned', wita(WED, '08:00')],
      ['sertipikat', 'unplanned', null],
    ]);
    // Polres is not rostered on Fridays; nobody works at the weekend.
    expect(dayPlan(dayVenue(), FRI, new Map()).services.find((s) => s.serviceId === 'skck')?.status).toBe('closed');
    expect(dayPlan(dayVenue(), '2026-11-28', new Map()).services.every((s) => s.status === 'closed')).toBe(true);
  });

  it('marks an absent agency (with its reason) and moves a late one to its announced start', () => {
    const marks = new Map<string, AgencyDayState>([
      ['polres', { agencyId: 'polres', status: 'absent', reason: 'Petugas dinas luar', from: null, userId: 's', at: 0 }],
      ['dukcapil', { agencyId: 'dukcapil', status: 'late', reason: 'Rapat pagi', from: wita(WED, '09:15'), userId: 's', at: 0 }],
    ]);
    const plan = dayPlan(dayVenue(), WED, marks);
    expect(plan.services.find((s) => s.serviceId === 'skck')).toMatchObject({ status: 'absent', reason: 'Petugas dinas luar' });
    expect(plan.services.find((s) => s.serviceId === 'ktp')).toMatchObject({ status: 'planned', from: wita(WED, '09:15') });
    expect(plan.agencies.find((a) => a.agencyId === 'dukcapil')).toMatchObject({ status: 'late', reason: 'Rapat pagi' });
  });

  it('refuses a roster naming a counter of another agency or one that does not exist', () => {
    const input = dayVenueInput();
    input.agencies[1] = { ...input.agencies[1]!, roster: [{ counterId: 'loket-1' }, { counterId: 'loket-99' }] };
    expect(() => parseVenue(input, 'x')).toThrow(/belongs to agency "dukcapil".*|loket-99/s);
  });

  it('leaves a venue without rosters as it was: nothing planned', () => {
    const plan = dayPlan(testVenue(), WED, new Map());
    expect(plan.counters).toEqual([]);
    expect(plan.services.every((s) => s.status === 'unplanned')).toBe(true);
  });
});

describe('tickets before the officer sits down', () => {
  it('issues from opening time for planned services with no counter open, saying when service starts', () => {
    const { e, issue } = engineAt(WED);
    expect(code(() => issue('ktp', wita(WED, '07:55')))).toBe('OUTSIDE_HOURS');
    const t = issue('ktp', wita(WED, '08:01'));
    expect(t.number).toBe('A-001');
    const now = wita(WED, '08:01');
    expect(e.estimator.queueInfo('ktp', now)).toMatchObject({ available: true, serviceStartsAt: wita(WED, '08:00'), countersOpen: 0 });
    expect(e.estimator.ticketView(t, now)).toMatchObject({ serviceStartsAt: wita(WED, '08:00'), ahead: 0 });
    // An unplanned agency still needs an open counter, as before.
    expect(code(() => issue('sertipikat', now))).toBe('NO_COUNTER_OPEN');
    // Once a counter opens the start time is no longer announced.
    e.setCounterStatus('loket-1', { status: 'open' }, { userId: 'u' }, now);
    expect(e.estimator.queueInfo('ktp', now).serviceStartsAt).toBeNull();
  });

  it('estimates from the late start of a late agency', () => {
    const { e, issue } = engineAt(WED);
    e.setAgencyDay('dukcapil', { status: 'late', from: '09:30', reason: 'Rapat' }, { userId: 's' }, wita(WED, '07:50'));
    issue('ktp', wita(WED, '08:10'));
    const q = e.estimator.queueInfo('ktp', wita(WED, '08:10'));
    expect(q.serviceStartsAt).toBe(wita(WED, '09:30'));
    // 80 minutes to the start: both planned desks take a visitor at 09:30, the one ahead and the newcomer.
    expect(q.estimatedWaitMinutes).toBe(80);
  });

  it('counts a rostered desk not open yet from its planned start, until it is late enough to raise the alert', () => {
    const { e, issue } = engineAt(WED);
    const u = { userId: 'u' };
    // loket-1 opens at 08:20; loket-2 (KK first, then KTP) is rostered from 08:30.
    e.setCounterStatus('loket-1', { status: 'open' }, u, wita(WED, '08:20'));
    for (let i = 0; i < 4; i++) issue('ktp', wita(WED, '08:20'));
    // Four KTP visitors ahead at 10 minutes: loket-1 takes one at 08:20, both desks one each at 08:30,
    // and at 08:40 the newcomer's turn comes (loket-1 alone would take 40 minutes).
    expect(e.estimator.forNewcomer('ktp', null, wita(WED, '08:20')).minutes).toBe(20);
    // Its officer is late, still counted (from now): nobody called yet, two desks take the four ahead by 08:50.
    expect(e.estimator.forNewcomer('ktp', null, wita(WED, '08:40')).minutes).toBe(20);
    // Fifteen minutes past its start (the late-opening alert), nobody knows when it comes: loket-1 alone.
    expect(e.estimator.forNewcomer('ktp', null, wita(WED, '08:45')).minutes).toBe(40);
    // A desk that opened and closed again today is not expected back either.
    const other = engineAt(WED);
    other.e.setCounterStatus('loket-1', { status: 'open' }, u, wita(WED, '08:20'));
    other.e.setCounterStatus('loket-2', { status: 'open' }, u, wita(WED, '08:20'));
    other.e.setCounterStatus('loket-2', { status: 'closed' }, u, wita(WED, '08:21'));
    for (let i = 0; i < 4; i++) other.issue('ktp', wita(WED, '08:21'));
    expect(other.e.estimator.forNewcomer('ktp', null, wita(WED, '08:21')).minutes).toBe(40);
  });

  it('never issues for an agency marked absent, and says why', () => {
    const { e, issue } = engineAt(WED);
    e.setAgencyDay('polres', { status: 'absent', reason: 'Petugas dinas luar' }, { userId: 's' }, wita(WED, '07:30'));
    expect(code(() => issue('skck', wita(WED, '08:30')))).toBe('SERVICE_CLOSED');
    // Even with the counter open by hand.
    e.setCounterStatus('loket-3', { status: 'open' }, { userId: 'u' }, wita(WED, '08:30'));
    expect(code(() => issue('skck', wita(WED, '08:31')))).toBe('SERVICE_CLOSED');
    expect(e.estimator.queueInfo('skck', wita(WED, '08:31'))).toMatchObject({ available: false, reason: 'closed_today', closedReason: 'Petugas dinas luar' });
    e.setAgencyDay('polres', { status: 'present' }, { userId: 's' }, wita(WED, '09:00'));
    expect(issue('skck', wita(WED, '09:01')).number).toBe('C-001');
  });

  it('does not send a visitor to a service not planned today (Polres on a Friday)', () => {
    const { issue } = engineAt(FRI);
    expect(code(() => issue('skck', wita(FRI, '09:00')))).toBe('NO_COUNTER_OPEN');
  });

  it('keeps the marks across a restart: they are changes of the day like any other', () => {
    const { e } = engineAt(WED);
    const out = e.setAgencyDay('polres', { status: 'absent', reason: 'Sakit' }, { userId: 's' }, wita(WED, '07:30'));
    const venue = dayVenue();
    const replayed = DayState.fresh(venue, WED, wita(WED, '07:00'));
    for (const c of out.changes) replayed.apply(c);
    const again = DayState.fromDoc(venue, JSON.parse(JSON.stringify(replayed.toDoc())), wita(WED, '10:00'));
    const e2 = new Engine(venue, again, { newId: seqIds() });
    expect(e2.servicePlan('skck')).toMatchObject({ status: 'absent', reason: 'Sakit' });
    expect(code(() => e.setAgencyDay('nope', { status: 'present' }, { userId: 's' }, wita(WED, '08:00')))).toBe('AGENCY_NOT_FOUND');
  });
});
