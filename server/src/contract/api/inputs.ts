import type { z } from 'zod';
import type { CounterAction } from '../events.js';
import type { ApiSpec } from './spec.js';
import type { PathParamNames, ROUTES, RouteId } from './routes.js';

/**
 * What each route takes, derived from its schemas in the spec: the typed client's argument
 * types. Types only: a UI importing them pulls no zod (nor the spec) into its bundle.
 */

type SpecOf<K extends RouteId> = ApiSpec[K];

/** Path parameters: the params schema's input where the spec has one, else one string per `:name`. */
export type ParamsOf<K extends RouteId> =
  SpecOf<K> extends { params: infer S extends z.ZodType } ? z.input<S> : { [N in PathParamNames<(typeof ROUTES)[K]['path']>]: string };

export type QueryOf<K extends RouteId> = SpecOf<K> extends { query: infer S extends z.ZodType } ? z.input<S> : never;

export type BodyOf<K extends RouteId> =
  SpecOf<K> extends { body: infer S extends z.ZodType }
    ? z.input<S>
    : SpecOf<K> extends { bodyByAction: infer M extends Record<CounterAction, z.ZodType> }
      ? z.input<M[CounterAction]>
      : never;

type HasKeys<T> = [keyof T] extends [never] ? false : true;

/** The request parts of a route: `params` when its path has any, `query` and `body` when it takes them. */
export type RequestOf<K extends RouteId> = (HasKeys<ParamsOf<K>> extends true ? { params: ParamsOf<K> } : { params?: never }) &
  ([QueryOf<K>] extends [never] ? { query?: never } : { query?: QueryOf<K> }) &
  ([BodyOf<K>] extends [never] ? { body?: never } : undefined extends BodyOf<K> ? { body?: BodyOf<K> } : { body: BodyOf<K> });

/** True when a call of the route needs an argument (path parameters or a required body). */
export type NeedsRequest<K extends RouteId> =
  HasKeys<ParamsOf<K>> extends true ? true : [BodyOf<K>] extends [never] ? false : undefined extends BodyOf<K> ? false : true;
