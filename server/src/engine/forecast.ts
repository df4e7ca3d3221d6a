/** How far ahead arrivals are expected at their recent rate (it was measured over an hour at most). */
export const ARRIVAL_HORIZON_MS = 60 * 60_000;

/** One desk as the forecast sees it: when it is next free and what it serves, in its order. */
export interface ForecastCounter {
  id: string;
  serviceIds: readonly string[];
  freeAt: number;
  /** Scheduled breaks the desk pauses for: no visitor is started inside one. */
  breaks: readonly { start: number; end: number }[];
  /** No visitor is started at or after this (the service day's close for the desk). */
  closesAt: number;
}

export interface ForecastInput {
  now: number;
  counters: ForecastCounter[];
  /** Visitors waiting per service, before any newcomer. */
  waiting: ReadonlyMap<string, number>;
  /** Expected minutes at the desk per service. */
  minutes: ReadonlyMap<string, number>;
  /** The service whose line is forecast. */
  serviceId: string;
  /**
   * Visitors per minute still arriving for the other services of these desks. A desk that takes
   * another service before this one will also take those who come after now, ahead of this line.
   */
  arrivals?: ReadonlyMap<string, number>;
  /**
   * Booked visitors per service, as slot times (checked in and still to come): from its slot on,
   * a booked visitor goes ahead of walk-ins, up to `bookedRatio` in a row while walk-ins wait.
   * They take desk time but are not positions of the forecast line, which counts walk-ins.
   */
  booked?: ReadonlyMap<string, readonly number[]>;
  bookedRatio?: number;
  /** Booked visitors called in a row so far per service (ServiceDayState.bookedStreak). */
  bookedStreaks?: ReadonlyMap<string, number>;
  /**
   * Visitors per minute still arriving for the forecast service who go ahead of the line as it
   * stands (lansia, disabilitas and ibu hamil are called first; a visitor sent on from another
   * service queues from when they first queued): a desk that takes this service takes them too
   * while the line waits.
   */
  aheadArrivals?: number;
  /**
   * How many minutes' worth of a service's recent arrival rate come between now and `t`. Without
   * it, the time to `t`, for the next hour only. Given the usual shape of the day, the estimator
   * carries the rate on as the day usually goes (the morning peak ebbs, nobody comes after the last
   * ticket).
   */
  arrivalMinutes?: (serviceId: string, t: number) => number;
  /** Positions to forecast: 0 is the first in line. */
  positions: number;
}

/**
 * When each of the first `positions` visitors of a service reaches a desk: the desks are played
 * forward, each taking the first waiting visitor of its services in its own order, pausing for
 * scheduled breaks and stopping at closing time. A desk shared by several services is so counted
 * once across them. Pure and bounded. A position no desk reaches before closing is null.
 */
