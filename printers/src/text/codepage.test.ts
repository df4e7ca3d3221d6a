import { describe, expect, it } from 'vitest';
import { CODE_PAGE_PC437, CODE_PAGE_WPC1252, decodeCodePage, encodePc437, toPrintable } from './codepage.js';

describe('PC437 code page', () => {
  it('maps all 128 high bytes one-to-one', () => {
    const high = Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i));
    const text = decodeCodePage(high, CODE_PAGE_PC437);
    expect([...text]).toHaveLength(128);
    expect(encodePc437(text)).toEqual(high);
    expect(decodeCodePage(Buffer.from([0x82, 0xf1, 0xf8]), CODE_PAGE_PC437)).toBe('é±°');
  });

  it('keeps Indonesian text and characters PC437 has', () => {
    expect(toPrintable('Perekaman KTP-el ± 35 menit, café')).toBe('Perekaman KTP-el ± 35 menit, café');
  });

  it('transliterates what PC437 lacks instead of printing garbage', () => {
    expect(toPrintable('“Loket” – lantai 2… Ş Ő ł ₹')).toBe('"Loket" - lantai 2... S O l ?');
  });

  it('drops control characters so data cannot inject printer commands', () => {
    expect(toPrintable('A\x1bd\x05-007\x1dV\x00')).toBe('Ad-007V');
  });

  it('decodes WPC1252 when that page is selected', () => {
    expect(decodeCodePage(Buffer.from([0x80, 0xe9]), CODE_PAGE_WPC1252)).toBe('€é');
  });
});
