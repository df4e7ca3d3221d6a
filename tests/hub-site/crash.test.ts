import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../server/src/contract/domain.ts';
import { gapless, startFakeHub, type FakeHub } from '../../server/src/testing/fake-hub.ts';
import { ADMIN_PASSWORD, login, post, startServerProcess, type ServerProcess } from '../support/server-process.ts';

const SITE = 'belopa';
const CREDENTIAL = 'hs_belopa_rahasia-situs-uji-123';

let hub: FakeHub | null = null;
let site: ServerProcess | null = null;
const dirs: string[] = [];

afterAll(async () => {
  await site?.kill('SIGKILL');
  await hub?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function until(what: string, fn: () => Promise<boolean> | boolean, ms = 30000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const env = (url: string) => ({ ANTRE_HUB_URL: url, ANTRE_SITE_ID: SITE, ANTRE_HUB_CREDENTIAL: CREDENTIAL, ANTRE_HUB_INTERVAL_MS: '50' });

describe('a site process killed between its commit and the hub', () => {
  it('loses nothing and sends nothing twice after kill -9 during a burst of tickets', async () => {
    hub = await startFakeHub({ siteId: SITE, credential: CREDENTIAL });
    // The feed writes each change 400 ms after the commit (a test setting): the kill lands inside that window for certain.
    site = await startServerProcess({ built: true, env: { ...env(hub.url), ANTRE_TEST_HUB_FEED_DELAY_MS: '400' } });
    dirs.push(site.dataDir);
    const token = await login(site.url, 'admin', ADMIN_PASSWORD);
    const acknowledged: string[] = [];
    // Tickets keep coming while the process is killed: some committed and answered, some in the feed, some sent.
    const burst = (async () => {
      for (let round = 0; round < 100; round++) {
        const answers = await Promise.allSettled(Array.from({ length: 10 }, () => post(site!.url, '/api/tickets', token, { serviceId: 'ktp' })));
        for (const a of answers) if (a.status === 'fulfilled' && a.value.status === 201) acknowledged.push((a.value.body as Ticket).id);
        if (answers.some((a) => a.status === 'rejected')) return;
      }
    })();
    await until('some tickets at the hub', () => hub!.applied > 20);
    await site.kill('SIGKILL');
    await burst;
    expect(acknowledged.length).toBeGreaterThan(10);
    const before = hub.nextSeq;
    // Tickets answered 201 (committed) that the feed on disk does not hold: the window this test is about.
    const feedDir = join(site.dataDir, 'test-mpp', 'hub');
    const inFeed = new Set<string>();
    for (const f of readdirSync(feedDir).filter((n) => n.endsWith('.jsonl'))) {
      for (const line of readFileSync(join(feedDir, f), 'utf8').split('\n')) {
        if (line.includes('"kind":"ticket"')) inFeed.add((JSON.parse(line) as { data: Ticket }).data.id);
      }
    }
    expect(acknowledged.filter((id) => !inFeed.has(id)).length).toBeGreaterThan(0);

    site = await startServerProcess({ built: true, dataDir: site.dataDir, port: site.port, env: env(hub.url) });
    await until('the restarted site to catch up', async () => {
      const h = (await (await fetch(`${site!.url}/api/health`)).json()) as { hub: { state: string; pendingEvents: number } };
      return h.hub.state === 'ok' && h.hub.pendingEvents === 0;
    });
    const atHub = new Map<string, Ticket>();
    for (const [k, v] of hub.byKey) if (k.startsWith('ticket:')) atHub.set((v as Ticket).id, v as Ticket);
    for (const id of acknowledged) expect(atHub.has(id), `ticket ${id} at the hub`).toBe(true);
    // Nothing the hub had was sent again under another number, and the sequence never went back.
    expect(gapless(hub)).toBe(true);
    expect(hub.notices).toEqual([]);
    expect(hub.nextSeq).toBeGreaterThanOrEqual(before);
    const keys = [...hub.bySeq.values()].filter((e) => e.kind === 'ticket').map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    // The hub's copy of each ticket is the site's.
    const sample = acknowledged.slice(-5);
    for (const id of sample) {
      const r = await fetch(`${site.url}/api/tickets/${id}`);
      expect(((await r.json()) as { status: string }).status).toBe(atHub.get(id)!.status);
    }
  }, 120000);
});
