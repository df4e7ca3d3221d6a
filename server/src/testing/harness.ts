import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { startServer, type RunningServer, type StartOptions } from '../server.js';
import { testVenue, TestClock } from './builders.js';

export interface Harness {
  server: RunningServer;
  dir: string;
  clock: TestClock;
  adminToken: string;
  login(username: string, password: string): Promise<string>;
  api(path: string, init?: { method?: string; token?: string; body?: unknown; raw?: string; contentType?: string }): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export const ADMIN_PASSWORD = 'rahasia-admin-123';

/** A real server on an ephemeral port over a temp data folder, with a clock the test moves. */
export async function startHarness(over: Partial<StartOptions> = {}): Promise<Harness> {
  const dir = over.dataDir ?? mkdtempSync(join(tmpdir(), 'antre-http-'));
  const clock = new TestClock();
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: dir,
    venue: testVenue(),
    adminPassword: ADMIN_PASSWORD,
    clock: clock.now,
    demo: true,
    log: pino({ level: 'silent' }),
    publicUrl: 'http://antre.test',
    uiRoot: join(dir, 'no-ui'),
    ...over,
    // Tests issue bursts through one kiosk; the kiosk budget itself is tested in tests/security with the defaults.
    limits: {
      kioskTicketsPerMinute: 100000,
      principalRequestsPerSecond: 100000,
      principalRequestBurst: 100000,
      anonymousRequestsPerSecond: 100000,
      anonymousRequestBurst: 100000,
      loginAttemptsPerAddress: 100000,
      pairingFailuresPerAddress: 100000,
      hashPaceMs: 0,
      ...over.limits,
    },
  });
  const api: Harness['api'] = async (path, init = {}) => {
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: string | undefined;
    if (init.raw !== undefined) body = init.raw;
    else if (init.body !== undefined) body = JSON.stringify(init.body);
    if (body !== undefined) headers['content-type'] = init.contentType ?? 'application/json';
    const res = await fetch(`${server.url}${path}`, { method: init.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed };
  };
  const login = async (username: string, password: string) => {
    const r = await api('/api/auth/login', { body: { username, password } });
    if (r.status !== 200) throw new Error(`login ${username} failed: ${JSON.stringify(r.body)}`);
    return r.body.token as string;
  };
  const adminToken = await login('admin', ADMIN_PASSWORD);
  return {
    server,
    dir,
    clock,
    adminToken,
    login,
    api,
    async close() {
      await server.close();
      if (!over.dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
