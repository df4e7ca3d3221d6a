import type { LedgerTicket } from './ledger.ts';

export interface EstimateError {
  /** Visitors compared: called, taken at a kiosk with an estimate. */
  n: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  /** Absolute error as a share of the actual wait, in percent. */
  medianPct: number | null;
  p90Pct: number | null;
  /** The same over waits longer than 10 minutes, where a share means something. */
  over10: { n: number; medianPct: number | null; p90Pct: number | null };
}

/** How far the kiosk's estimate was from each visitor's actual wait (issue to first call). */
export function estimateError(tickets: Iterable<LedgerTicket>): EstimateError {
  const abs: number[] = [];
  const pct: number[] = [];
  const pct10: number[] = [];
  for (const t of tickets) {
    if (t.transferredIn || t.estimate === null || t.calledAt === null) continue;
    const actual = (t.calledAt - t.issuedAt) / 60000;
    const err = Math.abs(t.estimate - actual);
    abs.push(err);
    if (actual > 0) pct.push((100 * err) / actual);
    if (actual > 10) pct10.push((100 * err) / actual);
  }
  return {
    n: abs.length,
    medianMinutes: q(abs, 0.5),
    p90Minutes: q(abs, 0.9),
    medianPct: q(pct, 0.5),
    p90Pct: q(pct, 0.9),
    over10: { n: pct10.length, medianPct: q(pct10, 0.5), p90Pct: q(pct10, 0.9) },
  };
}

/** Each compared visitor: what the kiosk said and what happened (the CSV `npm run simulate` writes beside its report). */
export function estimateRows(tickets: Iterable<LedgerTicket>): string {
  const lines = ['day,number,service,counter,priority,booked,issued_at,estimate_min,actual_min,error_min'];
  for (const t of tickets) {
    if (t.transferredIn || t.estimate === null || t.calledAt === null) continue;
    const actual = (t.calledAt - t.issuedAt) / 60000;
    lines.push(
      [
        t.day,
        t.number,
        t.serviceId,
        t.counterId ?? '',
        t.priority ?? '',
        t.booked ? 1 : 0,
        new Date(t.issuedAt).toISOString(),
        t.estimate,
        actual.toFixed(1),
        (t.estimate - actual).toFixed(1),
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

/** The line `npm run simulate` prints. */
export function estimateErrorLine(e: EstimateError): string {
  const f = (x: number | null) => (x === null ? '-' : x.toFixed(0));
  return `estimate error: median ${f(e.medianPct)}% (${e.medianMinutes?.toFixed(1) ?? '-'} min), p90 ${f(e.p90Pct)}% (${e.p90Minutes?.toFixed(1) ?? '-'} min) of the actual wait over ${e.n} visitors; waits over 10 min: median ${f(e.over10.medianPct)}%, p90 ${f(e.over10.p90Pct)}% (${e.over10.n} visitors)`;
}

function q(xs: number[], p: number): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))]! * 10) / 10;
}
