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
  const desks = input.counters.map((c) => ({ ...c, t: Math.max(input.now, c.freeAt), done: false }));
  const limit = 20000;
  for (let step = 0; step < limit && out.length < input.positions; step++) {
    let best: (typeof desks)[number] | null = null;
    for (const d of desks) {
      if (d.done) continue;
      d.t = afterBreaks(d.t, d.breaks);
      if (d.t >= d.closesAt || !d.serviceIds.some((s) => (left.get(s) ?? 0) > 0)) {
        d.done = true;
        continue;
      }
      if (!best || d.t < best.t) best = d;
    }
    if (!best) break;
    const sid = best.serviceIds.find((s) => (left.get(s) ?? 0) > 0)!;
    left.set(sid, left.get(sid)! - 1);
    if (sid === input.serviceId) out.push(best.t);
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
