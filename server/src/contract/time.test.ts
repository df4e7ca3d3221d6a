import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { localDay, localParts, localTime } from './time.js';

const WITA = 'Asia/Makassar';
const HOUR = 3_600_000;

/** Asia/Makassar is UTC+8 all year (no daylight saving): its wall clock is UTC shifted by 8 hours. */
function expected(t: number) {
  const d = new Date(t + 8 * HOUR);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][d.getUTCDay()],
  };
}

describe('local time in the venue zone', () => {
  it('gives the wall-clock parts of any instant, also when asked again within the same second or across its edge', () => {
    const instants = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) });
    fc.assert(
      fc.property(instants, fc.array(fc.integer({ min: -1500, max: 1500 }), { maxLength: 6 }), (t, steps) => {
        expect(localParts(t, WITA)).toEqual(expected(t));
        for (const s of steps) expect(localParts(t + s, WITA)).toEqual(expected(t + s));
        // Another zone in between does not disturb the first one's answer.
        expect(localParts(t, 'UTC').hour).toBe(new Date(t).getUTCHours());
        expect(localParts(t, WITA)).toEqual(expected(t));
      }),
      { numRuns: 300 },
    );
  });

  it('rolls the service day over at local midnight, 16:00 UTC', () => {
    const midnight = Date.UTC(2026, 10, 27, 16, 0, 0);
    expect(localDay(midnight - 1, WITA)).toBe('2026-11-27');
    expect(localDay(midnight, WITA)).toBe('2026-11-28');
    expect(localTime(midnight - 1, WITA)).toBe('23:59');
    expect(localTime(midnight, WITA)).toBe('00:00');
  });

  it('hands out parts that cannot be changed by whoever reads them', () => {
    const p = localParts(Date.UTC(2026, 10, 28, 1, 30), WITA);
    expect(() => {
      (p as { hour: number }).hour = 0;
    }).toThrow(TypeError);
    expect(localParts(Date.UTC(2026, 10, 28, 1, 30), WITA).hour).toBe(9);
  });
});
