import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type { RouteParameters } from 'express-serve-static-core';
import type { z } from 'zod';
import { ROUTES, type RouteId } from '../contract/api/routes.js';
import { API_SPEC, type RouteSpec } from '../contract/api/spec.js';

/**
 * Registering routes from the route map: a route is served only under an id of the map, with the
 * map's method and path, and what it validates is the map's schemas. A path the map does not know
 * cannot be registered, so the OpenAPI document (made from the same map) describes every route.
 */

interface Current {
  id: RouteId;
  req: Request;
}

/** The mapped route a request is being handled by, for validate(). */
const current = new AsyncLocalStorage<Current>();

type Handler<K extends RouteId> = RequestHandler<RouteParameters<(typeof ROUTES)[K]['path']>>;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Serves the route `id` of the map on `router`, through `handlers` (middleware first, as with router.get). */
export function on<K extends RouteId>(router: Router, id: K, ...handlers: Handler<K>[]): void {
  const def = ROUTES[id];
  if (!def) throw new Error(`route ${String(id)} is not in the route map (contract/api/routes.ts)`);
  const wrapped = handlers.map((h) => (req: Request, res: Response, next: NextFunction) => {
    // Express 5 parses the query anew at each read: keep one object, so validate() can tell it is the query.
    if (!Object.prototype.hasOwnProperty.call(req, 'query'))
      Object.defineProperty(req, 'query', { value: req.query, configurable: true, enumerable: true, writable: true });
    return current.run({ id, req }, () => (h as unknown as RequestHandler)(req, res, next));
  });
  (router[def.method.toLowerCase() as Method] as (path: string, ...h: RequestHandler[]) => Router)(def.path, ...wrapped);
}

/**
 * Inside a mapped route, the map's schema for the part of the request `input` is (body, query or
 * one path parameter); undefined elsewhere (socket commands) and for parts the map leaves to the
 * handler (a counter command's body, which depends on the action).
 */
export function mappedSchema(input: unknown): z.ZodType | undefined {
  const c = current.getStore();
  if (!c) return undefined;
  const spec: RouteSpec = API_SPEC[c.id];
  if (spec.body && input === c.req.body && input !== undefined) return spec.body;
  if (spec.query && input === c.req.query) return spec.query;
  if (spec.params && typeof input === 'string') {
    const shape = (spec.params as z.ZodObject).shape as Record<string, z.ZodType> | undefined;
    const name = Object.keys(c.req.params ?? {}).find((k) => (c.req.params as Record<string, string>)[k] === input);
    if (name && shape?.[name]) return shape[name];
  }
  return undefined;
}
