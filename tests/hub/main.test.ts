import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HUB_MAIN, assertHubBuilt } from '../../hub/src/testing/hub-process.ts';
import { HAVE_POSTGRES, jsonRequest } from './support.ts';

// `npm run hub` without DATABASE_URL: a throwaway cluster, said so; a first admin, its password printed once.
describe.skipIf(!HAVE_POSTGRES)('npm run hub without DATABASE_URL', () => {
  it('starts its own PostgreSQL, prints the first admin password once, and cleans up on SIGTERM', async () => {
    assertHubBuilt();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ANTRE_HUB_PORT: '0',
      ANTRE_HUB_HOST: '127.0.0.1',
      ANTRE_TEST_SETTINGS: '1',
      ANTRE_TEST_PASSWORD_ITERATIONS: '1000',
    };
    delete env.DATABASE_URL;
    delete env.ANTRE_HUB_ADMIN_PASSWORD;
    const child = spawn(process.execPath, [HUB_MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      for (let i = 0; i < 300 && !/listening on/.test(out); i++) await new Promise((r) => setTimeout(r, 100));
      expect(out).toMatch(
        /DATABASE_URL not set: started a throwaway PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres \(data in (\S+), deleted on stop\)/,
      );
      const dir = /data in (\S+), deleted/.exec(out)![1]!;
      const password = /username "admin", password "([^"]+)"/.exec(out)![1]!;
      const url = `http://127.0.0.1:${/listening on http:\/\/[\d.]+:(\d+)/.exec(out)![1]}`;
      expect((await jsonRequest(`${url}/hub/v1/health`, 'GET')).body).toEqual({ ok: true, db: 'up' });
      const login = await jsonRequest(`${url}/hub/v1/auth/login`, 'POST', { username: 'admin', password });
      expect(login.body.user).toEqual({ username: 'admin', role: 'hub-admin' });
      expect(existsSync(dir)).toBe(true);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(existsSync(dir)).toBe(false);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
