import { describe, expect, it } from 'vitest';
import { NUMBER_WORDS, digitsToWords, numberToWords } from './number-to-words';

const read = (n: number) => numberToWords(n).join(' ');

/** An independent reader of Indonesian number words, to check the writer round-trips. */
function parse(words: string[]): number {
  const unit: Record<string, number> = { nol: 0, satu: 1, dua: 2, tiga: 3, empat: 4, lima: 5, enam: 6, tujuh: 7, delapan: 8, sembilan: 9 };
  let total = 0;
  let group = 0;
  let last = 0;
  for (const w of words) {
    if (w in unit) last = unit[w]!;
    else if (w === 'sepuluh') group += 10;
    else if (w === 'sebelas') group += 11;
    else if (w === 'seratus') group += 100;
    else if (w === 'belas' || w === 'puluh' || w === 'ratus') {
      group += w === 'belas' ? 10 + last : last * (w === 'puluh' ? 10 : 100);
      last = 0;
    } else if (w === 'seribu') total += 1000;
    else {
      const size = { ribu: 1e3, juta: 1e6, miliar: 1e9 }[w];
      if (!size) throw new Error(`unknown word ${w}`);
      total += (group + last) * size;
      group = 0;
      last = 0;
    }
  }
  return total + group + last;
}

describe('numberToWords', () => {
  it.each([
    [0, 'nol'],
    [1, 'satu'],
    [2, 'dua'],
    [3, 'tiga'],
    [4, 'empat'],
    [5, 'lima'],
    [6, 'enam'],
    [7, 'tujuh'],
    [8, 'delapan'],
    [9, 'sembilan'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [12, 'dua belas'],
    [13, 'tiga belas'],
    [15, 'lima belas'],
    [19, 'sembilan belas'],
    [20, 'dua puluh'],
    [21, 'dua puluh satu'],
    [23, 'dua puluh tiga'],
    [30, 'tiga puluh'],
    [47, 'empat puluh tujuh'],
    [55, 'lima puluh lima'],
    [80, 'delapan puluh'],
    [99, 'sembilan puluh sembilan'],
    [100, 'seratus'],
    [101, 'seratus satu'],
    [105, 'seratus lima'],
    [110, 'seratus sepuluh'],
    [111, 'seratus sebelas'],
    [112, 'seratus dua belas'],
    [119, 'seratus sembilan belas'],
    [120, 'seratus dua puluh'],
    [199, 'seratus sembilan puluh sembilan'],
    [200, 'dua ratus'],
    [201, 'dua ratus satu'],
    [210, 'dua ratus sepuluh'],
    [211, 'dua ratus sebelas'],
    [317, 'tiga ratus tujuh belas'],
    [400, 'empat ratus'],
    [512, 'lima ratus dua belas'],
    [640, 'enam ratus empat puluh'],
    [707, 'tujuh ratus tujuh'],
    [888, 'delapan ratus delapan puluh delapan'],
    [910, 'sembilan ratus sepuluh'],
    [999, 'sembilan ratus sembilan puluh sembilan'],
    [1000, 'seribu'],
    [1001, 'seribu satu'],
    [1011, 'seribu sebelas'],
    [1100, 'seribu seratus'],
    [1999, 'seribu sembilan ratus sembilan puluh sembilan'],
    [2000, 'dua ribu'],
    [2026, 'dua ribu dua puluh enam'],
    [10000, 'sepuluh ribu'],
    [11000, 'sebelas ribu'],
    [12345, 'dua belas ribu tiga ratus empat puluh lima'],
    [100000, 'seratus ribu'],
    [101000, 'seratus satu ribu'],
    [999999, 'sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan'],
    [1000000, 'satu juta'],
    [1001000, 'satu juta seribu'],
    [2500000, 'dua juta lima ratus ribu'],
    [1000000000, 'satu miliar'],
  ])('%i is "%s"', (n, words) => {
    expect(read(n)).toBe(words);
  });

  const all = Array.from({ length: 1000 }, (_, n) => n);

  it('reads every number 0-999 back to itself (independent parser)', () => {
    for (const n of all) expect(parse(numberToWords(n)), `${n}: ${read(n)}`).toBe(n);
  });

  it('gives 1000 different readings for 0-999', () => {
    expect(new Set(all.map(read)).size).toBe(1000);
  });

  it('uses only words that have a clip, and "nol" only for zero', () => {
    const bad = all.filter((n) => {
      const w = numberToWords(n);
      return w.some((x) => !NUMBER_WORDS.includes(x)) || w.includes('nol') !== (n === 0);
    });
    expect(bad).toEqual([]);
  });

  it('never says "satu" before a multiplier ("seratus", not "satu ratus")', () => {
    for (const n of all) expect(read(n)).not.toMatch(/satu (puluh|belas|ratus|ribu)/);
  });

  it('puts belas exactly on the teens 12-19 and puluh exactly from 20 within each hundred', () => {
    for (const n of all) {
      const r = n % 100;
      expect(numberToWords(n).includes('belas'), String(n)).toBe(r >= 12 && r <= 19);
      expect(numberToWords(n).includes('puluh'), String(n)).toBe(r >= 20);
    }
  });

  it('composes hundreds: n = h*100 + r reads as the hundred then the reading of r', () => {
    for (const n of all.filter((x) => x >= 100)) {
      const h = Math.floor(n / 100);
      const r = n % 100;
      const head = h === 1 ? ['seratus'] : [...numberToWords(h), 'ratus'];
      expect(numberToWords(n)).toEqual(r === 0 ? head : [...head, ...numberToWords(r)]);
    }
  });

  it('round-trips larger numbers', () => {
    for (let n = 1000; n < 2_000_000_000; n = Math.floor(n * 1.37) + 7) expect(parse(numberToWords(n)), String(n)).toBe(n);
  });

  it('refuses what it cannot read', () => {
    expect(() => numberToWords(-1)).toThrow(RangeError);
    expect(() => numberToWords(1.5)).toThrow(RangeError);
    expect(() => numberToWords(Number.NaN)).toThrow(RangeError);
  });
});

describe('digitsToWords', () => {
  it('reads each digit, leading zeros included', () => {
    expect(digitsToWords('007')).toEqual(['nol', 'nol', 'tujuh']);
    expect(digitsToWords('0123456789').join(' ')).toBe('nol satu dua tiga empat lima enam tujuh delapan sembilan');
  });
  it('refuses non-digits', () => {
    expect(() => digitsToWords('A7')).toThrow(RangeError);
    expect(() => digitsToWords('')).toThrow(RangeError);
  });
});
