import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testVenueInput } from '../../server/src/testing/builders.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The V8 flags `npm start` runs the built server with (read from package.json, so they cannot drift). */
export function startFlags(): string[] {
  const start = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  return start.split(/\s+/).filter((w) => w.startsWith('--'));
}
export const ADMIN_PASSWORD = 'admin-uji-12345';

/**
 * Whole-system and load runs drive a building's worth of tickets through a few kiosk tokens and
 * officers: the per-kiosk and per-client budgets a person at a kiosk never reaches are raised for
 * them. tests/security checks the defaults themselves.
 */
export const LOAD_LIMITS_ENV: Record<string, string> = {
  ANTRE_LIMIT_KIOSK_TICKETS_PER_MINUTE: '100000',
  ANTRE_LIMIT_PRINCIPAL_REQUESTS_PER_SECOND: '100000',
  ANTRE_LIMIT_PRINCIPAL_REQUEST_BURST: '100000',
  // Every visitor's phone in these runs comes from 127.0.0.1.
  ANTRE_LIMIT_ANONYMOUS_REQUESTS_PER_SECOND: '100000',
  ANTRE_LIMIT_ANONYMOUS_REQUEST_BURST: '100000',
  ANTRE_LIMIT_TICKET_SOCKETS_PER_ADDRESS: '100000',
  ANTRE_LIMIT_LOGIN_ATTEMPTS_PER_ADDRESS: '100000',
  // Simulated days and browser days move time faster than a screen would: they ask for snapshots more often.
  ANTRE_LIMIT_SOCKET_EVENTS_PER_SECOND: '100000',
  ANTRE_LIMIT_SOCKET_EVENT_BURST: '100000',
  // The tests' cheap hashes need no pacing (the production pace is tested in tests/security).
  ANTRE_LIMIT_HASH_PACE_MS: '1',
};

/** A free TCP port on loopback (shared with the printer tests). */
export { freePort } from '../../printers/src/testing/ports.ts';
import { freePort } from '../../printers/src/testing/ports.ts';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  port: number;
  dataDir: string;
  output: () => string;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Writes the small all-day test venue to a file, for a server started as a process. */
export function writeTestVenue(dir: string): string {
  const path = join(dir, 'venue.json');
  writeFileSync(path, JSON.stringify(testVenueInput()));
  return path;
}

/** The server process ended before it answered /api/health (a refusal to start, with what it printed). */
export class ServerExitedError extends Error {
  constructor(
    readonly code: number | null,
    readonly output: string,
  ) {
    super(`server exited with ${code}:\n${output}`);
  }
}

/** The newest modification time of the files under `dir` whose names end with `ext` (tests aside). */
function newest(dir: string, ext: string): number {
  let t = 0;
  try {
    for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (e.isFile() && e.name.endsWith(ext) && !e.name.includes('.test.')) t = Math.max(t, statSync(join(e.parentPath, e.name)).mtimeMs);
    }
  } catch {
    /* no such folder: never built */
  }
  return t;
}

let checkedBuild = false;
/** Refuses to start a build older than its sources: the test would pass or fail on yesterday's code. */
export function assertBuildFresh(): void {
  if (checkedBuild) return;
  for (const ws of ['printers', 'server']) {
    if (newest(join(ROOT, ws, 'dist'), '.js') < newest(join(ROOT, ws, 'src'), '.ts'))
      throw new Error(`${ws}/dist is missing or older than ${ws}/src: run \`npm run build -w printers -w server\` first (npm test does)`);
  }
  checkedBuild = true;
}

/**
 * Starts the real server as its own process (node + tsx on the sources, or the built dist),
 * over a data folder that outlives it, and waits until /api/health answers. With `ipc` the child
 * has a message channel (the simulated clock is moved over it).
 */
export async function startServerProcess(
  opts: { dataDir?: string; port?: number; venue?: string; env?: Record<string, string>; built?: boolean; ipc?: boolean } = {},
): Promise<ServerProcess> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'antre-proc-'));
  const port = opts.port ?? (await freePort());
  const venue = opts.venue ?? writeTestVenue(dataDir);
  if (opts.built) assertBuildFresh();
  const args = opts.built ? [...startFlags(), join(ROOT, 'server/dist/main.js')] : ['--import', 'tsx', join(ROOT, 'server/src/main.ts')];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      ANTRE_DATA_DIR: dataDir,
      ANTRE_VENUE: venue,
      ANTRE_DEMO: '1',
      ANTRE_ADMIN_PASSWORD: ADMIN_PASSWORD,
      ANTRE_DEMO_PASSWORD: 'demo-uji-12345',
      ANTRE_PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      ANTRE_TEST_SETTINGS: '1',
      ...LOAD_LIMITS_ENV,
      ...opts.env,
    },
    stdio: opts.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  // 'close', not 'exit': everything the process printed has been read by then.
  const exited = new Promise<number | null>((r) => child.once('close', (code) => r(code)));
  let ended = false;
  void exited.then(() => (ended = true));
  // Test files start servers side by side; on a busy machine a start may take longer than alone.
  const deadline = Date.now() + 60000;
  for (;;) {
    if (ended) throw new ServerExitedError(child.exitCode, out);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start in 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  // /api/health answers before the demo set-up (staff, devices) is saved; the banner follows it.
  // A test that logs in as a demo officer right away would otherwise race it on a busy machine.
  const env = { ANTRE_DEMO: '1', ...opts.env };
  while (env.ANTRE_DEMO !== '0' && !out.includes('Antre is running') && !ended) {
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server printed no start-up banner in 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    child,
    url,
    port,
    dataDir,
    output: () => out,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export async function login(url: string, username: string, password: string): Promise<string> {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await r.json()) as { token: string };
  if (!r.ok) throw new Error(`login failed: ${JSON.stringify(body)}`);
  return body.token;
}

export async function post(url: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const r = await fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body ?? {}) });
  return { status: r.status, body: await r.json().catch(() => null) };
}
