import type { LocalizedText } from './errors.js';
import { SKM_ELEMENT_CODES, type SkmElementCode } from './skm-elements.js';

/**
 * The SKM arithmetic of Permenpan RB No. 14/2017, pure so that the server, the screens and the
 * tests share one method: NRR per element = sum of its scores / number of answers to it;
 * weighted NRR = NRR x 1/9; IKM = sum of the weighted NRRs (1..4); converted IKM = IKM x 25.
 */

/** One respondent's scores, U1..U9 in order, each 1..4 (null: not answered). */
export type SkmScores = readonly (number | null)[];

export const SKM_BANDS = ['A', 'B', 'C', 'D'] as const;
export type SkmBand = (typeof SKM_BANDS)[number];

/** The annex's table of quality bands: edges on the converted value (25..100) and on the raw IKM (1..4). */
export const SKM_BAND_TABLE: readonly { band: SkmBand; minConverted: number; maxConverted: number; minRaw: number; maxRaw: number; label: LocalizedText }[] = [
  { band: 'A', minConverted: 88.31, maxConverted: 100, minRaw: 3.5324, maxRaw: 4, label: { id: 'Sangat baik', en: 'Very good' } },
  { band: 'B', minConverted: 76.61, maxConverted: 88.3, minRaw: 3.0644, maxRaw: 3.532, label: { id: 'Baik', en: 'Good' } },
  { band: 'C', minConverted: 65, maxConverted: 76.6, minRaw: 2.6, maxRaw: 3.064, label: { id: 'Kurang baik', en: 'Poor' } },
  { band: 'D', minConverted: 25, maxConverted: 64.99, minRaw: 1, maxRaw: 2.5996, label: { id: 'Tidak baik', en: 'Bad' } },
];

/** The band of a converted value in hundredths (8831 = 88.31): the edges are whole hundredths, so the comparison is exact. */
export function bandOfHundredths(hundredths: number): SkmBand {
  if (hundredths >= 8831) return 'A';
  if (hundredths >= 7661) return 'B';
  if (hundredths >= 6500) return 'C';
  return 'D';
}

/** The band of a converted value as printed with two decimals (88.31 -> A, 88.30 -> B). */
export function bandOfConverted(converted: number): SkmBand {
  return bandOfHundredths(Math.round(converted * 100));
}

/** The band of a raw IKM (1..4), through its converted value as the annex's table pairs them. */
export function bandOfRaw(ikm: number): SkmBand {
  return bandOfConverted(ikm * 25);
}

export function bandLabel(band: SkmBand): LocalizedText {
  return SKM_BAND_TABLE.find((b) => b.band === band)!.label;
}

export interface SkmElementResult {
  code: SkmElementCode;
  answers: number;
  sum: number;
  /** Mean score 1..4; null when nobody answered it. */
  nrr: number | null;
  /** NRR x 1/9. */
  weighted: number | null;
  /** How many answered 1, 2, 3 and 4. */
  counts: [number, number, number, number];
}

export interface SkmResult {
  respondents: number;
  elements: SkmElementResult[];
  /** Sum of the weighted NRRs, 1..4; null unless every element has an answer. */
  ikm: number | null;
  /** IKM x 25 rounded half up to two decimals (exactly, from the integer sums). */
  converted: number | null;
  band: SkmBand | null;
  /** Element codes from the lowest NRR up (ties in element order): the unit's improvement priorities. */
  weakest: SkmElementCode[];
}

/** Tallies respondents' scores into the annex's per-element and overall figures. */
export function computeSkm(rows: Iterable<SkmScores>): SkmResult {
  const tally = SKM_ELEMENT_CODES.map(() => ({ answers: 0, sum: 0, counts: [0, 0, 0, 0] as [number, number, number, number] }));
  let respondents = 0;
  for (const row of rows) {
    respondents++;
    tally.forEach((el, i) => {
      const s = row[i];
      if (s === null || s === undefined) return;
      if (!Number.isInteger(s) || s < 1 || s > 4) throw new RangeError(`score ${s} of ${SKM_ELEMENT_CODES[i]} is not 1..4`);
      el.answers++;
      el.sum += s;
      el.counts[s - 1]!++;
    });
  }
  return resultOf(respondents, tally);
}

