import type { NextFunction, Request, Response } from 'express';
import type { Pool } from 'pg';
import type { z } from 'zod';
import { HubError, isDbDown } from '../errors.js';
import type { Partitions } from '../db/partitions.js';
import type { HubRole, HubUser } from '../store/users.js';
import { authenticateUser } from '../store/users.js';
import { authenticateSite } from '../store/sites.js';

/** What every route needs: the database, the partitions and the hub's clock. */
export interface HubContext {
  pool: Pool;
  partitions: Partitions;
  now: () => number;
}

/** Validates input with a zod schema; a failure is INVALID_INPUT with the issues, and changes nothing. */
export function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new HubError(
      'INVALID_INPUT',
      r.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  return r.data;
}

function bearer(req: Request): string | null {
  const h = req.headers.authorization;
  if (!h || !/^Bearer /i.test(h)) return null;
  return h.slice(7).trim() || null;
}

/** The site a request speaks for (site credential). */
export async function siteOf(ctx: HubContext, req: Request): Promise<string> {
  return authenticateSite(ctx.pool, bearer(req));
}

/** The hub user a request speaks for, checked against the roles allowed. */
export async function userOf(ctx: HubContext, req: Request, roles: HubRole[] = ['hub-admin', 'hub-viewer']): Promise<HubUser> {
  const user = await authenticateUser(ctx.pool, bearer(req), ctx.now());
  if (!roles.includes(user.role)) throw new HubError('FORBIDDEN');
  return user;
}

/** POST and PUT bodies must be JSON: anything else is refused before it is read. */
export function requireJson(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if ((req.method === 'POST' || req.method === 'PUT') && hasBody && !req.is('application/json')) return next(new HubError('UNSUPPORTED_MEDIA_TYPE'));
  next();
}

/** The one place errors become answers: refusals with their code, body-parser errors, a lost database. */
export function errorHandler(log: (msg: string, err: unknown) => void) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    let e: HubError;
    if (err instanceof HubError) e = err;
    else if ((err as { type?: string }).type === 'entity.too.large') e = new HubError('PAYLOAD_TOO_LARGE');
    else if ((err as { type?: string }).type === 'entity.parse.failed') e = new HubError('INVALID_JSON');
    else if ((err as { type?: string }).type === 'request.aborted') {
      res.destroy();
      return;
    } else if ((err as { status?: number }).status === 400) e = new HubError('INVALID_INPUT');
    else if ((err as { status?: number }).status === 415) e = new HubError('UNSUPPORTED_MEDIA_TYPE');
    else if (isDbDown(err)) e = new HubError('DB_UNAVAILABLE');
    else {
      log('request failed', err);
      e = new HubError('INTERNAL');
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(e.status).json(e.toBody());
  };
}
