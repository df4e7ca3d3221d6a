import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { AntreError } from '../contract/errors.js';
import { budget, take } from '../security/guard.js';
import { clientKey, rememberPrincipal } from './principal.js';

/**
 * Every API request pays from a budget before any route runs: a staff session or a device from its
 * own (by token), anyone without a token from their address's. A request without a token is also
 * refused (503) while the process is overloaded, so a flood from the hall's Wi-Fi cannot take the
 * kiosks', boards' and officers' share of the server. A token that is not valid pays as its address.
 */
export function requestBudget(ctx: AppContext) {
  const l = ctx.limits;
  const anonymous = budget(l.anonymousRequestBurst, l.anonymousRequestBurst / l.anonymousRequestsPerSecond, 'http-anon');
  const principals = budget(l.principalRequestBurst, l.principalRequestBurst / l.principalRequestsPerSecond, 'http-principal');
  return (req: Request, _res: Response, next: NextFunction): void => {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const p = token ? ctx.auth.resolve(token, ctx.queue.clock()) : null;
    if (p) rememberPrincipal(req, p);
    const [limiter, key] = p ? [principals, p.kind === 'user' ? `u:${p.user.id}` : `d:${p.device.id}`] : [anonymous, clientKey(req)];
    if (!p && ctx.guard.overloaded && req.path !== '/health') return next(new AntreError('SERVER_BUSY'));
    take(limiter, key).then(
      (wait) => next(wait ? new AntreError('TOO_MANY_REQUESTS', { retryAfterSeconds: wait }) : undefined),
      (err: unknown) => next(err),
    );
  };
}
