import { Router } from 'express';
import { agencyDayBody } from '../../contract/plan.js';
import type { AppContext } from '../../context.js';
import { requireUser } from '../../commands/access.js';
import { validate } from '../errors.js';
import { principalOf } from '../principal.js';
import { on } from '../route-map.js';

/** The day's plan for staff, and the supervisor's word on an agency today (absent, late, present). */
export function dayPlanRoutes(ctx: AppContext): Router {
  const r = Router();
  on(r, 'plan.get', (req, res) => {
    requireUser(principalOf(req, ctx));
    res.json(ctx.queue.engine.plan());
  });
  on(r, 'agencies.day', async (req, res) => {
    const u = requireUser(principalOf(req, ctx), ['admin', 'supervisor']);
    const b = validate(agencyDayBody, req.body);
    const out = await ctx.queue.run((e, now) => e.setAgencyDay(req.params.id, b, { userId: u.id }, now));
    ctx.log.info({ userId: u.id, agencyId: req.params.id, status: b.status }, 'agency day marked');
    res.json(out);
  });
  return r;
}
