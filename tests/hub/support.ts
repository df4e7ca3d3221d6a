/** Shared setup of the hub's tests: one throwaway cluster per file, a fresh database per case. */
import pg from 'pg';
import { findPostgresBin, startHub, startThrowawayPostgres, type RunningHub, type ThrowawayPostgres } from '../../hub/src/index.ts';

export const HAVE_POSTGRES = findPostgresBin() !== null;
if (!HAVE_POSTGRES)
  console.warn('hub tests skipped: PostgreSQL (initdb, pg_ctl) is not installed here; `apt-get install -y postgresql` (.ci/run does) to run them');

export const ADMIN_PASSWORD = 'admin-pass-123';
export const DAY = '2026-12-01';

let dbCount = 0;

/** A new empty database in the file's cluster, and its URL. */
export async function freshDatabase(cluster: ThrowawayPostgres): Promise<string> {
  const name = `hub_${process.pid}_${++dbCount}`;
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return cluster.url.replace(/\/postgres$/, `/${name}`);
}

export interface TestHub {
  hub: RunningHub;
  url: string;
  databaseUrl: string;
  token: string;
  clock: { now: number };
  /** JSON request; answers status and parsed body (null when empty). */
  api(method: string, path: string, body?: unknown, token?: string | null): Promise<{ status: number; body: any }>;
  addSite(siteId: string, name?: string, region?: string): Promise<string>;
  sql<T extends pg.QueryResultRow = any>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function jsonRequest(url: string, method: string, body?: unknown, token?: string | null): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** A hub on a fresh database with a movable clock, logged in as the first admin. */
export async function startTestHub(cluster: ThrowawayPostgres, opts: { databaseUrl?: string; uiDir?: string | null; start?: number } = {}): Promise<TestHub> {
  const databaseUrl = opts.databaseUrl ?? (await freshDatabase(cluster));
  const clock = { now: opts.start ?? Date.parse(`${DAY}T00:30:00Z`) };
  const hub = await startHub({
    databaseUrl,
    port: 0,
    host: '127.0.0.1',
    adminPassword: ADMIN_PASSWORD,
    clock: () => clock.now,
    uiDir: opts.uiDir ?? null,
    log: () => undefined,
  });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const api = (method: string, path: string, body?: unknown, token?: string | null) =>
    jsonRequest(`${hub.url}${path}`, method, body, token === undefined ? t.token : token);
  const t: TestHub = {
    hub,
    url: hub.url,
    databaseUrl,
    token: '',
    clock,
    api,
    async addSite(siteId, name = `MPP ${siteId}`, region = 'Luwu') {
      const res = await api('POST', '/hub/v1/sites', { siteId, name, region });
      if (res.status !== 201) throw new Error(`site not created: ${JSON.stringify(res.body)}`);
      return res.body.credential as string;
    },
    async sql(text, params) {
      return (await pool.query(text, params)).rows;
    },
    async close() {
      await pool.end();
      await hub.close();
    },
  };
  const login = await api('POST', '/hub/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD }, null);
  t.token = login.body.token;
  return t;
}

export async function startCluster(): Promise<ThrowawayPostgres> {
  return startThrowawayPostgres();
}
