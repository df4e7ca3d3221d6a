import type { ErrorBody, ErrorCode, LocalizedText } from '@antre/server/contract';

/** A refusal from the server (or no answer at all: code NETWORK), with both languages. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: ErrorCode | 'NETWORK', readonly text: LocalizedText | null) {
    super(text?.en ?? code);
  }
}

/** JSON call to the API with the device token; throws ApiError carrying the server's message. */
export async function api<T>(path: string, opts: { body?: unknown; token?: string | null; timeoutMs?: number; method?: 'GET' | 'POST' | 'DELETE'; idempotencyKey?: string } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method: opts.method ?? (opts.body !== undefined ? 'POST' : 'GET'),
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      cache: 'no-store',
      signal: AbortSignal.timeout(opts.timeoutMs ?? 20000),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', null);
  }
  const data = (await res.json().catch(() => null)) as (T & Partial<ErrorBody>) | null;
  if (!res.ok || data === null) {
    const e = data?.error;
    throw new ApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? null);
  }
  return data as T;
}
