import { describe, expect, it } from 'vitest';
import { bandOfConverted, bandOfHundredths, bandOfRaw, computeSkm, KREJCIE_MORGAN, minimumSample, type SkmScores } from './skm.js';
import { SKM_ELEMENTS } from './skm-elements.js';

/**
 * A worked example, computed by hand from the annex's method. 30 respondents; per element, how
 * many gave 4, 3, 2 and 1, the sum and the NRR (sum / 30):
 *   U1 10/15/5/0  = 95  -> 3.1667     U6 12/15/3/0  = 99  -> 3.3000
 *   U2  6/18/6/0  = 90  -> 3.0000     U7 15/15/0/0  = 105 -> 3.5000
 *   U3  3/12/12/3 = 75  -> 2.5000     U8  3/15/9/3  = 78  -> 2.6000
 *   U4 24/6/0/0   = 114 -> 3.8000     U9  9/15/6/0  = 93  -> 3.1000
 *   U5  9/18/3/0  = 96  -> 3.2000
 * IKM = sum(NRR)/9 = 845/270 = 3.12963; converted = 3.12963 x 25 = 78.2407 -> 78.24 -> B (baik).
 * Weakest: U3 (2.50), U8 (2.60), U2 (3.00).
 */
const COLUMNS: [number, number, number, number][] = [
  [10, 15, 5, 0],
  [6, 18, 6, 0],
  [3, 12, 12, 3],
  [24, 6, 0, 0],
  [9, 18, 3, 0],
  [12, 15, 3, 0],
  [15, 15, 0, 0],
  [3, 15, 9, 3],
  [9, 15, 6, 0],
];

/** Respondent rows from per-element counts; each column is dealt out in its own order, so rows are mixed. */
function rowsFrom(columns: [number, number, number, number][]): SkmScores[] {
  const cols = columns.map(([c4, c3, c2, c1], i) => {
    const col = [...Array(c4).fill(4), ...Array(c3).fill(3), ...Array(c2).fill(2), ...Array(c1).fill(1)] as number[];
    return col.map((_, k) => col[(k + 7 * i) % col.length]!); // each column rotated its own way
  });
  return cols[0]!.map((_, r) => cols.map((c) => c[r]!));
}

