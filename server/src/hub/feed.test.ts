import { afterEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../contract/domain.js';
import type { AlertRecord } from '../contract/alert-records.js';
import { disk, useDisk, type Disk } from '../store/disk.js';
import { startFakeHub, gapless, type FakeHub } from '../testing/fake-hub.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { dayVenue, wita } from '../testing/day-venue.js';

const SITE = 'uji';
const CREDENTIAL = 'hs_uji_rahasia-situs-123';
const WED = '2026-11-25';
const THU = '2026-11-26';

let hub: FakeHub | null = null;
let h: Harness | null = null;
let restoreDisk: Disk | null = null;

afterEach(async () => {
  if (restoreDisk) useDisk(restoreDisk);
  restoreDisk = null;
  await h?.close();
  await hub?.close();
  h = null;
  hub = null;
});

async function until(what: string, fn: () => boolean, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const caughtUp = () =>
  until('the hub to catch up', () => {
    const link = h!.server.ctx.hub!;
    return link.feed.durableSeq > 0 && link.feed.assignedSeq === link.feed.durableSeq && !link.feed.failure && hub!.nextSeq === link.feed.durableSeq + 1;
  });

const post = (path: string, token: string | undefined, body: unknown = {}) => h!.api(path, { token, method: 'POST', body });

describe('what the feed carries besides tickets', () => {
  it("sends alerts, survey answers, a day's end with its expired tickets and its accountability record", async () => {
    hub = await startFakeHub({ siteId: SITE, credential: CREDENTIAL });
    h = await startHarness({ venue: dayVenue(), demo: false, hub: { url: hub.url, siteId: SITE, credential: CREDENTIAL, intervalMs: 40, maxBackoffMs: 200 } });
    const admin = h.adminToken;
    // 08:15 with no planned counter open: late_open alerts begin.
    h.clock.t = wita(WED, '08:15');
    await h.server.ticker.tick();
    await until('the alerts at the hub', () => [...hub!.byKey.keys()].some((k) => k.startsWith(`alert:${WED}:loket-1:late_open`)));
    expect((await post('/api/counters/loket-1/status', admin, { status: 'open' })).status).toBe(200);
    const a = (await post('/api/tickets', admin, { serviceId: 'ktp' })).body as Ticket;
    const b = (await post('/api/tickets', admin, { serviceId: 'ktp' })).body as Ticket;
    expect((await post('/api/counters/loket-1/call-next', admin)).status).toBe(200);
    expect((await post('/api/counters/loket-1/finish', admin)).status).toBe(200);
    expect((await post('/api/surveys', undefined, { ticketId: a.id, scores: [4, 4, 3, 4, 4, 4, 3, 4, 4] })).status).toBe(201);
    await h.server.ticker.tick();
    await caughtUp();

    expect(hub.byKey.get(`survey:${WED}:${a.id}`)).toMatchObject({ ticketId: a.id, scores: [4, 4, 3, 4, 4, 4, 3, 4, 4] });
    // The alert ended once the counter opened: the hub has its latest state.
    await until("the alert's end", () =>
      [...hub!.byKey.entries()].some(([k, v]) => k.startsWith(`alert:${WED}:loket-1:late_open`) && (v as AlertRecord).endedAt !== null),
    );

    // Midnight: the day ends, the visitor still waiting expires, the accountability record is final.
    h.clock.t = wita(THU, '00:05');
    await h.server.ticker.tick();
    await caughtUp();
    expect((hub.byKey.get(`ticket:${WED}:${b.id}`) as Ticket).status).toBe('expired');
    expect(hub.byKey.get(`day:${WED}`)).toMatchObject({ status: 'closed', tickets: 2, done: 1, expired: 1 });
    expect(hub.byKey.get(`day:${THU}`)).toMatchObject({ status: 'open' });
    const rows = [...hub.bySeq.values()]
      .filter((e) => e.kind === 'accountability' && e.day === WED)
      .map((e) => e.data as { type: string; kind: string; key: string; served: number });
    expect(rows.find((r) => r.type === 'row' && r.kind === 'counter' && r.key === 'loket-1')).toMatchObject({ served: 1 });
    expect(rows.find((r) => r.type === 'row' && r.kind === 'total')).toMatchObject({ served: 1 });
    expect(gapless(hub)).toBe(true);
    expect(hub.duplicates).toBe(0);
  });

  it('rebuilds from the day when a feed write fails, without a gap or a loss', async () => {
    hub = await startFakeHub({ siteId: SITE, credential: CREDENTIAL });
    h = await startHarness({ hub: { url: hub.url, siteId: SITE, credential: CREDENTIAL, intervalMs: 40, maxBackoffMs: 200, testFeedDelayMs: 20 } });
    const admin = h.adminToken;
    for (let i = 0; i < 3; i++) expect((await post('/api/tickets', admin, { serviceId: 'ktp' })).status).toBe(201);
    await caughtUp();
    // The feed's file refuses writes (its disk is full); the day's journal, elsewhere, still takes them.
    let failing = true;
    const base = disk();
    restoreDisk = useDisk({
      ...base,
      async open(path, how, mode) {
        const f = await base.open(path, how, mode);
        if (!path.includes(`${'/'}hub${'/'}feed.`) || !path.endsWith('.jsonl')) return f;
        return {
          ...f,
          write: (...args) => (failing ? Promise.reject(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' })) : f.write(...args)),
          datasync: () => f.datasync(),
          sync: () => f.sync(),
          truncate: (n) => f.truncate(n),
          size: () => f.size(),
          close: () => f.close(),
        };
      },
    });
    // Reopen the feed so its file goes through the failing disk.
    await h.server.ctx.hub!.feed.rebuild();
    for (let i = 0; i < 5; i++) expect((await post('/api/tickets', admin, { serviceId: 'kk' })).status).toBe(201);
    await until('the feed to fail', () => !!h!.server.ctx.hub!.feed.failure || h!.server.ctx.hub!.status().lastError !== null);
    // Health says so for as long as the disk refuses, through every attempt to rebuild (each one's
    // writes are held 20 ms, so an attempt that counted itself healed before they landed is seen).
    const states = new Set<string>();
    for (let i = 0; i < 25; i++) {
      const health = (await h.api('/api/health')).body;
      expect(health.status).toBe('ok');
      states.add(health.hub.state);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect([...states]).toEqual(['retrying']);
    failing = false;
    await caughtUp();
    const atHub = [...hub.byKey.entries()].filter(([k]) => k.startsWith('ticket:')).map(([, v]) => (v as Ticket).id);
    const site = [...h.server.ctx.queue.engine.state.tickets.values()].map((t) => t.id);
    expect(atHub.sort()).toEqual(site.sort());
    expect(site).toHaveLength(8);
    expect(gapless(hub)).toBe(true);
  });
});
