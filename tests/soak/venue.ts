import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VenueInput } from '../../server/src/contract/venue.ts';
import { testVenueInput } from '../../server/src/testing/builders.ts';

/** Counters per agency in the soak venue: each agency is one wing with its own zone board. */
const COUNTERS_PER_AGENCY = 5;
const KIOSKS = 4;

/** What a hall board was paired to, and so which calls it must hear. */
export type ScreenScope = { kind: 'all' } | { kind: 'floor'; floor: number } | { kind: 'zone'; zoneId: string; counterIds: string[] };

export interface SoakVenue {
  input: VenueInput;
  counterIds: string[];
  serviceIds: string[];
  kioskIds: string[];
  zones: { id: string; floor: number; counterIds: string[] }[];
  floorOf: Map<string, number>;
}

/**
 * A two-floor venue open around the clock with `counters` counters: agencies of five counters
 * on alternating floors, two services each (no quota), a zone per agency, kiosks without printers.
 */
export function soakVenue(counters: number): SoakVenue {
  const agencies = Math.ceil(counters / COUNTERS_PER_AGENCY);
  const input = testVenueInput({
    id: 'soak-mpp',
    name: 'MPP Soak',
    agencies: Array.from({ length: agencies }, (_, a) => ({ id: `ag-${a + 1}`, name: `Instansi ${a + 1}`, shortName: `I${a + 1}`, floor: (a % 2) + 1 })),
    services: Array.from({ length: agencies * 2 }, (_, s) => ({
      id: `svc-${s + 1}`,
      agencyId: `ag-${Math.floor(s / 2) + 1}`,
      name: `Layanan ${s + 1}`,
      prefix: prefix(s),
      fee: 'Gratis',
      targetMinutes: 10,
    })),
    counters: Array.from({ length: counters }, (_, c) => {
      const a = Math.floor(c / COUNTERS_PER_AGENCY);
      const [s1, s2] = [`svc-${2 * a + 1}`, `svc-${2 * a + 2}`];
      // Half the counters take the agency's second service first, so both lines move.
      return { id: `loket-${c + 1}`, name: `Loket ${c + 1}`, floor: (a % 2) + 1, agencyId: `ag-${a + 1}`, serviceIds: c % 2 ? [s2, s1] : [s1, s2] };
    }),
    zones: Array.from({ length: agencies }, (_, a) => ({
      id: `zona-${a + 1}`,
      name: `Zona ${a + 1}`,
      floor: (a % 2) + 1,
      counterIds: Array.from(
        { length: Math.min(COUNTERS_PER_AGENCY, counters - a * COUNTERS_PER_AGENCY) },
        (_, k) => `loket-${a * COUNTERS_PER_AGENCY + k + 1}`,
      ),
    })),
    kiosks: Array.from({ length: KIOSKS }, (_, k) => ({ id: `kios-${k + 1}`, name: `Kios ${k + 1}`, floor: (k % 2) + 1, printer: 'none' })),
  });
  return {
    input,
    counterIds: input.counters.map((c) => c.id),
    serviceIds: input.services.map((s) => s.id),
    kioskIds: (input.kiosks ?? []).map((k) => k.id),
    zones: (input.zones ?? []).map((z) => ({ id: z.id, floor: z.floor, counterIds: [...z.counterIds] })),
    floorOf: new Map(input.counters.map((c) => [c.id, c.floor])),
  };
}

/** Ticket prefixes A..Z, then AA, AB...: one per service. */
function prefix(i: number): string {
  const A = 65;
  return i < 26 ? String.fromCharCode(A + i) : String.fromCharCode(A + Math.floor(i / 26) - 1, A + (i % 26));
}

export function writeSoakVenue(dir: string, v: SoakVenue): string {
  const path = join(dir, 'soak-venue.json');
  writeFileSync(path, JSON.stringify(v.input));
  return path;
}

/**
 * The mix of hall boards: per ten screens two see the whole venue, three floor 1, three floor
 * 2 and two one agency's zone (zones taken in turn).
 */
export function screenScopes(count: number, v: SoakVenue): ScreenScope[] {
  let zoneTurn = 0;
  return Array.from({ length: count }, (_, i): ScreenScope => {
    const k = i % 10;
    if (k < 2) return { kind: 'all' };
    if (k < 5) return { kind: 'floor', floor: 1 };
    if (k < 8) return { kind: 'floor', floor: 2 };
    const z = v.zones[zoneTurn++ % v.zones.length]!;
    return { kind: 'zone', zoneId: z.id, counterIds: z.counterIds };
  });
}

/** Whether a board with this scope must hear a call made at this counter (on this floor). */
export function hears(scope: ScreenScope, counterId: string, floor: number): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'floor') return scope.floor === floor;
  return scope.counterIds.includes(counterId);
}

/** Minutes until the next local midnight in the venue's time zone (the service day rolls over there). */
export function minutesToMidnight(timeZone: string, now = Date.now()): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(now));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return 24 * 60 - (get('hour') * 60 + get('minute'));
}
