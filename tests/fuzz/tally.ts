import fc from 'fast-check';

/** What happened to the bad inputs sent through one door (a route or a socket event). */
export interface DoorCount {
  tried: number;
  refused: number;
  accepted: number;
  /** Socket only: no answer, by design (no ack function, or the event has none). */
  ignored: number;
  /** Socket only: the server dropped the connection (abuse, oversized frame, malformed packet). */
  dropped: number;
  serverErrors: number;
  stateChanges: number;
}

/** Counts per door, and the totals the README quotes. */
export class Tally {
  readonly doors = new Map<string, DoorCount>();

  door(key: string): DoorCount {
    let c = this.doors.get(key);
    if (!c) this.doors.set(key, (c = { tried: 0, refused: 0, accepted: 0, ignored: 0, dropped: 0, serverErrors: 0, stateChanges: 0 }));
    return c;
  }

  totals(): DoorCount {
    const t = { tried: 0, refused: 0, accepted: 0, ignored: 0, dropped: 0, serverErrors: 0, stateChanges: 0 };
    for (const c of this.doors.values()) for (const k of Object.keys(t) as (keyof DoorCount)[]) t[k] += c[k];
    return t;
  }

  /** One line: "http fuzz: 812 inputs over 33 doors, 701 refused, 111 accepted, 5xx=0, state changes on refusal=0". */
  summary(label: string, ms?: number): string {
    const t = this.totals();
    const extra = t.ignored || t.dropped ? `, ${t.ignored} ignored, ${t.dropped} dropped` : '';
    const time = ms === undefined ? '' : ` in ${(ms / 1000).toFixed(1)} s`;
    return `${label}: ${t.tried} inputs over ${this.doors.size} doors, ${t.refused} refused, ${t.accepted} accepted${extra}, 5xx=${t.serverErrors}, state changes on refusal=${t.stateChanges}${time}`;
  }

  /** A table, one door a line, for the long run. */
  table(): string {
    const rows = [...this.doors.entries()].sort(([a], [b]) => a.localeCompare(b));
    const w = Math.max(...rows.map(([k]) => k.length), 4);
    const head = `${'door'.padEnd(w)}  tried  refused  accepted  ignored  dropped  5xx  changed`;
    const lines = rows.map(
      ([k, c]) =>
        `${k.padEnd(w)}  ${pad(c.tried, 5)}  ${pad(c.refused, 7)}  ${pad(c.accepted, 8)}  ${pad(c.ignored, 7)}  ${pad(c.dropped, 7)}  ${pad(c.serverErrors, 3)}  ${pad(c.stateChanges, 7)}`,
    );
    return [head, ...lines].join('\n');
  }
}

function pad(n: number, w: number): string {
  return String(n).padStart(w);
}

/** A stable 32-bit seed per property from the run's seed and the property's name. */
export function seedFor(base: number, name: string): number {
  let h = base | 0;
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) | 0;
  return h;
}

/** Object.prototype and friends as they were before the run: pollution shows as a new key. */
export function prototypeKeys(): string {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) => Object.getOwnPropertyNames(p).sort().join(',')).join('|');
}

/** Throws when a hostile key reached a shared prototype. */
export function assertNoPollution(baseline: string): void {
  const probe = {} as Record<string, unknown>;
  if (probe.polluted !== undefined || probe.isAdmin !== undefined || probe.role !== undefined || prototypeKeys() !== baseline) {
    throw new Error(`prototype polluted: ${JSON.stringify({ polluted: probe.polluted, isAdmin: probe.isAdmin, role: probe.role })}`);
  }
}

/**
 * fc.assert with the property's own seed (derived from the run's seed and its name): a failure
 * names the property and the command line that replays it, and keeps the message readable
 * (counterexamples can hold 100 kB strings; the seed and path replay them exactly).
 */
export async function check<T>(
  name: string,
  run: { runs: number; seed: number },
  arb: fc.Arbitrary<T>,
  predicate: (v: T) => Promise<void>,
  numRuns = run.runs,
): Promise<void> {
  const seed = seedFor(run.seed, name);
  try {
    await fc.assert(fc.asyncProperty(arb, predicate), { numRuns, seed, endOnFailure: true });
  } catch (err) {
    const e = err as Error;
    const text = `${e.message}${e.cause instanceof Error ? `\nbecause: ${e.cause.message}` : ''}`;
    e.message = `[${name}] failed (seed ${seed}; replay with: npm run fuzz -- --seed ${run.seed} --runs ${run.runs})\n${text.length > 4000 ? `${text.slice(0, 3000)}\n…\n${text.slice(-1000)}` : text}`;
    throw e;
  }
}
