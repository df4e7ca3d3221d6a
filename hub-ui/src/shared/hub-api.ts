import type { HubNotice, HubReportResponse, HubSiteSummary, HubSitesResponse, LocalizedText, PublicVenue } from '@antre/server/contract';
import { ApiError, request } from '@antre/server/api';

// Answers of the people routes that the wire contract (hub.ts) does not name yet, as the hub's
// agreed interface describes them. They belong in the contract beside HubSitesResponse.

export type HubRole = 'hub-admin' | 'hub-viewer';
export interface HubUser {
  username: string;
  role: HubRole;
}
/** `POST /hub/v1/auth/login`. */
export interface HubLogin {
  token: string;
  user: HubUser;
}
/** `GET /hub/v1/sites/:siteId`. */
export type HubSiteDetail = HubSiteSummary & { venue: PublicVenue | null };
/** `POST /hub/v1/sites` (201) and `POST /hub/v1/sites/:siteId/credential`. */
export interface HubCredentialAnswer {
  site?: HubSiteSummary;
  credential: string;
}
export type HubConfigOutcome = 'pending' | 'applied' | 'refused';
/** `GET /hub/v1/sites/:siteId/config`. */
export interface HubConfigHistory {
  hubVersion: number;
  siteVersion: number;
  history: { version: number; at: number; outcome: HubConfigOutcome; reason?: LocalizedText | string }[];
}
/** `PUT /hub/v1/sites/:siteId/config` body. */
export interface HubConfigChange {
  venue?: unknown;
  staff?: unknown[];
  settings?: Record<string, unknown>;
}

const enc = encodeURIComponent;

/**
 * One call to the hub's people routes. The hub is its own server with its own routes (not the
 * building's route map), so its pages send through the API client's `request`, which throws the
 * same ApiError (the hub's own codes, SITE_REVOKED and the like, travel in the same field).
 */
async function api<T>(path: string, opts: { token?: string | null; body?: unknown; method?: 'GET' | 'POST' | 'PUT' | 'DELETE' } = {}): Promise<T> {
  const res = await request(path, { method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'), token: opts.token, body: opts.body });
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Whether the hub no longer accepts the session's token (the user must log in again). */
export function isHubAuthError(e: unknown): boolean {
  return e instanceof ApiError && e.status === 401;
}

/** One typed function per people route of the hub (`/hub/v1`), all through the same JSON client. */
export const hubApi = {
  login: (username: string, password: string) => api<HubLogin>('/hub/v1/auth/login', { body: { username, password } }),
  sites: (token: string) => api<HubSitesResponse>('/hub/v1/sites', { token }),
  site: (token: string, siteId: string) => api<HubSiteDetail>(`/hub/v1/sites/${enc(siteId)}`, { token }),
  notices: (token: string, siteId: string) => api<{ notices: HubNotice[] }>(`/hub/v1/sites/${enc(siteId)}/notices`, { token }),
  accountability: (token: string, siteId: string, from: string, to: string) =>
    api<{ rows: unknown[] }>(`/hub/v1/sites/${enc(siteId)}/accountability?from=${from}&to=${to}`, { token }),
  reports: (token: string, from: string, to: string) => api<HubReportResponse>(`/hub/v1/reports?from=${from}&to=${to}`, { token }),
  addSite: (token: string, site: { siteId: string; name: string; region: string }) => api<HubCredentialAnswer>('/hub/v1/sites', { token, body: site }),
  rotateCredential: (token: string, siteId: string) => api<HubCredentialAnswer>(`/hub/v1/sites/${enc(siteId)}/credential`, { token, method: 'POST' }),
  revokeCredential: (token: string, siteId: string) => api<unknown>(`/hub/v1/sites/${enc(siteId)}/credential`, { token, method: 'DELETE' }),
  config: (token: string, siteId: string) => api<HubConfigHistory>(`/hub/v1/sites/${enc(siteId)}/config`, { token }),
  putConfig: (token: string, siteId: string, change: HubConfigChange) =>
    api<{ version: number }>(`/hub/v1/sites/${enc(siteId)}/config`, { token, method: 'PUT', body: change }),
  users: async (token: string): Promise<HubUser[]> => {
    const d = await api<{ users: HubUser[] } | HubUser[]>('/hub/v1/users', { token });
    return Array.isArray(d) ? d : d.users;
  },
  addUser: (token: string, user: { username: string; password: string; role: HubRole }) => api<unknown>('/hub/v1/users', { token, body: user }),
};
