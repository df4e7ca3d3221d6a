import type { Request } from 'express';
import { AntreError } from '../contract/errors.js';
import type { Principal } from '../auth/auth-service.js';
import type { AppContext } from '../context.js';

/** Principals already resolved for a request (by its budget), so a route does not look the token up again. */
const resolved = new WeakMap<Request, Principal>();

/** Remembers who a request's token belongs to, for the route that follows. */
export function rememberPrincipal(req: Request, p: Principal): void {
  resolved.set(req, p);
}

/** The caller behind a request's bearer token; a token that is present but wrong is a 401. */
export function principalOf(req: Request, ctx: AppContext): Principal | null {
  const known = resolved.get(req);
  if (known) return known;
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (!m) throw new AntreError('INVALID_TOKEN');
  const p = ctx.auth.resolve(m[1], ctx.queue.clock());
  if (!p) throw new AntreError('INVALID_TOKEN');
  return p;
}

/** Key for rate limits: the client address. */
export function clientKey(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
