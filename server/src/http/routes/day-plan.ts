import { Router } from 'express';
import { agencyDayBody } from '../../contract/plan.js';
import type { AppContext } from '../../context.js';
import { authorize, authorizeStaff } from '../../policy/policy.js';
import { validate } from '../errors.js';
import { principalOf } from '../principal.js';
import { on } from '../route-map.js';

/** The day's plan for staff, and the supervisor's word on an agency today (absent, late, present). */
export function dayPlanRoutes(ctx: AppContext): Router {
  const r = Router();
  on(r, 'plan.get', (req, res) => {
    authorize(principalOf(req, ctx), 'plan.read');
    res.json(ctx.queue.engine.plan());
  });
  on(r, 'agencies.day', async (req, res) => {
    const u = authorizeStaff(principalOf(req, ctx), 'agency.markDay');
    const b = validate(agencyDayBody, req.body);
    const out = await ctx.queue.run((e, now) => e.setAgencyDay(req.params.id, b, { userId: u.id }, now));
    ctx.log.info({ userId: u.id, agencyId: req.params.id, status: b.status }, 'agency day marked');
    res.json(out);
  });
  return r;
}
