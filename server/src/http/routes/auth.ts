import { Router } from 'express';
import { loginBody } from '../../contract/schemas.js';
import type { AppContext } from '../../context.js';
import { publicUser } from '../../auth/auth-service.js';
import { requireUser } from '../../commands/access.js';
import { validate } from '../errors.js';
import { clientKey, principalOf } from '../principal.js';

export function authRoutes(ctx: AppContext): Router {
  const r = Router();
  r.post('/auth/login', async (req, res) => {
    const body = validate(loginBody, req.body);
    res.json(await ctx.auth.login(body.username, body.password, clientKey(req), ctx.queue.clock()));
  });
  r.post('/auth/logout', async (req, res) => {
    requireUser(principalOf(req, ctx));
    await ctx.auth.logout(req.headers.authorization!.replace(/^Bearer\s+/i, ''));
    res.status(204).end();
  });
  r.get('/auth/me', (req, res) => {
    const p = principalOf(req, ctx);
    if (p?.kind === 'device') res.json({ device: ctx.auth.publicDevice(p.device, ctx.queue.clock()) });
    else res.json({ user: publicUser(requireUser(p)) });
  });
  return r;
}
