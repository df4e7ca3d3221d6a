import { describe, expect, it } from 'vitest';
import { clockTime, clockWithSeconds, duration, meanDuration } from './format';

describe('console time formats', () => {
  it('shows running durations as m:ss and h:mm:ss, never negative', () => {
    expect(duration(0)).toBe('0:00');
    expect(duration(65_400)).toBe('1:05');
    expect(duration(3_725_000)).toBe('1:02:05');
    expect(duration(-5000)).toBe('0:00');
  });

  it('shows venue wall-clock times in WITA whatever the browser zone', () => {
    const t = Date.parse('2026-11-25T01:30:09Z');
    expect(clockTime(t, 'Asia/Makassar')).toBe('09:30');
    expect(clockWithSeconds(t, 'Asia/Makassar')).toBe('09:30:09');
  });

  it('averages durations, or shows a dash when there are none', () => {
    expect(meanDuration([])).toBe('–');
    expect(meanDuration([60_000, 120_000])).toBe('1:30');
  });
});
