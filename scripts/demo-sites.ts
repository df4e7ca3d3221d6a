/**
 * `npm run demo:sites`: a hub and two buildings reporting to it, on one machine.
 *
 * Starts a throwaway PostgreSQL and the hub (port 4000), creates the sites `belopa` (MPP
 * Simpurusiang, the built-in venue) and `walmas` (MPP Walenrang-Lamasi, server/venues/mpp-walmas.json)
 * through the hub's admin API, then starts one Antre server per site, each with its own data folder
 * (ports 3000 and 3100). Prints what to open and the passwords; Ctrl-C stops everything and deletes
 * the throwaway data. Ports: DEMO_HUB_PORT, DEMO_BELOPA_PORT, DEMO_WALMAS_PORT.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const env = process.env;
const HUB_PORT = Number(env.DEMO_HUB_PORT ?? 4000);
const SITES = [
  { siteId: 'belopa', name: 'MPP Simpurusiang (Belopa)', region: 'Kabupaten Luwu', port: Number(env.DEMO_BELOPA_PORT ?? 3000), venue: null },
  {
    siteId: 'walmas',
    name: 'MPP Walenrang-Lamasi (Walmas)',
    region: 'Kabupaten Luwu',
    port: Number(env.DEMO_WALMAS_PORT ?? 3100),
    venue: join(ROOT, 'server/venues/mpp-walmas.json'),
  },
];

interface HubModule {
  startThrowawayPostgres(): Promise<{ url: string; stop(): Promise<void> }>;
  startHub(o: {
    databaseUrl: string;
    port: number;
    adminPassword: string;
    uiDir?: string | null;
  }): Promise<{ url?: string; port?: number; close(): Promise<void> }>;
}

const children: ChildProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
let stopping = false;

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((r) => {
            if (c.exitCode !== null || c.signalCode !== null) return r();
            c.once('exit', () => r());
            c.kill('SIGTERM');
          }),
      ),
    );
    for (const f of cleanups.reverse()) await Promise.resolve(f()).catch(() => undefined);
  }
  process.exit(code);
}

async function hubApi(path: string, token: string | null, body?: unknown): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${HUB_PORT}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`hub ${path} answered ${res.status}: ${JSON.stringify(answer)}`);
  return answer;
}

/** Starts one building's server and resolves with its banner (the addresses and passwords it prints). */
function startSite(site: (typeof SITES)[number], credential: string, dataDir: string): Promise<string> {
  const child = spawn(process.execPath, [join(ROOT, 'server/dist/main.js')], {
    cwd: ROOT,
    env: {
      ...env,
      PORT: String(site.port),
      ANTRE_DATA_DIR: dataDir,
      ANTRE_DEMO: '1',
      ...(site.venue ? { ANTRE_VENUE: site.venue } : {}),
      ANTRE_HUB_URL: `http://127.0.0.1:${HUB_PORT}`,
      ANTRE_SITE_ID: site.siteId,
      ANTRE_HUB_CREDENTIAL: credential,
      LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d;
      // The banner ends with a blank line after the demo accounts.
      if (/Antre is running[\s\S]*\n\n$/.test(out)) resolve(out);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[${site.siteId}] ${d}`));
    child.once('exit', (code) => {
      if (!stopping) reject(new Error(`the ${site.siteId} server exited (${code}):\n${out}`));
    });
  });
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  if (!existsSync(join(ROOT, 'server/dist/main.js')))
    throw new Error('server/dist is missing: run `npm run build -w printers -w server` (npm run demo:sites does)');
  const entry = join(ROOT, 'hub/src/index.ts');
  if (!existsSync(entry)) throw new Error('the hub workspace (hub/) is not in this checkout');
  const hubModule = (await import(entry)) as HubModule;
  const pg = await hubModule.startThrowawayPostgres();
  cleanups.push(() => pg.stop());
  const adminPassword = env.ANTRE_HUB_ADMIN_PASSWORD || randomBytes(9).toString('base64url');
  const uiDir = join(ROOT, 'hub-ui/dist');
  const hub = await hubModule.startHub({ databaseUrl: pg.url, port: HUB_PORT, adminPassword, uiDir: existsSync(uiDir) ? uiDir : null });
  cleanups.push(() => hub.close());
  const { token } = await hubApi('/hub/v1/auth/login', null, { username: 'admin', password: adminPassword });
  const banners: string[] = [];
  for (const site of SITES) {
    const { credential } = await hubApi('/hub/v1/sites', token, { siteId: site.siteId, name: site.name, region: site.region });
    const dataDir = mkdtempSync(join(tmpdir(), `antre-demo-${site.siteId}-`));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const banner = await startSite(site, credential, dataDir);
    banners.push(`=== ${site.name}: site "${site.siteId}", data in ${dataDir}\n${banner.trim()}`);
  }
  const lines = [
    '',
    ...banners,
    '',
    '=== The hub (every building together)',
    `  Hub pages and API:                   http://localhost:${HUB_PORT}/   (health: http://localhost:${HUB_PORT}/hub/v1/health)`,
    `  Hub admin account:                   admin / ${adminPassword}`,
    `  Sites:                               ${SITES.map((s) => `${s.siteId} http://localhost:${s.port}`).join('   ')}`,
    '  Each building keeps working if the hub stops; it catches up when the hub is back.',
    '',
    'Ctrl-C stops the two buildings, the hub and its throwaway PostgreSQL.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

main().catch(async (err: unknown) => {
  process.stderr.write(`\ndemo:sites cannot start: ${(err as Error)?.message ?? String(err)}\n\n`);
  await stop(1);
});
