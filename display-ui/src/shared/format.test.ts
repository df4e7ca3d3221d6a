import { describe, expect, it } from 'vitest';
import type { PublicCounter } from '@antre/server/contract';
import { counterState, formatClock, formatDate } from './format';

const TZ = 'Asia/Makassar';
// 2026-11-25 01:00 UTC = 09:00 WITA, a Wednesday.
const T = Date.parse('2026-11-25T01:00:00Z');
const counter = (over: Partial<PublicCounter>): PublicCounter => ({
  counterId: 'loket-1',
  status: 'open',
  since: 0,
  breakReason: null,
  breakUntil: null,
  ticket: null,
  lastCallAt: null,
  ...over,
});

describe('format', () => {
  it('shows the WITA date and clock regardless of the machine zone', () => {
    expect(formatDate(T, TZ)).toEqual({ id: 'Rabu, 25 November 2026', en: 'Wednesday, 25 November 2026' });
    expect(formatClock(T + 7000, TZ)).toBe('09:00:07');
    // 16:30 UTC is already the next day in WITA.
    expect(formatDate(Date.parse('2026-12-31T16:30:00Z'), TZ).id).toBe('Jumat, 1 Januari 2027');
  });

  it('says break until HH:MM in WITA, closed, called and serving', () => {
    expect(counterState(counter({ status: 'break', breakUntil: Date.parse('2026-11-25T04:30:00Z') }), TZ)).toEqual({
      tone: 'break',
      label: { id: 'Istirahat s.d. 12:30', en: 'Break until 12:30' },
    });
    expect(counterState(counter({ status: 'break' }), TZ).label.id).toBe('Istirahat');
    // Past the return time the tile says by how much, not a time already gone.
    const until = Date.parse('2026-11-25T04:30:00Z');
    expect(counterState(counter({ status: 'break', breakUntil: until }), TZ, until + 59_000).label.id).toBe('Istirahat s.d. 12:30');
    expect(counterState(counter({ status: 'break', breakUntil: until }), TZ, until + 3 * 60000 + 5000).label).toEqual({
      id: 'Istirahat (lewat 3 mnt)',
      en: 'On a break (3 min over)',
    });
    expect(counterState(counter({ status: 'closed' }), TZ).tone).toBe('closed');
    expect(counterState(undefined, TZ).tone).toBe('closed');
    const ticket = { id: 't1', number: 'A-001', serviceId: 'ktp', calledAt: T, booked: false };
    expect(counterState(counter({ ticket: { ...ticket, status: 'called' } }), TZ).tone).toBe('called');
    expect(counterState(counter({ ticket: { ...ticket, status: 'serving' } }), TZ).label.id).toBe('Dilayani');
    expect(counterState(counter({}), TZ)).toEqual({ tone: 'idle', label: { id: 'Siap', en: 'Ready' } });
  });
});
