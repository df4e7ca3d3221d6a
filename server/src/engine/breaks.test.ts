import { describe, expect, it } from 'vitest';
import type { VenueInput } from '../contract/venue.js';
import { dayVenue, dayVenueInput, wita } from '../testing/day-venue.js';
import { seqIds, errorCode } from '../testing/builders.js';
import { Engine } from './engine.js';
import { DayState } from './state.js';

const WED = '2026-11-25';
const FRI = '2026-11-27';

function setup(day = WED, venue = dayVenue()) {
  const e = new Engine(venue, DayState.fresh(venue, day, wita(day, '07:00')), { newId: seqIds() });
  const at = (hhmm: string) => wita(day, hhmm);
  const u = { userId: 'u' };
  const open = (id: string, hhmm: string) => e.setCounterStatus(id, { status: 'open' }, u, at(hhmm));
  const issue = (serviceId: string, hhmm: string) => e.issue({ serviceId, source: { kind: 'kiosk', id: 'k' } }, at(hhmm)).value;
  const status = (id: string) => e.counterState(id).status;
  return { e, at, u, open, issue, status };
}

const code = errorCode;

describe('breaks that act', () => {
  it('pauses free counters at lunch by themselves, with the reason and the end of the break', () => {
    const { e, at, open, status } = setup();
    open('loket-1', '08:00');
    open('loket-3', '08:00');
    expect(e.scheduledPauses(at('11:59')).value).toEqual([]);
    const paused = e.scheduledPauses(at('12:00')).value;
    expect(paused.map((c) => c.counterId)).toEqual(['loket-1', 'loket-3']);
    expect(e.counterState('loket-1')).toMatchObject({ status: 'break', breakReason: 'Istirahat', breakUntil: at('13:00'), since: at('12:00') });
    expect(status('loket-2')).toBe('closed');
    // Evaluated again a few seconds later: nothing more to do.
    expect(e.scheduledPauses(at('12:00') + 5000).changes).toEqual([]);
  });

  it('lets the visitor at the desk finish first, then pauses the counter', () => {
    const { e, at, u, open, issue } = setup();
    open('loket-1', '08:00');
    issue('ktp', '11:50');
    e.callNext('loket-1', u, at('11:55'));
    expect(e.scheduledPauses(at('12:00')).value).toEqual([]);
    e.finish('loket-1', u, at('12:04'));
    expect(e.scheduledPauses(at('12:04') + 3000).value.map((c) => c.counterId)).toEqual(['loket-1']);
  });

  it('resumes calling when the officer comes back, early or late, and does not pause them again', () => {
    const { e, at, u, open, issue, status } = setup();
    open('loket-1', '08:00');
    e.scheduledPauses(at('12:00'));
    issue('ktp', '12:10');
    e.callNext('loket-1', u, at('12:30'));
    expect(status('loket-1')).toBe('open');
    e.finish('loket-1', u, at('12:40'));
    expect(e.scheduledPauses(at('12:41')).value).toEqual([]);
    expect(status('loket-1')).toBe('open');
  });

  it('pauses on a Friday for the Friday prayer from 11:30', () => {
    const { e, at, open } = setup(FRI);
    open('loket-1', '08:00');
    expect(e.scheduledPauses(at('11:29')).value).toEqual([]);
    expect(e.scheduledPauses(at('11:30')).value[0]).toMatchObject({ breakReason: 'Istirahat & Salat Jumat', breakUntil: at('13:00') });
  });

  it('pauses the desks of an agency serving through breaks in turns, and stops tickets of an agency that asks for it', () => {
    const input: VenueInput = dayVenueInput();
    input.agencies[0] = { ...input.agencies[0]!, serveThroughBreaks: true };
    input.agencies[1] = { ...input.agencies[1]!, ticketsDuringBreaks: false };
    const { e, at, open, issue, status } = setup(WED, dayVenue(input));
    open('loket-1', '08:00');
    open('loket-2', '08:30');
    open('loket-3', '08:00');
    // Dukcapil's two desks split the hour: loket-1 until 12:30, then loket-2 until 13:00; Polres pauses whole.
    const first = e.scheduledPauses(at('12:00')).value;
    expect(first.map((c) => c.counterId)).toEqual(['loket-1', 'loket-3']);
    expect(first[0]).toMatchObject({ breakUntil: at('12:30'), breakReason: 'Istirahat' });
    expect(status('loket-2')).toBe('open');
    e.setCounterStatus('loket-1', { status: 'open' }, { userId: 'u' }, at('12:30'));
    const second = e.scheduledPauses(at('12:30')).value;
    expect(second.map((c) => c.counterId)).toEqual(['loket-2']);
    expect(second[0]).toMatchObject({ breakUntil: at('13:00') });
    expect(status('loket-1')).toBe('open');
    expect(issue('ktp', '12:35').number).toBe('A-001');
    expect(code(() => issue('skck', '12:35'))).toBe('ON_BREAK');
    expect(e.estimator.queueInfo('skck', at('12:35'))).toMatchObject({ available: false, reason: 'on_break', opensAt: at('13:00') });
    expect(issue('skck', '13:00').number).toBe('C-001');
  });

  it('estimates with the turns of an agency serving through breaks', () => {
    const input: VenueInput = dayVenueInput();
    input.agencies[0] = { ...input.agencies[0]!, serveThroughBreaks: true };
    const { e, at, open, issue } = setup(WED, dayVenue(input));
    open('loket-1', '08:00');
    open('loket-2', '08:30');
    for (let i = 0; i < 5; i++) issue('ktp', '11:59');
    e.scheduledPauses(at('12:00'));
    // 10-minute visits. loket-2 takes three before its turn at 12:30; loket-1, back at 12:30, the
    // fourth and fifth; the newcomer at 12:50 (both desks from 12:00 would say 20 minutes, the
    // whole break for both 80).
    expect(e.estimator.forNewcomer('ktp', null, at('12:00'))).toEqual({ ahead: 5, minutes: 50 });
  });

  it('keeps issuing during lunch with an estimate that waits for the break to end', () => {
    const { e, at, open, issue } = setup();
    open('loket-3', '08:00');
    e.scheduledPauses(at('12:00'));
    issue('skck', '12:15');
    // 45 minutes of break left, then one visitor ahead at 12 minutes.
    expect(e.estimator.queueInfo('skck', at('12:15')).estimatedWaitMinutes).toBe(57);
  });
});

describe('breaks in a demo at any hour', () => {
  it('does not pause counters when opening hours are ignored', () => {
    const venue = dayVenue();
    const e = new Engine(venue, DayState.fresh(venue, WED, wita(WED, '07:00')), { newId: seqIds(), ignoreHours: true });
    e.setCounterStatus('loket-1', { status: 'open' }, { userId: 'u' }, wita(WED, '08:00'));
    expect(e.scheduledPauses(wita(WED, '12:00')).changes).toEqual([]);
  });
});
