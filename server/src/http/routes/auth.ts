import { Router } from 'express';
import { AntreError } from '../../contract/errors.js';
import { loginBody } from '../../contract/schemas.js';
import type { AppContext } from '../../context.js';
import { publicUser } from '../../auth/auth-service.js';
import { authorize, authorizeCaller } from '../../policy/policy.js';
import { validate } from '../errors.js';
import { clientKey, principalOf } from '../principal.js';
import { on } from '../route-map.js';

export function authRoutes(ctx: AppContext): Router {
  const r = Router();
  on(r, 'auth.login', async (req, res) => {
    const body = validate(loginBody, req.body);
    res.json(await ctx.auth.login(body.username, body.password, clientKey(req), ctx.queue.clock()));
  });
  on(r, 'auth.logout', async (req, res) => {
    authorize(principalOf(req, ctx), 'session.logout');
    await ctx.auth.logout(req.headers.authorization!.replace(/^Bearer\s+/i, ''));
    res.status(204).end();
  });
  on(r, 'auth.me', (req, res) => {
    const p = authorizeCaller(principalOf(req, ctx), 'session.me');
    if (p.kind === 'device') res.json({ device: ctx.auth.publicDevice(p.device, ctx.queue.clock()) });
    else res.json({ user: publicUser(p.user) });
  });
  // A paired device trades its token for a fresh one (the old one stops at once and its sockets close).
  on(r, 'auth.deviceToken', async (req, res) => {
    const p = authorizeCaller(principalOf(req, ctx), 'device.rotateToken');
    if (p.kind !== 'device') throw new AntreError('FORBIDDEN');
    const out = await ctx.auth.rotateDeviceToken(p.device.id, ctx.queue.clock());
    ctx.auth.emit('revoked', { deviceId: p.device.id });
    res.json(out);
  });
  return r;
}
