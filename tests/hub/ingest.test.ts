import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThrowawayPostgres } from '../../hub/src/index.ts';
import { SimSite, witaTime } from '../../hub/src/testing/sim-site.ts';
import { DAY, HAVE_POSTGRES, startCluster, startTestHub, type TestHub } from './support.ts';

/** What the hub holds for a site: key -> data, and whether any key appears twice. */
async function hubState(t: TestHub, siteId: string) {
  const rows = await t.sql<{ day: string; key: string; seq: string; data: unknown }>(
    "SELECT to_char(day, 'YYYY-MM-DD') AS day, key, seq, data FROM events WHERE site_id = $1",
    [siteId],
  );
  return new Map(rows.map((r) => [`${r.day}|${r.key}`, r]));
}

async function feedOf(t: TestHub, siteId: string) {
  const [row] = await t.sql<{ next_seq: string; seqs: string }>(
    'SELECT next_seq, (SELECT count(*) FROM feed_seqs WHERE site_id = $1) AS seqs FROM site_feed WHERE site_id = $1',
    [siteId],
  );
  return { nextSeq: Number(row!.next_seq), seqs: Number(row!.seqs) };
}

function expectHubHolds(state: Awaited<ReturnType<typeof hubState>>, site: SimSite) {
  for (const [k, e] of site.latestByKey()) expect(state.get(k)?.data, k).toEqual(e.data);
}

