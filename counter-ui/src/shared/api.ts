import type { ErrorBody, ErrorCode, LocalizedText } from '@antre/server/contract';

/** A refusal from the server, with its stable code and both languages. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: ErrorCode | 'NETWORK', readonly text: LocalizedText, readonly details?: unknown) {
    super(text.en);
  }
}

const NETWORK: LocalizedText = { id: 'Server tidak dapat dihubungi.', en: 'The server cannot be reached.' };

/** Whether an error means the token is no longer accepted, so the user must log in again. */
export function isAuthError(e: unknown): boolean {
  return e instanceof ApiError && (e.code === 'INVALID_TOKEN' || e.code === 'UNAUTHENTICATED');
}

/** Any thrown value as a bilingual text a screen can show. */
export function errorText(e: unknown): LocalizedText {
  if (e instanceof ApiError) return e.text;
  const msg = e instanceof Error ? e.message : String(e);
  return { id: msg, en: msg };
}

/** JSON call to the API with the session token; throws ApiError with the server's message. */
export async function api<T>(path: string, opts: { method?: string; body?: unknown; token?: string | null } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method: opts.method ?? (opts.body !== undefined ? 'POST' : 'GET'), headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK);
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as (T & Partial<ErrorBody>) | null;
  if (!res.ok) {
    const e = data?.error;
    throw new ApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? { id: `Kesalahan ${res.status}`, en: `Error ${res.status}` }, e?.details);
  }
  return data as T;
}
