import { addDays } from '@antre/server/contract';

export const PERIOD_KINDS = ['day', 'month', 'quarter', 'year', 'range'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** The first and last service day of the day, month, quarter or year holding `day` (YYYY-MM-DD). */
export function periodRange(kind: Exclude<PeriodKind, 'range'>, day: string): { from: string; to: string } {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const first = (yy: number, mm: number) => `${yy}-${String(mm).padStart(2, '0')}-01`;
  const lastOf = (yy: number, mm: number) => addDays(mm === 12 ? first(yy + 1, 1) : first(yy, mm + 1), -1);
  switch (kind) {
    case 'day':
      return { from: day, to: day };
    case 'month':
      return { from: first(y, m), to: lastOf(y, m) };
    case 'quarter': {
      const q0 = Math.floor((m - 1) / 3) * 3 + 1;
      return { from: first(y, q0), to: lastOf(y, q0 + 2) };
    }
    case 'year':
      return { from: first(y, 1), to: `${y}-12-31` };
  }
}
