import { Router } from 'express';
import { z } from 'zod';
import type { AlertHistory, AlertsLive } from '../../contract/alert-records.js';
import { AntreError } from '../../contract/errors.js';
import type { AppContext } from '../../context.js';
import { authorize, authorizeStaff } from '../../policy/policy.js';
import { validate } from '../errors.js';
import { principalOf } from '../principal.js';

const dayQuery = z.strictObject({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').optional() });
const recordId = z.string().min(1).max(200).regex(/^[A-Za-z0-9_:@.-]+$/, 'must be an alert id');

/** Supervisors: the alerts open now, a day's history, and acknowledging one. */
export function alertRoutes(ctx: AppContext): Router {
  const r = Router();
  const monitor = () => {
    if (!ctx.alerts) throw new AntreError('INTERNAL');
    return ctx.alerts;
  };
  r.get('/alerts/active', (req, res) => {
    authorize(principalOf(req, ctx), 'alert.read');
    const body: AlertsLive = monitor().live(ctx.queue.clock());
    res.json(body);
  });
  r.get('/alerts/history', (req, res) => {
    authorize(principalOf(req, ctx), 'alert.read');
    const q = validate(dayQuery, req.query);
    const day = q.day ?? ctx.queue.day;
    const body: AlertHistory = { day, records: monitor().history(day) };
    res.json(body);
  });
  r.post('/alerts/:id/ack', async (req, res) => {
    const u = authorizeStaff(principalOf(req, ctx), 'alert.ack');
    const id = validate(recordId, req.params.id);
    const out = await monitor().ack(id, u, ctx.queue.clock());
    ctx.log.info({ userId: u.id, alert: id }, 'alert acknowledged');
    res.json(out);
  });
  return r;
}