export function forecastCalls(input: ForecastInput): (number | null)[] {
  const out: (number | null)[] = [];
  const left = new Map(input.waiting);
  left.set(input.serviceId, Math.max(left.get(input.serviceId) ?? 0, input.positions));
  // Visitors of the other services who will have come by `t` (expected, so fractional).
  const rate = (s: string) => (s === input.serviceId ? 0 : (input.arrivals?.get(s) ?? 0));
  // Arrivals are expected at the recent rate for the next hour only: the rate was measured over an
  // hour at most, and the morning's peak is not the afternoon's (carried on for hours, a burst at
  // opening would promise a line that never moves).
  const horizon = input.arrivalMinutes ?? ((_: string, t: number) => Math.min(ARRIVAL_HORIZON_MS, Math.max(0, t - input.now)) / 60000);
  const has = (s: string, t: number) => (left.get(s) ?? 0) + (rate(s) && rate(s) * horizon(s, t)) >= 1 - 1e-9;
  // Booked visitors not yet taken, per service, in slot order; and each service's run of booked calls.
  const booked = new Map([...(input.booked ?? new Map<string, readonly number[]>())].map(([k, v]) => [k, [...v].sort((a, b) => a - b)]));
  const taken = new Map<string, number>();
  const streaks = new Map(input.bookedStreaks ?? []);
  const ratio = input.bookedRatio ?? Infinity;
  const bookedDue = (s: string, t: number) => {
    const list = booked.get(s);
    const i = taken.get(s) ?? 0;
    return list !== undefined && i < list.length && list[i]! <= t;
  };
  /** What a desk free at `t` takes next of a service: a due booked visitor, a walk-in, or nothing. */
  const next = (s: string, t: number): 'booked' | 'walk-in' | null => {
    const walkIn = has(s, t);
    if (bookedDue(s, t) && (!walkIn || (streaks.get(s) ?? 0) < ratio)) return 'booked';
    return walkIn ? 'walk-in' : null;
  };
  /** When a desk with nothing to do now next has work: the next booked slot of its services (walk-ins of other services keep arriving too). */
  const nextWork = (d: ForecastCounter & { t: number }): number | null => {
    let at: number | null = null;
    for (const s of d.serviceIds) {
      const list = booked.get(s);
      const i = taken.get(s) ?? 0;
      if (list && i < list.length && (at === null || list[i]! < at)) at = list[i]!;
    }
    return at;
  };
  // Visitors of this service who will have come by `t` and gone ahead (expected, so fractional).
  const jumpRate = input.aheadArrivals ?? 0;
  let jumped = 0;
  const jumperDue = (t: number) => (jumpRate && jumpRate * horizon(input.serviceId, t)) - jumped >= 1 - 1e-9;
  const desks = input.counters.map((c) => ({ ...c, t: Math.max(input.now, c.freeAt), done: false }));
  const limit = 20000;
  for (let step = 0; step < limit && out.length < input.positions; step++) {
    let best: (typeof desks)[number] | null = null;
    for (const d of desks) {
      if (d.done) continue;
      d.t = afterBreaks(d.t, d.breaks);
      if (d.t < d.closesAt && !d.serviceIds.some((s) => next(s, d.t))) {
        // Idle until a booked visitor's slot comes (the line it forecasts always has walk-ins, so this is another desk's lull).
        const at = nextWork(d);
        if (at !== null && at > d.t) d.t = afterBreaks(at, d.breaks);
      }
      if (d.t >= d.closesAt || !d.serviceIds.some((s) => next(s, d.t))) {
        d.done = true;
        continue;
      }
      if (!best || d.t < best.t) best = d;
    }
    if (!best) break;
    const at = best.t;
    let sid = '';
    let kind: 'booked' | 'walk-in' | null = null;
    for (const s of best.serviceIds) {
      kind = next(s, at);
      if (kind) {
        sid = s;
        break;
      }
    }
    if (kind === 'booked') {
      taken.set(sid, (taken.get(sid) ?? 0) + 1);
      streaks.set(sid, (streaks.get(sid) ?? 0) + 1);
    } else if (sid === input.serviceId && jumperDue(at)) {
      // A visitor who came meanwhile and goes ahead takes this turn; the line waits one more visit.
      jumped++;
      streaks.set(sid, 0);
    } else {
      left.set(sid, (left.get(sid) ?? 0) - 1);
      streaks.set(sid, 0);
      if (sid === input.serviceId) out.push(best.t);
    }
    best.t += (input.minutes.get(sid) ?? 0) * 60000;
  }
  while (out.length < input.positions) out.push(null);
  return out;
}

function afterBreaks(t: number, breaks: readonly { start: number; end: number }[]): number {
  for (const b of breaks) if (t >= b.start && t < b.end) t = b.end;
  return t;
}

/** The service time to expect: the target as a prior worth `weight` visits, shrunk toward what was measured. */
export function shrunkMinutes(targetMinutes: number, measuredMean: number | null, measuredCount: number, weight: number): number {
  if (measuredMean === null || measuredCount <= 0) return targetMinutes;
  return (weight * targetMinutes + measuredCount * measuredMean) / (weight + measuredCount);
}
