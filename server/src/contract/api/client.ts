import type { ErrorBody, ErrorCode, LocalizedText } from '../errors.js';
import type { ApiAnswers } from './answers.js';
import type { NeedsRequest, RequestOf } from './inputs.js';
import { API_V1, fillPath, ROUTES, type RouteId } from './routes.js';

/**
 * The one HTTP client of the UIs (and of any TypeScript integrator), derived from the route map:
 * `api.call('tickets.issue', { body })` is typed by the route's schemas and answer type. No zod
 * here: the route map it reads is plain data and every type is imported as a type.
 */

/** A refusal from the server (or no answer at all: code NETWORK), with its stable code and both languages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    readonly text: LocalizedText,
    readonly details?: unknown,
  ) {
    super(`${status} ${code}: ${text.en}`);
    this.name = 'ApiError';
  }
}

const NETWORK_TEXT: LocalizedText = { id: 'Server tidak dapat dihubungi.', en: 'The server cannot be reached.' };

/** Per call: the route's parts, and how to send it. */
export type CallOptions<K extends RouteId> = RequestOf<K> & {
  /** Bearer token: a staff session's or a paired device's. */
  token?: string | null;
  idempotencyKey?: string;
  timeoutMs?: number;
};

export interface ApiClientOptions {
  /** Origin and prefix the paths go under; default the v1 prefix on the page's own origin. */
  base?: string;
  fetch?: typeof fetch;
}

export interface ApiClient {
  call<K extends RouteId>(id: K, ...opts: NeedsRequest<K> extends true ? [CallOptions<K>] : [CallOptions<K>?]): Promise<ApiAnswers[K]>;
  /** The address of a route (for an <img> or a download link). */
  url<K extends RouteId>(id: K, ...opts: NeedsRequest<K> extends true ? [RequestOf<K>] : [RequestOf<K>?]): string;
}

function queryString(query: unknown): string {
  if (!query || typeof query !== 'object') return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query as Record<string, unknown>)) if (v !== undefined && v !== null) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

function addressOf(base: string, id: RouteId, req: { params?: unknown; query?: unknown } | undefined): string {
  return `${base}${fillPath(ROUTES[id].path, req?.params as Record<string, string> | undefined)}${queryString(req?.query)}`;
}

/** A client for the API at `base` (default: this page's server, version 1). */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const base = options.base ?? API_V1;
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  async function call<K extends RouteId>(id: K, opts?: CallOptions<K>): Promise<ApiAnswers[K]> {
    const route: { method: string; format?: string } = ROUTES[id];
    const o = (opts ?? {}) as CallOptions<K> & { body?: unknown };
    const headers: Record<string, string> = { accept: route.format === 'csv' ? 'text/csv' : route.format === 'png' ? 'image/png' : 'application/json' };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.idempotencyKey) headers['idempotency-key'] = o.idempotencyKey;
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(addressOf(base, id, o), {
        method: route.method,
        headers,
        body: o.body === undefined ? undefined : JSON.stringify(o.body),
        cache: 'no-store',
        signal: AbortSignal.timeout(o.timeoutMs ?? 20000),
      });
    } catch {
      throw new ApiError(0, 'NETWORK', NETWORK_TEXT);
    }
    if (!res.ok) {
      const data = (await res.json().catch(() => null)) as Partial<ErrorBody> | null;
      const e = data?.error;
      throw new ApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? { id: `Kesalahan ${res.status}`, en: `Error ${res.status}` }, e?.details);
    }
    if (route.format === 'empty' || res.status === 204) return undefined as ApiAnswers[K];
    if (route.format === 'csv' || route.format === 'png' || route.format === 'html') return (await res.blob()) as ApiAnswers[K];
    const data = (await res.json().catch(() => null)) as ApiAnswers[K] | null;
    if (data === null) throw new ApiError(res.status, 'INTERNAL', { id: 'Jawaban server tidak dapat dibaca.', en: 'The server answer could not be read.' });
    return data;
  }
  return {
    call: call as ApiClient['call'],
    url: ((id: RouteId, req?: { params?: unknown; query?: unknown }) => addressOf(base, id, req)) as ApiClient['url'],
  };
}

/** Whether an error means the token is no longer accepted (revoked device, ended session, wiped data). */
export function isAuthError(e: unknown): boolean {
  return e instanceof ApiError && (e.code === 'INVALID_TOKEN' || e.code === 'UNAUTHENTICATED');
}

export type { ApiAnswers } from './answers.js';
export type { BodyOf, ParamsOf, QueryOf } from './inputs.js';
export { API_V1, ROUTES, type RouteId } from './routes.js';
