import { Router } from 'express';
import { reportCsvQuery, reportRangeQuery, type AlertsResponse } from '../../contract/reports.js';
import type { AppContext } from '../../context.js';
import { authorize } from '../../policy/policy.js';
import { computeAlerts } from '../../reports/alerts.js';
import { reportCsv, reportFileName } from '../../reports/report-csv.js';
import { runReport } from '../../reports/run-report.js';
import { validate } from '../errors.js';
import { principalOf } from '../principal.js';
import { on } from '../route-map.js';

/** Supervisors' reads: alerts now, and reports over a date range as JSON or CSV. */
export function reportRoutes(ctx: AppContext): Router {
  const r = Router();
  on(r, 'alerts.now', (req, res) => {
    authorize(principalOf(req, ctx), 'report.read');
    const e = ctx.queue.engine;
    const now = ctx.queue.clock();
    const body: AlertsResponse = {
      now,
      // Every rule the server evaluates (plan, devices, breaks) when its monitor runs; else the live-state ones.
      alerts:
        ctx.alerts?.compute(now) ??
        computeAlerts({ venue: e.venue, queues: e.estimator.queues(now), counters: e.venue.counters.map((c) => e.estimator.publicCounter(c.id)), now }),
    };
    res.json(body);
  });
  on(r, 'reports.get', (req, res) => {
    authorize(principalOf(req, ctx), 'report.read');
    const q = validate(reportRangeQuery, req.query);
    res.json(runReport(ctx, q.from, q.to));
  });
  on(r, 'reports.csv', (req, res) => {
    authorize(principalOf(req, ctx), 'report.read');
    const q = validate(reportCsvQuery, req.query);
    const report = runReport(ctx, q.from, q.to);
    res.attachment(reportFileName(report, q.by));
    res.type('text/csv; charset=utf-8').send(reportCsv(report, q.by));
  });
  return r;
}
