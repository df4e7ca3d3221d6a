import type { ErrorBody, ErrorCode, LocalizedText } from '../errors.js';
import type { ApiAnswers } from './answers.js';
import type { NeedsRequest, RequestOf } from './inputs.js';
import { API_V1, fillPath, ROUTES, type RouteId } from './routes.js';

/**
 * The one HTTP client of the UIs (and of any TypeScript integrator), derived from the route map:
 * `api.call('tickets.issue', { body })` is typed by the route's schemas and answer type. No zod
 * here: the route map it reads is plain data and every type is imported as a type.
 */

/**
 * A refusal from the server with its stable code and both languages; or no answer at all (code
 * NETWORK, status 0, no text: the screen says it in its own words).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    readonly text: LocalizedText | null,
    readonly details?: unknown,
  ) {
    super(`${status} ${code}${text ? `: ${text.en}` : ''}`);
    this.name = 'ApiError';
  }
}

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
  /** A file route (CSV, image) as a blob, with the file name the server suggests. */
  file<K extends FileRouteId>(
    id: K,
    ...opts: NeedsRequest<K> extends true ? [CallOptions<K>] : [CallOptions<K>?]
  ): Promise<{ blob: Blob; name: string | null }>;
  /** The address of a route (for an <img> or a link). */
  url<K extends RouteId>(id: K, ...opts: NeedsRequest<K> extends true ? [RequestOf<K>] : [RequestOf<K>?]): string;
}

/** A call's options as the sender sees them, whatever the route. */
interface SendOptions {
  params?: unknown;
  query?: unknown;
  body?: unknown;
  token?: string | null;
  idempotencyKey?: string;
  timeoutMs?: number;
}

/** The routes that answer with a file rather than JSON. */
export type FileRouteId = { [K in RouteId]: (typeof ROUTES)[K] extends { format: 'csv' | 'png' } ? K : never }[RouteId];

function queryString(query: unknown): string {
  if (!query || typeof query !== 'object') return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query as Record<string, unknown>)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

function addressOf(base: string, id: RouteId, req: { params?: unknown; query?: unknown } | undefined): string {
  return `${base}${fillPath(ROUTES[id].path, req?.params as Record<string, string> | undefined)}${queryString(req?.query)}`;
}

/** One request as every client here sends it. */
export interface RequestOptions {
  method: string;
  accept?: string;
  token?: string | null;
  idempotencyKey?: string;
  body?: unknown;
  timeoutMs?: number;
}

/**
 * Sends one request and answers the response of a success; a refusal (the error body's code and
 * both languages) or no answer at all is thrown as ApiError. The route-map client below sends
 * through it, and so does the hub's pages' client for the hub's own routes.
 */
export async function request(url: string, o: RequestOptions, doFetch: typeof fetch = (input, init) => fetch(input, init)): Promise<Response> {
  const headers: Record<string, string> = { accept: o.accept ?? 'application/json' };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.idempotencyKey) headers['idempotency-key'] = o.idempotencyKey;
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await doFetch(url, {
      method: o.method,
      headers,
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
      cache: 'no-store',
      signal: AbortSignal.timeout(o.timeoutMs ?? 20000),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', null);
  }
  if (!res.ok) {
    const data = (await res.json().catch(() => null)) as Partial<ErrorBody> | null;
    const e = data?.error;
    throw new ApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? { id: `Kesalahan ${res.status}`, en: `Error ${res.status}` }, e?.details);
  }
  return res;
}

/** A client for the API at `base` (default: this page's server, version 1). */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const base = options.base ?? API_V1;
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  /** Sends a call; a refusal (or no answer) is thrown as ApiError, so what returns is a success. */
  async function send(id: RouteId, opts: SendOptions | undefined): Promise<Response> {
    const route: { method: string; format?: string } = ROUTES[id];
    const o: SendOptions = opts ?? {};
    const accept = route.format === 'csv' ? 'text/csv' : route.format === 'png' ? 'image/png' : 'application/json';
    return request(
      addressOf(base, id, o),
      { method: route.method, accept, token: o.token, idempotencyKey: o.idempotencyKey, body: o.body, timeoutMs: o.timeoutMs },
      doFetch,
    );
  }
  async function call<K extends RouteId>(id: K, opts?: CallOptions<K>): Promise<ApiAnswers[K]> {
    const res = await send(id, opts as SendOptions | undefined);
    const format = (ROUTES[id] as { format?: string }).format;
    if (format === 'empty' || res.status === 204) return undefined as ApiAnswers[K];
    if (format === 'csv' || format === 'png' || format === 'html') return (await res.blob()) as ApiAnswers[K];
    const data = (await res.json().catch(() => null)) as ApiAnswers[K] | null;
    if (data === null) throw new ApiError(res.status, 'INTERNAL', { id: 'Jawaban server tidak dapat dibaca.', en: 'The server answer could not be read.' });
    return data;
  }
  async function file(id: FileRouteId, opts?: CallOptions<FileRouteId>): Promise<{ blob: Blob; name: string | null }> {
    const res = await send(id, opts as SendOptions | undefined);
    const name = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? null;
    return { blob: await res.blob(), name };
  }
  return {
    call: call as ApiClient['call'],
    file: file as ApiClient['file'],
    url: ((id: RouteId, req?: { params?: unknown; query?: unknown }) => addressOf(base, id, req)) as ApiClient['url'],
  };
}

/** Refusals after which nothing happened on the server, and a moment later the same request may pass. */
const TRY_AGAIN = new Set<string>(['SERVER_BUSY', 'SHUTTING_DOWN', 'NETWORK']);

/**
 * Sends again, after growing pauses, while the server says it is busy or restarting or cannot be
 * reached (a screen pairing itself at start-up while the hall's server is under load); any other
 * answer, or the last refusal, is the caller's.
 */
export async function whileBusy<T>(send: () => Promise<T>, pausesMs: readonly number[] = [500, 1000, 2000, 4000]): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await send();
    } catch (e) {
      if (!(e instanceof ApiError) || !TRY_AGAIN.has(e.code) || i >= pausesMs.length) throw e;
      await new Promise((r) => setTimeout(r, pausesMs[i]));
    }
  }
}

/** Whether an error means the token is no longer accepted (revoked device, ended session, wiped data). */
export function isAuthError(e: unknown): boolean {
  return e instanceof ApiError && (e.code === 'INVALID_TOKEN' || e.code === 'UNAUTHENTICATED');
}

export type { ApiAnswers, ContactState, CounterActionAnswer, DevicePairing, PrinterList, SurveyMine, VirtualPrintJob } from './answers.js';
export type { BodyOf, ParamsOf, QueryOf, RequestOf } from './inputs.js';
export { API_V1, ROUTES, type RouteId } from './routes.js';
