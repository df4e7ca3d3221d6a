import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../contract/domain.js';
import { hashPassword } from '../auth/secrets.js';
import { startFakeHub, gapless, type FakeHub } from '../testing/fake-hub.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { testVenueInput } from '../testing/builders.js';
import type { HubSettings } from './settings.js';

const SITE = 'uji';
const CREDENTIAL = 'hs_uji_rahasia-situs-123';

let hub: FakeHub | null = null;
let h: Harness | null = null;
const dirs: string[] = [];

afterEach(async () => {
  await h?.close();
  await hub?.close();
  h = null;
  hub = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function settings(url: string, over: Partial<HubSettings> = {}): HubSettings {
  return { url, siteId: SITE, credential: CREDENTIAL, intervalMs: 40, maxBackoffMs: 200, requestTimeoutMs: 500, ...over };
}

async function until(what: string, fn: () => boolean | Promise<boolean>, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function issue(n: number, serviceId = 'ktp'): Promise<Ticket[]> {
  const out: Ticket[] = [];
  for (let i = 0; i < n; i++) {
    const r = await h!.api('/api/tickets', { token: h!.adminToken, body: { serviceId } });
    expect(r.status).toBe(201);
    out.push(r.body.ticket ?? r.body);
  }
  return out;
}

/** The hub has every event the site wrote to its feed. */
async function caughtUp(): Promise<void> {
  const link = h!.server.ctx.hub!;
  await until(
    'the hub to catch up',
    () =>
      link.feed.durableSeq > 0 &&
      link.feed.assignedSeq === link.feed.durableSeq &&
      hub!.nextSeq === link.feed.durableSeq + 1 &&
      link.status().pendingEvents === 0,
  );
}

function ticketsAtHub(): Map<string, Ticket> {
  const out = new Map<string, Ticket>();
  for (const [k, v] of hub!.byKey) if (k.startsWith('ticket:')) out.set((v as Ticket).id, v as Ticket);
  return out;
}

function siteTickets(): Ticket[] {
  return [...h!.server.ctx.queue.engine.state.tickets.values()];
}

describe('hub link: the site reports to its hub', () => {
  it('sends every change exactly once and in order, with the live summary and the venue', async () => {
    hub = await startFakeHub({ siteId: SITE, credential: CREDENTIAL });
    h = await startHarness({ hub: settings(hub.url) });
    await issue(12);
    await issue(3, 'skck');
    for (let i = 0; i < 5; i++) {
      expect((await h.api('/api/counters/loket-1/call-next', { token: h.adminToken, body: {} })).status).toBe(200);
      expect((await h.api('/api/counters/loket-1/finish', { token: h.adminToken, body: {} })).status).toBe(200);
    }
    await caughtUp();
    expect(gapless(hub)).toBe(true);
    expect(hub.duplicates).toBe(0);
    const atHub = ticketsAtHub();
    const site = siteTickets();
    expect(atHub.size).toBe(site.length);
    for (const t of site) expect(atHub.get(t.id)).toEqual(t);
    // Per ticket, the statuses arrive in the order the site made them.
    const seen = new Map<string, string[]>();
    for (const e of [...hub.bySeq.values()].sort((a, b) => a.seq - b.seq)) {
      if (e.kind !== 'ticket') continue;
      const t = e.data as Ticket;
      seen.set(t.id, [...(seen.get(t.id) ?? []), t.status]);
    }
    const finished = site.filter((t) => t.status === 'done');
    expect(finished).toHaveLength(5);
    for (const t of finished) expect(seen.get(t.id)).toEqual(['waiting', 'called', 'done']);
    // Counters (opened by the demo day) and the day itself are in the feed too.
    expect([...hub.byKey.keys()].some((k) => k.startsWith('counter:'))).toBe(true);
    expect(hub.byKey.get(`day:${h.server.ctx.queue.day}`)).toMatchObject({ status: 'open' });
    expect(hub.venue?.id).toBe('test-mpp');
    expect(hub.batches[0]!.venue).toBeDefined();
    expect(hub.batches.slice(1).every((b) => b.venue === undefined)).toBe(true);
    await until('a heartbeat with the live summary', () => hub!.batches.at(-1)!.events.length === 0);
    const live = hub.batches.at(-1)!.live;
    expect(live).toMatchObject({ waiting: 10, served: 5, issued: 15, countersTotal: 4, countersOpen: 4 });
    expect(live.counters).toHaveLength(4);
    expect(hub.batches.every((b) => b.events.length <= 500 && b.feedId === hub!.batches[0]!.feedId)).toBe(true);
    const health = await h.api('/api/health');
    expect(health.body.hub).toMatchObject({ state: 'ok', siteId: SITE, pendingEvents: 0, lastError: null });
  });

  it('catches up after the hub was down, and resends from the sequence a 409 names', async () => {
    hub = await startFakeHub({ siteId: SITE, credential: CREDENTIAL });
    h = await startHarness({ hub: settings(hub.url) });
    await issue(3);
    await caughtUp();
    hub.mode = 'down';
    await issue(20);
    await until('the link to report the hub down', async () => (await h!.api('/api/health')).body.hub.state === 'retrying');
    const health = (await h.api('/api/health')).body.hub;
    expect(health.pendingEvents).toBeGreaterThan(0);
    expect(health.lastError.message).toMatch(/503/);
    hub.mode = 'up';
    await caughtUp();
    expect(gapless(hub)).toBe(true);
    expect(ticketsAtHub().size).toBe(23);
    // A hub restored from an older copy asks for everything again: the site resends from 1, counted as duplicates.
    const before = hub.applied;
    hub.claimNextSeq = 1;
    await issue(1);
    await until('the resend', () => hub!.batches.some((b) => b.fromSeq === 1 && b.events.length > 0 && hub!.duplicates > 0));
    await caughtUp();
    // Each sequence applied once, however often it was sent.
    expect(hub.applied).toBe(hub.nextSeq - 1);
    expect(hub.applied).toBeGreaterThan(before);
    expect(hub.notices).toEqual([]);
    expect(ticketsAtHub().size).toBe(24);
    expect(gapless(hub)).toBe(true);
  });

  it('backs off while the hub refuses or is gone, and comes back by itself', async () => {
    hub = await startFakeHub({ siteId: SITE, credential: CREDENTIAL });
    h = await startHarness({ hub: settings(hub.url, { intervalMs: 40, maxBackoffMs: 400 }) });
    await issue(2);
    await caughtUp();
    hub.mode = 'down';
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, 3000));
    const tries = hub.refused;
    const seconds = (performance.now() - t0) / 1000;
    // Every 40 ms without backoff would be ~75 tries; doubling up to a 400 ms cap (jittered 50-100%) is at most ~15.
    expect(tries).toBeGreaterThanOrEqual(3);
    expect(tries).toBeLessThan(Math.ceil(seconds / 0.2) + 6);
    // Gone altogether (nothing listens): the error is the network's, and the queue runs on.
    const port = hub.port;
    await hub.close();
    await issue(3);
    await until('a network error', () => /ECONNREFUSED|fetch failed/.test(h!.server.ctx.hub!.status().lastError?.message ?? ''));
    hub = await startFakeHub({ siteId: SITE, credential: CREDENTIAL, port });
    // A hub that lost nothing of its own would answer 409 from its nextSeq; this one starts empty and takes all from 1.
    await caughtUp();
    expect(ticketsAtHub().size).toBe(5);
    expect(gapless(hub)).toBe(true);
  });

  it('prunes what the hub acknowledged, and starts a new feed when a restored hub asks for what is gone', async () => {
    hub = await startFakeHub({ siteId: SITE, credential: CREDENTIAL });
    // Sessions outlive the two days the clock moves.
    h = await startHarness({ hub: settings(hub.url, { feedSegmentEvents: 5 }), limits: { sessionIdleMinutes: 10 * 24 * 60 } });
    const link = h.server.ctx.hub!;
    const days: string[] = [];
    for (let d = 0; d < 3; d++) {
      if (d) {
        h.clock.advance(24 * 3600_000);
        await h.server.ticker.tick();
      }
      days.push(h.server.ctx.queue.day);
      await issue(3);
      await caughtUp();
    }
    // The first day is acknowledged and older than the two days start-up compares against: its files are gone.
    await until('the first day pruned', () => link.feed.store.oldestSeq > 1);
    const firstFeed = hub.batches[0]!.feedId;
    // The hub is restored from a copy that has nothing: it asks for 1, which this site no longer holds.
    hub.bySeq.clear();
    hub.byKey.clear();
    hub.nextSeq = 1;
    await issue(1);
    await until('a new feed', () => hub!.notices.some((n) => n.kind === 'feed_reset'));
    await caughtUp();
    expect(hub.batches.at(-1)!.feedId).not.toBe(firstFeed);
    expect(link.status().feedId).toBe(hub.batches.at(-1)!.feedId);
    expect(gapless(hub)).toBe(true);
    const atHub = ticketsAtHub();
    // The newest two days are there again, today's new ticket too; the first day is what the hub itself lost.
    for (const t of siteTickets()) expect(atHub.get(t.id)).toEqual(t);
    expect([...atHub.values()].filter((t) => t.day === days[1]).length).toBe(3);
    expect([...atHub.values()].some((t) => t.day === days[0])).toBe(false);
  });

  it('catches up a long absence from the feed on disk, in batches of at most 500', async () => {
    hub = await startFakeHub({ siteId: SITE, credential: CREDENTIAL });
    hub.mode = 'down';
    h = await startHarness({ hub: settings(hub.url) });
    const q = h.server.ctx.queue;
    // Far more events than the sender keeps in memory (2,000), over two feed segments (5,000 each).
    await Promise.all(Array.from({ length: 3000 }, () => q.run((e, now) => e.issue({ serviceId: 'ktp', source: { kind: 'staff', id: 'uji' } }, now))));
    const link = h.server.ctx.hub!;
    await until('the feed to hold them all', () => link.feed.assignedSeq === link.feed.durableSeq && link.feed.durableSeq >= 6000);
    expect(link.status().pendingEvents).toBe(link.feed.durableSeq);
    const segments = readdirSync(join(h.dir, 'test-mpp', 'hub')).filter((f) => f.endsWith('.jsonl'));
    expect(segments.length).toBeGreaterThan(1);
    hub.mode = 'up';
    await caughtUp();
    expect(ticketsAtHub().size).toBe(3000);
    expect(gapless(hub)).toBe(true);
    expect(hub.duplicates).toBe(0);
    const sizes = hub.batches.map((b) => b.events.length);
    expect(Math.max(...sizes)).toBe(500);
  }, 60000);

  it('keeps the queue answering while the hub never answers', async () => {
    hub = await startFakeHub({ siteId: SITE, credential: CREDENTIAL });
    hub.mode = 'hang';
    h = await startHarness({ hub: settings(hub.url, { requestTimeoutMs: 60_000 }) });
    const worst = { ms: 0 };
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      await issue(1);
      const r = await h.api('/api/counters/loket-1/call-next', { token: h.adminToken, body: {} });
      expect(r.status).toBe(200);
      expect((await h.api('/api/counters/loket-1/finish', { token: h.adminToken, body: {} })).status).toBe(200);
      worst.ms = Math.max(worst.ms, performance.now() - t0);
    }
    // A liveness bound, not a speed target: nothing waits on the hub.
    expect(worst.ms).toBeLessThan(2000);
    expect(hub.hung).toBeGreaterThan(0);
    const health = await h.api('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.hub.pendingEvents).toBeGreaterThan(30);
  });

  it("loses nothing a crash left between the queue's commit and the feed", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'antre-hub-'));
    dirs.push(dir);
    // The site runs without its link (as if the process died after every commit, before the feed's write)...
    h = await startHarness({ dataDir: dir });
    const made = await issue(7);
    await h.close();
    h = null;
    // ...then starts with it: reconciliation against the day's state puts every ticket in the feed.
    hub = await startFakeHub({ siteId: SITE, credential: CREDENTIAL });
    h = await startHarness({ dataDir: dir, hub: settings(hub.url) });
    await caughtUp();
    const atHub = ticketsAtHub();
    for (const t of made) expect(atHub.has(t.id)).toBe(true);
    // A restart with nothing new sends nothing again, also once the day was compacted into its document.
    for (let i = 0; i < 3; i++) {
      expect((await h.api('/api/counters/loket-1/call-next', { token: h.adminToken, body: {} })).status).toBe(200);
      expect((await h.api('/api/counters/loket-1/finish', { token: h.adminToken, body: {} })).status).toBe(200);
    }
    await caughtUp();
    const applied = hub.applied;
    await h.close();
    h = await startHarness({ dataDir: dir, hub: settings(hub.url), compactEvery: 2 });
    await issue(3);
    await caughtUp();
    const afterOne = hub.applied;
    // Only the three new tickets' changes (ticket, service) were news.
    expect(afterOne - applied).toBeLessThanOrEqual(6);
    await until('the compacted day document', () => readdirSync(join(dir, 'test-mpp', 'days')).some((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f)));
    await h.close();
    h = await startHarness({ dataDir: dir, hub: settings(hub.url), compactEvery: 2 });
    const batches = hub.batches.length;
    await until('a heartbeat', () => hub!.batches.length > batches + 2 && hub!.batches.at(-1)!.events.length === 0);
    expect(applied).toBeGreaterThan(0);
    expect(hub.applied).toBe(afterOne);
    expect(hub.duplicates).toBe(0);
  });

  it('applies a venue and staff from the hub, and refuses a bad venue with the reason', async () => {
    hub = await startFakeHub({ siteId: SITE, credential: CREDENTIAL });
    h = await startHarness({ hub: settings(hub.url) });
    await caughtUp();
    const venue = { ...testVenueInput(), name: 'MPP Uji Pusat' };
    const passwordHash = await hashPassword('sandi-dari-hub-1', 1000);
    hub.configs.push({ version: 1, venue, staff: [{ username: 'petugas.hub', name: 'Petugas Hub', role: 'officer', counterIds: ['loket-1'], passwordHash }] });
    await until('the site to apply version 1', () => hub!.results.length === 1);
    expect(hub.results[0]).toEqual({ version: 1, outcome: 'applied' });
    expect(h.server.ctx.queue.venue.name).toBe('MPP Uji Pusat');
    expect((await h.api('/api/venue')).body.name).toBe('MPP Uji Pusat');
    await h.login('petugas.hub', 'sandi-dari-hub-1');
    await until('the new venue to reach the hub', () => hub!.venue?.name === 'MPP Uji Pusat');
    await until('the applied version in a batch', () => hub!.batches.at(-1)!.configVersion === 1);

    // Two services with one prefix: the venue editor's own validation refuses it.
    const bad = { ...venue, name: 'Rusak', services: venue.services.map((s) => (s.id === 'kk' ? { ...s, prefix: 'A' } : s)) };
    hub.configs.push({ version: 2, venue: bad });
    await until('the site to refuse version 2', () => hub!.results.length === 2);
    const r = hub.results[1]!;
    expect(r).toMatchObject({ version: 2, outcome: 'refused' });
    expect(r.reason!.id).toMatch(/tidak valid/);
    expect(r.reason!.en).toMatch(/invalid/);
    expect(r.reason!.en).toMatch(/prefix/);
    expect(h.server.ctx.queue.venue.name).toBe('MPP Uji Pusat');
    // Refused once, not again and again; the site still reports the version it runs.
    await new Promise((res) => setTimeout(res, 300));
    expect(hub.results).toHaveLength(2);
    expect(hub.batches.at(-1)!.configVersion).toBe(1);
    expect(h.server.ctx.hub!.status().configVersion).toBe(1);

    // Staff accounts follow the account form's rules: a counter the venue lacks, a password that is not a hash.
    hub.configs.push({ version: 3, staff: [{ username: 'petugas.dua', name: 'Dua', role: 'officer', counterIds: ['loket-99'], passwordHash }] });
    await until('the site to refuse version 3', () => hub!.results.length === 3);
    expect(hub.results[2]).toMatchObject({
      version: 3,
      outcome: 'refused',
      reason: { id: expect.stringMatching(/petugas tidak valid.*loket-99/), en: expect.stringMatching(/Staff accounts are not valid.*loket-99/) },
    });
    hub.configs.push({ version: 4, staff: [{ username: 'petugas.dua', name: 'Dua', role: 'officer', counterIds: [], passwordHash: 'sandi-biasa' }] });
    await until('the site to refuse version 4', () => hub!.results.length === 4);
    expect(hub.results[3]!.reason!.en).toMatch(/passwordHash/);
    expect(h.server.ctx.auth.users().some((u) => u.username === 'petugas.dua')).toBe(false);
    hub.configs.push({ version: 5, settings: { lunchBreak: '12:00' } });
    await until('the site to refuse version 5', () => hub!.results.length === 5);
    expect(hub.results[4]!.reason!.en).toMatch(/lunchBreak/);
  });
});
