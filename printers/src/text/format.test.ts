import { describe, expect, it } from 'vitest';
import { dateCandidates, formatAhead, formatTime, formatWait, zonedParts } from './format.js';

describe('WITA date and time', () => {
  it('prints Asia/Makassar time (UTC+8) labelled WITA, across the UTC date line', () => {
    const p = zonedParts(Date.UTC(2026, 10, 27, 17, 5), 'Asia/Makassar'); // 01.05 next day in WITA
    expect(formatTime(p)).toBe('01.05 WITA');
    expect(dateCandidates(p)[0]).toBe('Sabtu, 28 November 2026');
    expect(dateCandidates(p).at(-1)).toBe('28/11/2026');
  });

  it('labels the other Indonesian zones and falls back to WITA for a bad zone name', () => {
    expect(formatTime(zonedParts(Date.UTC(2026, 0, 1, 0, 0), 'Asia/Jakarta'))).toBe('07.00 WIB');
    expect(formatTime(zonedParts(Date.UTC(2026, 0, 1, 0, 0), 'Not/AZone'))).toBe('08.00 WITA');
  });

  it('words waits and queue length', () => {
    expect(formatWait(null)).toBe('belum tersedia');
    expect(formatWait(0)).toBe('segera');
    expect(formatWait(35)).toBe('± 35 menit');
    expect(formatWait(80)).toBe('± 1 jam 20 menit');
    expect(formatAhead(0)).toBe('Anda berikutnya');
    expect(formatAhead(12)).toBe('12 orang');
  });
});
