import type { Report } from '../contract/reports.js';
import type { AppContext } from '../context.js';
import type { DayDoc } from '../engine/state.js';
import { buildReport } from './report.js';
import { countOutcomes } from './outcomes.js';

/** The report command: reads the stored days of the range (today from memory) and tallies them. */
export function runReport(ctx: AppContext, from: string, to: string): Report {
  const q = ctx.queue;
  const wanted = new Set(q.days().filter((d) => d >= from && d <= to));
  if (q.day >= from && q.day <= to) wanted.add(q.day);
  const days: DayDoc[] = [];
  for (const day of [...wanted].sort()) {
    const doc = q.readDay(day);
    if (doc) days.push(doc);
  }
  return { ...buildReport({ venue: q.venue, users: ctx.auth.users(), from, to, days, generatedAt: q.clock() }), outcomes: countOutcomes(q.venue, days) };
}
