import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HUB_MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const HUB_SRC = fileURLToPath(new URL('../', import.meta.url));

/** Newest modification time under a folder (the hub's sources), to refuse a stale build. */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : e.name.endsWith('.test.ts') || p.includes('/testing/') ? 0 : statSync(p).mtimeMs);
  }
  return t;
}

export interface HubProcess {
  child: ChildProcess;
  url: string;
  pid: number;
  output(): string;
  /** SIGTERM and wait (or SIGKILL with `kill9`). */
  stop(kill9?: boolean): Promise<void>;
}

/** Refuses a missing build or one older than its sources (a test of stale code proves nothing). */
export function assertHubBuilt(): void {
  if (!existsSync(HUB_MAIN)) throw new Error('hub/dist/main.js is missing: run `npm run build -w hub` first');
  if (statSync(HUB_MAIN).mtimeMs < newest(HUB_SRC)) throw new Error('hub/dist is older than hub/src: run `npm run build -w hub` first');
}

/** The built hub (`node hub/dist/main.js`) as its own process on a database, on a free port. */
export async function startHubProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<HubProcess> {
  assertHubBuilt();
  const child = spawn(process.execPath, [...(process.env.HUB_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.HUB_PROF_DIR}`] : []), HUB_MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      ANTRE_HUB_PORT: '0',
      ANTRE_HUB_HOST: '127.0.0.1',
      ANTRE_HUB_ADMIN_PASSWORD: 'admin-pass-123',
      ANTRE_TEST_SETTINGS: '1',
      ANTRE_TEST_PASSWORD_ITERATIONS: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A bench or test that dies must not leave its hub running.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  child.once('exit', () => process.off('exit', orphanGuard));
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start: ${out}`)), 30_000);
    const check = () => {
      const m = /listening on http:\/\/[\d.]+:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited (${code}): ${out}`));
    });
  });
  return {
    child,
    url,
    pid: child.pid!,
    output: () => out,
    stop(kill9 = false) {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill(kill9 ? 'SIGKILL' : 'SIGTERM');
      });
    },
  };
}
