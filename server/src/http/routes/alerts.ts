import { Router } from 'express';
import type { AlertHistory, AlertsLive } from '../../contract/alert-records.js';
import { AntreError } from '../../contract/errors.js';
import type { AppContext } from '../../context.js';
import { authorize, authorizeStaff } from '../../policy/policy.js';
import { validate } from '../errors.js';
import { principalOf } from '../principal.js';
import { on } from '../route-map.js';
import { alertRecordId as recordId, dayQuery } from '../../contract/api/schemas.js';

/** Supervisors: the alerts open now, a day's history, and acknowledging one. */
export function alertRoutes(ctx: AppContext): Router {
  const r = Router();
  const monitor = () => {
    if (!ctx.alerts) throw new AntreError('INTERNAL');
    return ctx.alerts;
  };
  on(r, 'alerts.active', (req, res) => {
    authorize(principalOf(req, ctx), 'alert.read');
    const body: AlertsLive = monitor().live(ctx.queue.clock());
    res.json(body);
  });
  on(r, 'alerts.history', (req, res) => {
    authorize(principalOf(req, ctx), 'alert.read');
    const q = validate(dayQuery, req.query);
    const day = q.day ?? ctx.queue.day;
    const body: AlertHistory = { day, records: monitor().history(day) };
    res.json(body);
  });
  on(r, 'alerts.ack', async (req, res) => {
    const u = authorizeStaff(principalOf(req, ctx), 'alert.ack');
    const id = validate(recordId, req.params.id);
    const out = await monitor().ack(id, u, ctx.queue.clock());
    ctx.log.info({ userId: u.id, alert: id }, 'alert acknowledged');
    res.json(out);
  });
  return r;
}
