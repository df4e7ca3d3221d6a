import { describe, expect, it } from 'vitest';
import { Engine } from './engine.js';
import { DayState } from './state.js';
import { seqIds } from '../testing/builders.js';
import { dayVenue, wita } from '../testing/day-venue.js';
import { arrivalProfile, profileBetween } from './arrival-profile.js';

const DAY = '2026-11-25';
const YESTERDAY = '2026-11-24';
const TZ = 'Asia/Makassar';

/** A usual day: `perMinute` tickets a minute over each [from, to) stretch. */
function usualDay(...stretches: [from: string, to: string, perMinute: number][]) {
  const issuedAt: number[] = [];
  for (const [from, to, perMinute] of stretches)
    for (let t = wita(YESTERDAY, from); t < wita(YESTERDAY, to); t += 60000) for (let i = 0; i < perMinute; i++) issuedAt.push(t);
  return arrivalProfile([{ day: YESTERDAY, issuedAt }], TZ);
}

/**
 * loket-1 takes KTP before KK, alone (loket-2 opened and left). Three KTP visitors came 08:00-08:20
 * (one per 10-minute visit: the desk is just kept busy by them) and wait; a KK visitor comes at 08:30.
 */
function kkWaitAt0830(profile: number[] | null) {
  const venue = dayVenue();
  const e = new Engine(venue, DayState.fresh(venue, DAY, wita(DAY, '07:00')), { newId: seqIds(), arrivalProfile: profile });
  const u = { userId: 'u' };
  e.setCounterStatus('loket-2', { status: 'open' }, u, wita(DAY, '08:00'));
  e.setCounterStatus('loket-2', { status: 'closed' }, u, wita(DAY, '08:00'));
  e.setCounterStatus('loket-1', { status: 'open' }, u, wita(DAY, '08:00'));
  for (const hhmm of ['08:00', '08:10', '08:20']) e.issue({ serviceId: 'ktp', source: { kind: 'kiosk', id: 'k' } }, wita(DAY, hhmm));
  return e.estimator.forNewcomer('kk', null, wita(DAY, '08:30')).minutes;
}

describe("the usual day's arrivals", () => {
  it('spreads recent days over the minutes of the day, averaged per day and over the quarter hour around each minute', () => {
    const p = arrivalProfile(
      [
        { day: YESTERDAY, issuedAt: [wita(YESTERDAY, '08:00'), wita(YESTERDAY, '08:00'), wita(YESTERDAY, '09:30')] },
        { day: '2026-11-23', issuedAt: [wita('2026-11-23', '08:00')] },
      ],
      TZ,
    )!;
    const between = profileBetween(p, DAY, TZ);
    // 1.5 tickets a day at 08:00, spread over 07:53-08:07.
    expect(between(wita(DAY, '07:53'), wita(DAY, '08:08'))).toBeCloseTo(1.5, 9);
    expect(between(wita(DAY, '08:00'), wita(DAY, '08:01'))).toBeCloseTo(0.1, 9);
    expect(between(wita(DAY, '08:00'), wita(DAY, '08:00') + 30000)).toBeCloseTo(0.05, 9);
    expect(between(wita(DAY, '08:08'), wita(DAY, '09:23'))).toBe(0);
    expect(between(wita(DAY, '07:00'), wita(DAY, '10:00'))).toBeCloseTo(2, 9);
    expect(arrivalProfile([], TZ)).toBeNull();
  });

  it("carries today's rate on for the next hour as the usual day goes", () => {
    // No history: KTP keeps coming at 0.1 a minute for the next hour; the KK visitor waits for the
    // three KTP visitors and six more: 90 minutes.
    expect(kkWaitAt0830(null)).toBe(90);
    // The usual day is as busy over the next hour as it was since 08:00: the same.
    expect(kkWaitAt0830(usualDay(['07:00', '11:00', 1]))).toBe(90);
    // The usual morning ebbs to half its pace from 08:45: today's 0.1 a minute does too (about 3.75
    // more KTP visitors in the hour, not six), and the KTP line empties by 09:30.
    expect(kkWaitAt0830(usualDay(['07:00', '08:45', 2], ['08:45', '11:00', 1]))).toBe(60);
    // The usual morning picks up to twice its pace from 08:45: about 10.5 more KTP visitors in the hour.
    expect(kkWaitAt0830(usualDay(['07:00', '08:45', 1], ['08:45', '11:00', 2]))).toBe(130);
  });
});