/** The figures from per-element sums and counts (what an aggregate keeps instead of every row). */
export function resultOf(respondents: number, tally: { answers: number; sum: number; counts: [number, number, number, number] }[]): SkmResult {
  const elements: SkmElementResult[] = tally.map((el, i) => {
    const nrr = el.answers ? el.sum / el.answers : null;
    return {
      code: SKM_ELEMENT_CODES[i]!,
      answers: el.answers,
      sum: el.sum,
      nrr,
      weighted: nrr === null ? null : nrr / 9,
      counts: [...el.counts] as [number, number, number, number],
    };
  });
  const complete = elements.every((e) => e.answers > 0);
  const ikm = complete ? elements.reduce((a, e) => a + e.nrr! / 9, 0) : null;
  const hundredths = complete ? convertedHundredths(elements) : null;
  const weakest = elements
    .filter((e) => e.nrr !== null)
    .sort((a, b) => a.nrr! - b.nrr! || a.code.localeCompare(b.code))
    .map((e) => e.code);
  return {
    respondents,
    elements,
    ikm,
    converted: hundredths === null ? null : hundredths / 100,
    band: hundredths === null ? null : bandOfHundredths(hundredths),
    weakest,
  };
}

/**
 * 100 x converted IKM = 2500/9 x sum(sum_i / n_i), rounded half up, in integer arithmetic: a
 * floating sum could land a hair below an edge such as 88.31 and give the wrong band.
 */
function convertedHundredths(elements: SkmElementResult[]): number {
  const den = elements.reduce((l, e) => lcm(l, BigInt(e.answers)), 1n);
  const num = 2500n * elements.reduce((a, e) => a + BigInt(e.sum) * (den / BigInt(e.answers)), 0n);
  const d = 9n * den;
  return Number((2n * num + d) / (2n * d));
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

/**
 * Krejcie and Morgan's (1970) table of population N to sample S, which the annex tells units to
 * follow. A population between two rows takes the larger row's sample (never too few).
 */
export const KREJCIE_MORGAN: readonly (readonly [number, number])[] = [
  [10, 10],
  [15, 14],
  [20, 19],
  [25, 24],
  [30, 28],
  [35, 32],
  [40, 36],
  [45, 40],
  [50, 44],
  [55, 48],
  [60, 52],
  [65, 56],
  [70, 59],
  [75, 63],
  [80, 66],
  [85, 70],
  [90, 73],
  [95, 76],
  [100, 80],
  [110, 86],
  [120, 92],
  [130, 97],
  [140, 103],
  [150, 108],
  [160, 113],
  [170, 118],
  [180, 123],
  [190, 127],
  [200, 132],
  [210, 136],
  [220, 140],
  [230, 144],
  [240, 148],
  [250, 152],
  [260, 155],
  [270, 159],
  [280, 162],
  [290, 165],
  [300, 169],
  [320, 175],
  [340, 181],
  [360, 186],
  [380, 191],
  [400, 196],
  [420, 201],
  [440, 205],
  [460, 210],
  [480, 214],
  [500, 217],
  [550, 226],
  [600, 234],
  [650, 242],
  [700, 248],
  [750, 254],
  [800, 260],
  [850, 265],
  [900, 269],
  [950, 274],
  [1000, 278],
  [1100, 285],
  [1200, 291],
  [1300, 297],
  [1400, 302],
  [1500, 306],
  [1600, 310],
  [1700, 313],
  [1800, 317],
  [1900, 320],
  [2000, 322],
  [2200, 327],
  [2400, 331],
  [2600, 335],
  [2800, 338],
  [3000, 341],
  [3500, 346],
  [4000, 351],
  [4500, 354],
  [5000, 357],
  [6000, 361],
  [7000, 364],
  [8000, 367],
  [9000, 368],
  [10000, 370],
  [15000, 375],
  [20000, 377],
  [30000, 379],
  [40000, 380],
  [50000, 381],
  [75000, 382],
  [1000000, 384],
];

/** The minimum number of respondents for the population served in the period. */
export function minimumSample(population: number): number {
  if (population <= 0) return 0;
  // The next row up may ask for more than the population (12 -> the row of 15 -> 14): everyone is enough.
  for (const [n, s] of KREJCIE_MORGAN) if (population <= n) return Math.min(s, population);
  return 384;
}