describe.skipIf(!HAVE_POSTGRES)('hub ingest (real PostgreSQL)', () => {
  let cluster: ThrowawayPostgres;
  beforeAll(async () => {
    cluster = await startCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('applies a resent batch once, however the resend is cut, and counts the repeats', async () => {
    const t = await startTestHub(cluster);
    try {
      const credential = await t.addSite('belopa');
      const site = new SimSite({ siteId: 'belopa', credential, hubUrl: t.url, day: DAY, seed: 1, visitors: 150, batchSize: 200 });
      site.workUntil(witaTime(DAY, 11));
      const first = await site.sendOnce(t.clock.now, site.batch(t.clock.now, 1));
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ applied: 200, duplicates: 0, nextSeq: 201 });
      // The answer was lost: the site sends the same batch again.
      const again = await site.sendOnce(t.clock.now, site.batch(t.clock.now, 1));
      expect(again.body).toMatchObject({ applied: 0, duplicates: 200, nextSeq: 201 });
      // A resend cut differently: 101..300 overlaps 100 known and brings 100 new.
      const cut = site.batch(t.clock.now, 101);
      const overlap = await site.sendOnce(t.clock.now, cut);
      expect(overlap.body).toMatchObject({ applied: 100, duplicates: 100, nextSeq: 301 });
      await site.catchUp(t.clock.now);
      const state = await hubState(t, 'belopa');
      expect(state.size).toBe(site.latestByKey().size);
      expectHubHolds(state, site);
      expect(await feedOf(t, 'belopa')).toEqual({ nextSeq: site.log.length + 1, seqs: site.log.length });
      expect((await t.sql('SELECT kind FROM notices')).length).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('serialises concurrent batches of one site: the same batch sent five times at once is applied once', async () => {
    const t = await startTestHub(cluster);
    try {
      const credential = await t.addSite('belopa');
      const site = new SimSite({ siteId: 'belopa', credential, hubUrl: t.url, day: DAY, seed: 2, visitors: 80, batchSize: 150 });
      site.workUntil(witaTime(DAY, 12));
      const batch = site.batch(t.clock.now, 1);
      const answers = await Promise.all(Array.from({ length: 5 }, () => site.sendOnce(t.clock.now, batch)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
      expect(answers.reduce((s, a) => s + a.body.applied, 0)).toBe(150);
      expect(answers.reduce((s, a) => s + a.body.duplicates, 0)).toBe(600);
      expect(await feedOf(t, 'belopa')).toEqual({ nextSeq: 151, seqs: 150 });
    } finally {
      await t.close();
    }
  });

  it('refuses a batch past the next sequence with SEQUENCE_GAP and nextSeq, changes nothing, and notes the gap once', async () => {
    const t = await startTestHub(cluster);
    try {
      const credential = await t.addSite('belopa');
      const site = new SimSite({ siteId: 'belopa', credential, hubUrl: t.url, day: DAY, seed: 3, visitors: 60, batchSize: 50 });
      site.workUntil(witaTime(DAY, 12));
      await site.sendOnce(t.clock.now, site.batch(t.clock.now, 1));
      for (let i = 0; i < 2; i++) {
        const gap = await site.sendOnce(t.clock.now, site.batch(t.clock.now, 101));
        expect(gap.status).toBe(409);
        expect(gap.body.error.code).toBe('SEQUENCE_GAP');
        expect(gap.body.error.message.id).toMatch(/Urutan/);
        expect(gap.body.nextSeq).toBe(51);
      }
      expect(await feedOf(t, 'belopa')).toEqual({ nextSeq: 51, seqs: 50 });
      const notices = await t.api('GET', '/hub/v1/sites/belopa/notices');
      expect(notices.body.notices.map((n: { kind: string }) => n.kind)).toEqual(['gap']);
      expect(notices.body.notices[0].detail).toEqual({ nextSeq: 51, fromSeq: 101 });
      // The site resumes from what the hub asked and nothing is missing.
      await site.catchUp(t.clock.now);
      expectHubHolds(await hubState(t, 'belopa'), site);
    } finally {
      await t.close();
    }
  });

  it('sees a clock minutes off, says so, and takes the skew out of the lag', async () => {
    const t = await startTestHub(cluster);
    try {
      const credential = await t.addSite('walmas');
      const skew = 7 * 60_000;
      const site = new SimSite({ siteId: 'walmas', credential, hubUrl: t.url, day: DAY, seed: 4, visitors: 40, clockSkewMs: skew });
      // True time 10:00 WITA; the site's clock says 10:07 and stamps its events with it.
      t.clock.now = witaTime(DAY, 10);
      site.workUntil(t.clock.now + skew);
      const newest = site.log.at(-1)!.at;
      t.clock.now += 3000; // the batch arrives 3 s later on the hub's clock
      const res = await site.sendOnce(t.clock.now);
      expect(res.status).toBe(200);
      expect(res.body.notices.map((n: { kind: string }) => n.kind)).toEqual(['clock_skew']);
      expect(res.body.notices[0].detail.skewMs).toBe(skew);
      expect(res.body.notices[0].message.id).toMatch(/lebih cepat 7\.0 menit/);
      const summary = (await t.api('GET', '/hub/v1/sites/walmas')).body;
      expect(summary.clockSkewMs).toBe(skew);
      expect(summary.lagSeconds).toBeCloseTo((t.clock.now - (newest - skew)) / 1000, 3);
      expect(summary.lagSeconds).toBeLessThan(60 * 60);
      // The same skew a minute later is not news; a clock within two minutes never is.
      t.clock.now += 60_000;
      expect((await site.sendOnce(t.clock.now)).body.notices).toEqual([]);
      const other = new SimSite({ siteId: 'walmas', credential, hubUrl: t.url, day: DAY, seed: 4, visitors: 40, clockSkewMs: 90_000 });
      other.hubNext = site.hubNext;
      expect((await other.sendOnce(t.clock.now, { ...other.batch(t.clock.now), events: [], fromSeq: site.hubNext })).body.notices).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('takes a site restored from an old backup: a notice says what the hub saw, nothing is duplicated or lost', async () => {
    const t = await startTestHub(cluster);
    try {
      const credential = await t.addSite('belopa');
      const site = new SimSite({ siteId: 'belopa', credential, hubUrl: t.url, day: DAY, seed: 5, visitors: 120, batchSize: 100 });
      site.workUntil(witaTime(DAY, 11));
      await site.catchUp(t.clock.now);
      const before = site.log.length;
      const oldLog = [...site.log];
      expect(before).toBeGreaterThan(150);
      // The building's server is restored from a backup taken at sequence 101 and lives the day on.
      site.restoreFromBackup(101, 99);
      site.workUntil(witaTime(DAY, 16));
      await site.catchUp(t.clock.now);
      const notices = (await t.api('GET', '/hub/v1/sites/belopa/notices')).body.notices;
      expect(notices.map((n: { kind: string }) => n.kind)).toEqual(['sequence_back']);
      expect(notices[0].detail).toMatchObject({ seq: 101, hubNextSeq: before + 1 });
      expect(notices[0].message.en).toMatch(/restored from an old backup/);
      // The hub holds, per key, the latest of what it saw: the old history, then the site's new
      // history from 101 on top (a ticket the restored site forgot it finished stays finished).
      const expected = new Map<string, unknown>();
      for (const e of [...oldLog, ...site.log.slice(100)]) expected.set(`${e.day}|${e.key}`, e.data);
      const state = await hubState(t, 'belopa');
      expect(state.size).toBe(expected.size);
      for (const [k, data] of expected) expect(state.get(k)?.data, k).toEqual(data);
      expect(await feedOf(t, 'belopa')).toEqual({ nextSeq: site.log.length + 1, seqs: site.log.length });
      // Resending the new history again is all duplicates, with no second notice.
      const again = await site.sendOnce(t.clock.now, site.batch(t.clock.now, 101));
      expect(again.body).toMatchObject({ applied: 0, duplicates: 100, notices: [] });
    } finally {
      await t.close();
    }
  });

  it('takes a feed recreated from nothing (new feed id) from sequence 1 and says so', async () => {
    const t = await startTestHub(cluster);
    try {
      const credential = await t.addSite('belopa');
      const site = new SimSite({ siteId: 'belopa', credential, hubUrl: t.url, day: DAY, seed: 6, visitors: 30 });
      site.workUntil(witaTime(DAY, 12));
      await site.catchUp(t.clock.now);
      const fresh = new SimSite({ siteId: 'belopa', credential, hubUrl: t.url, day: '2026-12-02', seed: 7, visitors: 30, feedId: 'feed-belopa-2' });
      fresh.workUntil(witaTime('2026-12-02', 12));
      fresh.hubNext = 5; // it does not know where the hub is
      await fresh.catchUp(t.clock.now);
      const kinds = (await t.sql<{ kind: string }>('SELECT kind FROM notices ORDER BY id')).map((r) => r.kind);
      // The new feed's first batch started at 5 (a gap in the new feed), then came from 1.
      expect(kinds).toEqual(['gap', 'feed_reset']);
      expect(await feedOf(t, 'belopa')).toEqual({ nextSeq: fresh.log.length + 1, seqs: fresh.log.length });
      const state = await hubState(t, 'belopa');
      expect(state.size).toBe(site.latestByKey().size + fresh.latestByKey().size);
    } finally {
      await t.close();
    }
  });

  it('makes a month partition again when an operator has dropped it while the hub ran', async () => {
    const t = await startTestHub(cluster);
    try {
      const credential = await t.addSite('belopa');
      const site = new SimSite({ siteId: 'belopa', credential, hubUrl: t.url, day: DAY, seed: 8, visitors: 30, batchSize: 20 });
      site.workUntil(witaTime(DAY, 10));
      expect((await site.sendOnce(t.clock.now)).status).toBe(200);
      await t.sql('DROP TABLE events_2026_12');
      site.workUntil(witaTime(DAY, 16));
      await site.catchUp(t.clock.now);
      const [row] = await t.sql("SELECT count(*)::int AS n FROM events WHERE site_id = 'belopa'");
      expect(row.n).toBe(new Set(site.log.filter((e) => e.seq > 20).map((e) => e.key)).size);
    } finally {
      await t.close();
    }
  });
});