describe('SKM arithmetic (Permenpan RB 14/2017)', () => {
  it('has nine elements with four answer words each', () => {
    expect(SKM_ELEMENTS.map((e) => e.code)).toEqual(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9']);
    for (const e of SKM_ELEMENTS) expect(e.answers).toHaveLength(4);
    expect(SKM_ELEMENTS[3]!.answers.map((a) => a.id)).toEqual(['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis']);
    expect(SKM_ELEMENTS[0]!.answers.map((a) => a.id)).toEqual(['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai']);
  });

  it('matches the hand-worked example', () => {
    const rows = rowsFrom(COLUMNS);
    expect(rows).toHaveLength(30);
    const r = computeSkm(rows);
    expect(r.respondents).toBe(30);
    expect(r.elements.map((e) => e.sum)).toEqual([95, 90, 75, 114, 96, 99, 105, 78, 93]);
    expect(r.elements.map((e) => e.answers)).toEqual(Array(9).fill(30));
    const nrr = [3.1667, 3.0, 2.5, 3.8, 3.2, 3.3, 3.5, 2.6, 3.1];
    r.elements.forEach((e, i) => expect(e.nrr!).toBeCloseTo(nrr[i]!, 4));
    expect(r.elements[0]!.weighted!).toBeCloseTo(0.35185, 5);
    expect(r.elements[0]!.counts).toEqual([0, 5, 15, 10]);
    expect(r.ikm!).toBeCloseTo(3.12963, 5);
    expect(r.converted).toBe(78.24);
    expect(r.band).toBe('B');
    expect(r.weakest.slice(0, 3)).toEqual(['U3', 'U8', 'U2']);
  });

  it('counts each element over its own answers', () => {
    // Two respondents; the second skipped U9: NRR U9 = 4/1, not 4/2.
    const r = computeSkm([
      [4, 4, 4, 4, 4, 4, 4, 4, 4],
      [2, 2, 2, 2, 2, 2, 2, 2, null],
    ]);
    expect(r.elements[8]).toMatchObject({ answers: 1, sum: 4, nrr: 4 });
    expect(r.elements[0]).toMatchObject({ answers: 2, sum: 6, nrr: 3 });
    // IKM = (8 x 3 + 4) / 9 = 3.1111; x 25 = 77.78
    expect(r.converted).toBe(77.78);
  });

  it('gives no IKM until every element has an answer, and refuses scores outside 1..4', () => {
    expect(computeSkm([])).toMatchObject({ respondents: 0, ikm: null, converted: null, band: null, weakest: [] });
    expect(computeSkm([[4, 4, 4, 4, 4, 4, 4, 4, null]]).band).toBeNull();
    expect(() => computeSkm([[5, 4, 4, 4, 4, 4, 4, 4, 4]])).toThrow(RangeError);
    expect(() => computeSkm([[0, 4, 4, 4, 4, 4, 4, 4, 4]])).toThrow(RangeError);
  });

  it('puts the band edges exactly where the annex does', () => {
    expect(bandOfConverted(100)).toBe('A');
    expect(bandOfConverted(88.31)).toBe('A');
    expect(bandOfConverted(88.3)).toBe('B');
    expect(bandOfConverted(76.61)).toBe('B');
    expect(bandOfConverted(76.6)).toBe('C');
    expect(bandOfConverted(65.0)).toBe('C');
    expect(bandOfConverted(64.99)).toBe('D');
    expect(bandOfConverted(25)).toBe('D');
    expect([8831, 8830, 7661, 7660, 6500, 6499].map(bandOfHundredths)).toEqual(['A', 'B', 'B', 'C', 'C', 'D']);
    // The raw IKM edges of the annex's table.
    expect([4, 3.5324, 3.532, 3.0644, 3.064, 2.6, 2.5996, 1].map(bandOfRaw)).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D']);
  });

  it('rounds the converted value from the integer sums, not a floating sum', () => {
    // 9 respondents, all 4 except U1 = 1 for one of them: NRR U1 = 33/9, the others 4;
    // 100 x converted = 2500/9 x (33/9 + 32) = 2500 x 321 / 81 = 9907.41 -> 99.07
    const rows: SkmScores[] = Array.from({ length: 9 }, (_, i) => [i === 0 ? 1 : 4, 4, 4, 4, 4, 4, 4, 4, 4]);
    expect(computeSkm(rows).converted).toBe(99.07);
    // All 3s: exactly 75.00, band C; all 4: 100, A; all 1: 25, D.
    expect(computeSkm([[3, 3, 3, 3, 3, 3, 3, 3, 3]])).toMatchObject({ converted: 75, band: 'C' });
    expect(computeSkm([[4, 4, 4, 4, 4, 4, 4, 4, 4]])).toMatchObject({ converted: 100, band: 'A' });
    expect(computeSkm([[1, 1, 1, 1, 1, 1, 1, 1, 1]])).toMatchObject({ converted: 25, band: 'D' });
  });

  it('lands exactly on an edge from real answers: 88.31 is A', () => {
    // 100 x converted = 2500 x S / (9 N) with S the sum of all scores; N = 500, S = 15898 -> 8832.2; S = 15896 -> 8831.1 -> 88.31.
    // Build N = 500 respondents whose total is 15896: all 4s (18000) minus 2104 points.
    const rows: number[][] = Array.from({ length: 500 }, () => Array(9).fill(4) as number[]);
    let minus = 2104;
    for (const row of rows)
      for (let i = 0; i < 9 && minus > 0; i++) {
        const d = Math.min(3, minus);
        row[i] = 4 - d;
        minus -= d;
      }
    const r = computeSkm(rows);
    expect(r.elements.reduce((a, e) => a + e.sum, 0)).toBe(15896);
    expect(r.converted).toBe(88.31);
    expect(r.band).toBe('A');
    // One point less overall: 2500 x 15895 / 4500 = 8830.6 -> 88.31 still; three less: 8829.4 -> 88.29, B.
    rows[499]![8] = rows[499]![8]! - 3;
    expect(computeSkm(rows)).toMatchObject({ converted: 88.29, band: 'B' });
  });
});

describe('Krejcie-Morgan minimum sample', () => {
  it('follows the table', () => {
    expect(minimumSample(0)).toBe(0);
    expect(minimumSample(5)).toBe(5);
    expect(minimumSample(10)).toBe(10);
    expect(minimumSample(12)).toBe(12);
    expect(minimumSample(100)).toBe(80);
    expect(minimumSample(101)).toBe(86);
    expect(minimumSample(1000)).toBe(278);
    expect(minimumSample(10000)).toBe(370);
    expect(minimumSample(2_000_000)).toBe(384);
  });

  it('agrees with the formula it was made from (chi2 = 3.841, P = 0.5, d = 0.05) within rounding', () => {
    for (const [n, s] of KREJCIE_MORGAN) {
      const f = (3.841 * n * 0.25) / (0.0025 * (n - 1) + 3.841 * 0.25);
      expect(Math.abs(s - f), `N=${n}`).toBeLessThan(1.5);
    }
  });
});
