/** The answer of one HTTP call to the server. */
export interface ApiResult {
  status: number;
  body: any;
}

/** A small JSON client for the server's public API. */
export function apiClient(base: () => string) {
  return async function api(method: string, path: string, token: string | null, body?: unknown): Promise<ApiResult> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base()}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
}

export type Api = ReturnType<typeof apiClient>;

/** The stable error code of a refusal, or null for a success. */
export function errorCode(r: ApiResult): string | null {
  return r.status >= 400 ? (r.body?.error?.code ?? `HTTP_${r.status}`) : null;
}
