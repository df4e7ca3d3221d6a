import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { z } from 'zod';
import { AntreError } from '../contract/errors.js';
import { describeIssues } from '../venue/load-venue.js';
import { mappedSchema } from './route-map.js';

/**
 * Parses input with a zod schema; a mismatch is a 400 that names each bad field. Inside a mapped
 * route the route map's schema for that part of the request is the one applied (the routes pass
 * the same schema objects; the map is what the OpenAPI document says, so it decides).
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = (mappedSchema(input) ?? schema).safeParse(input);
  if (!r.success) throw new AntreError('INVALID_INPUT', { problems: describeIssues(r.error.issues) });
  return r.data as z.infer<S>;
}

/** The one place that turns any error into the error body and status. */
export function errorHandler(log: { error: (o: object, m: string) => void }): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    let e: AntreError;
    if (err instanceof AntreError) e = err;
    else if (err?.type === 'entity.parse.failed') e = new AntreError('INVALID_JSON');
    else if (err?.type === 'entity.too.large') e = new AntreError('PAYLOAD_TOO_LARGE', { limit: err.limit });
    else if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500)
      e = new AntreError('INVALID_INPUT', { reason: String(err.type ?? err.message) });
    else {
      log.error({ err }, 'unexpected error');
      e = new AntreError('INTERNAL');
    }
    const retry = (e.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (typeof retry === 'number') res.setHeader('Retry-After', String(retry));
    res.status(e.status).json(e.toBody());
  };
}

export const notFound: RequestHandler = (_req, _res, next) => next(new AntreError('NOT_FOUND'));
