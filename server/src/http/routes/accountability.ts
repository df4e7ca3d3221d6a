import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { authorize } from '../../policy/policy.js';
import { AntreError } from '../../contract/errors.js';
import { addDays, zonedTime } from '../../contract/time.js';
import { dayPlan } from '../../engine/plan.js';
import { buildAccountability } from '../../reports/accountability.js';
import { accountabilityCsv } from '../../reports/accountability-csv.js';
import type { AccountabilityReport } from '../../contract/accountability.js';
import { validate } from '../errors.js';
import { principalOf } from '../principal.js';
import { on } from '../route-map.js';
import { dayQuery } from '../../contract/api/schemas.js';

/** The day's accountability record for one day (today as it stands), built from the stored day. */
export function accountabilityFor(ctx: AppContext, day: string): AccountabilityReport {
  const q = ctx.queue;
  const doc = q.readDay(day);
  if (!doc) throw new AntreError('NOT_FOUND', { day }, { id: 'Tidak ada data untuk tanggal itu.', en: 'No data for that day.' });
  const venue = q.venue;
  const now = q.clock();
  const marks = new Map((doc.agencies ?? []).map((a) => [a.agencyId, a]));
  const end = zonedTime(addDays(day, 1), '00:00', venue.timeZone);
  return buildAccountability({
    venue,
    doc,
    plan: dayPlan(venue, day, marks),
    alerts: ctx.alerts?.history(day) ?? [],
    users: ctx.auth.users(),
    until: Math.min(now, end),
    generatedAt: now,
  });
}

/** Supervisors: the accountability record as JSON (the daily summary page) and as CSV. */
export function accountabilityRoutes(ctx: AppContext): Router {
  const r = Router();
  on(r, 'accountability.get', (req, res) => {
    authorize(principalOf(req, ctx), 'report.read');
    const q = validate(dayQuery, req.query);
    res.json(accountabilityFor(ctx, q.day ?? ctx.queue.day));
  });
  on(r, 'accountability.csv', (req, res) => {
    authorize(principalOf(req, ctx), 'report.read');
    const q = validate(dayQuery, req.query);
    const report = accountabilityFor(ctx, q.day ?? ctx.queue.day);
    res.attachment(`antre-${report.venueId}-${report.day}-akuntabilitas.csv`);
    res.type('text/csv; charset=utf-8').send(accountabilityCsv(report));
  });
  return r;
}
