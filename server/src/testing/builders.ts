import { AntreError } from '../contract/errors.js';
import type { VenueInput, Venue } from '../contract/venue.js';
import { parseVenue } from '../venue/load-venue.js';

const ALL_DAY = { open: '00:00', close: '24:00', breaks: [] };
const WEEK = { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY };

/** A small two-floor venue open around the clock, for tests; override any part. */
export function testVenueInput(over: Partial<VenueInput> = {}): VenueInput {
  return {
    id: 'test-mpp',
    name: 'MPP Uji',
    building: 'Gedung Uji',
    timeZone: 'Asia/Makassar',
    floors: [
      { number: 1, name: 'Lantai 1' },
      { number: 2, name: 'Lantai 2' },
    ],
    hours: WEEK,
    agencies: [
      { id: 'dukcapil', name: 'Disdukcapil', shortName: 'Dukcapil', floor: 1 },
      { id: 'polres', name: 'Polres', shortName: 'Polres', floor: 1 },
      { id: 'bpn', name: 'Kantor Pertanahan', shortName: 'BPN', floor: 2 },
    ],
    services: [
      { id: 'ktp', agencyId: 'dukcapil', name: 'KTP-el', prefix: 'A', fee: 'Gratis', targetMinutes: 10, requirements: ['KK'] },
      { id: 'kk', agencyId: 'dukcapil', name: 'Kartu Keluarga', prefix: 'B', fee: 'Gratis', targetMinutes: 15 },
      { id: 'skck', agencyId: 'polres', name: 'SKCK', prefix: 'C', fee: 'Rp30.000', targetMinutes: 12, dailyQuota: 3 },
      { id: 'sertipikat', agencyId: 'bpn', name: 'Pengecekan sertipikat', prefix: 'D', fee: 'Rp50.000', targetMinutes: 20 },
    ],
    counters: [
      { id: 'loket-1', name: 'Loket 1', floor: 1, agencyId: 'dukcapil', serviceIds: ['ktp', 'kk'] },
      { id: 'loket-2', name: 'Loket 2', floor: 1, agencyId: 'dukcapil', serviceIds: ['kk', 'ktp'] },
      { id: 'loket-3', name: 'Loket 3', floor: 1, agencyId: 'polres', serviceIds: ['skck'] },
      { id: 'loket-4', name: 'Loket 4', floor: 2, agencyId: 'bpn', serviceIds: ['sertipikat'] },
    ],
    kiosks: [{ id: 'kiosk-1', name: 'Kios 1', floor: 1, printer: 'none' }],
    // Officers here may recall and mark absent at once; the spacing rules have their own tests.
    settings: { minRecallSeconds: 0, minNoShowSeconds: 0 },
    ...over,
  };
}

export function testVenue(over: Partial<VenueInput> = {}): Venue {
  return parseVenue(testVenueInput(over), 'test venue');
}

/** Deterministic ids for tests that need to reproduce. */
export function seqIds(prefix = 't'): () => string {
  let n = 0;
  return () => `${prefix}${(++n).toString(36).padStart(6, '0')}`;
}

/** A clock tests move by hand. 2026-11-25 09:00 WITA (a Wednesday) by default. */
export class TestClock {
  constructor(public t = Date.parse('2026-11-25T01:00:00Z')) {}
  now = (): number => this.t;
  advance(ms: number): number {
    this.t += ms;
    return this.t;
  }
  minutes(n: number): number {
    return this.advance(n * 60000);
  }
}

/** The error code a command refuses with, or NO_ERROR: a refusal is a value to compare. */
export function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof AntreError) return err.code;
    throw err;
  }
  return 'NO_ERROR';
}
