import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, startThrowawayPostgres, type ThrowawayPostgres } from '../../hub/src/index.ts';
import { startHubProcess } from '../../hub/src/testing/hub-process.ts';
import { SimSite, witaTime } from '../../hub/src/testing/sim-site.ts';
import { ADMIN_PASSWORD, DAY, HAVE_POSTGRES, freshDatabase, jsonRequest, startCluster, startTestHub } from './support.ts';

async function counts(db: pg.Client, siteId: string) {
  const r = await db.query(
    'SELECT (SELECT count(*) FROM events WHERE site_id = $1)::int AS events, (SELECT count(*) FROM feed_seqs WHERE site_id = $1)::int AS seqs, (SELECT next_seq FROM site_feed WHERE site_id = $1)::int AS next',
    [siteId],
  );
  return r.rows[0] as { events: number; seqs: number; next: number };
}

describe.skipIf(!HAVE_POSTGRES)('hub faults (real PostgreSQL, real hub process)', () => {
  let cluster: ThrowawayPostgres;
  beforeAll(async () => {
    cluster = await startCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('a hub killed in the middle of a batch leaves nothing half-applied; the resend is applied once', async () => {
    const databaseUrl = await freshDatabase(cluster);
    let hub = await startHubProcess(databaseUrl);
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const locker = new pg.Client({ connectionString: databaseUrl });
    await locker.connect();
    try {
      const token = (await jsonRequest(`${hub.url}/hub/v1/auth/login`, 'POST', { username: 'admin', password: ADMIN_PASSWORD })).body.token;
      const credential = (await jsonRequest(`${hub.url}/hub/v1/sites`, 'POST', { siteId: 'belopa', name: 'MPP Simpurusiang', region: 'Luwu' }, token)).body
        .credential;
      const site = new SimSite({ siteId: 'belopa', credential, hubUrl: hub.url, day: DAY, seed: 21, visitors: 200, batchSize: 800 });
      site.workUntil(witaTime(DAY, 15));
      // Hold the live-summary table: the batch's transaction writes its events and feed row, then waits here.
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE site_live IN ACCESS EXCLUSIVE MODE');
      const sending = site.sendOnce(Date.now()).catch((err: Error) => err);
      let waiting: { pid: number } | undefined;
      for (let i = 0; i < 200 && !waiting; i++) {
        const r = await db.query("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO site_live%'");
        waiting = r.rows[0];
        if (!waiting) await new Promise((res) => setTimeout(res, 50));
      }
      expect(waiting, 'the batch transaction reached the live summary').toBeDefined();
      await hub.stop(true);
      expect(await sending).toBeInstanceOf(Error);
      await locker.query('ROLLBACK');
      // PostgreSQL rolls the dead client's transaction back once it sees the connection gone.
      for (let i = 0; i < 200; i++) {
        const r = await db.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [waiting!.pid]);
        if (!r.rowCount) break;
        await new Promise((res) => setTimeout(res, 50));
      }
      expect(await counts(db, 'belopa')).toEqual({ events: 0, seqs: 0, next: 1 });
      hub = await startHubProcess(databaseUrl);
      site.o.hubUrl = hub.url;
      await site.catchUp(Date.now());
      expect(await counts(db, 'belopa')).toEqual({ events: site.latestByKey().size, seqs: site.log.length, next: site.log.length + 1 });
      expect(site.answers.reduce((a, b) => a + b.applied, 0)).toBe(site.log.length);
    } finally {
      await locker.end();
      await db.end();
      await hub.stop();
    }
  });

  it('a site works through an hour with the hub down and catches up by itself: nothing lost, nothing twice', async () => {
    const t = await startTestHub(cluster);
    const databaseUrl = t.databaseUrl;
    const credential = await t.addSite('walmas');
    const site = new SimSite({ siteId: 'walmas', credential, hubUrl: t.url, day: DAY, seed: 22, visitors: 250, batchSize: 300 });
    // Every two simulated seconds the site sends what it has; the hub is there until 10:00.
    let clock = witaTime(DAY, 8);
    const tick = async (until: number, hubUp: boolean) => {
      for (; clock < until; clock += 2 * 60_000) {
        site.workUntil(clock);
        t.clock.now = clock;
        const sent = await site.sendOnce(clock).catch((err: Error) => ({ status: 0, body: err }));
        expect(sent.status).toBe(hubUp ? 200 : 0);
      }
    };
    await tick(witaTime(DAY, 10), true);
    const beforeOutage = site.hubNext;
    await t.close();
    // 10:00 to 11:00: no hub. The site keeps issuing and calling; its sends fail and it does not wait.
    await tick(witaTime(DAY, 11), false);
    expect(site.log.length - (beforeOutage - 1)).toBeGreaterThan(100);
    const back = await startTestHub(cluster, { databaseUrl, start: clock });
    try {
      site.o.hubUrl = back.url;
      await site.catchUp(clock);
      const rows = await back.sql<{ n: string; distinct_keys: string }>(
        "SELECT count(*) AS n, count(DISTINCT key) AS distinct_keys FROM events WHERE site_id = 'walmas'",
      );
      expect(Number(rows[0]!.n)).toBe(site.latestByKey().size);
      expect(Number(rows[0]!.distinct_keys)).toBe(site.latestByKey().size);
      const seqs = await back.sql("SELECT count(*)::int AS n, max(seq)::int AS max FROM feed_seqs WHERE site_id = 'walmas'");
      expect(seqs[0]).toEqual({ n: site.log.length, max: site.log.length });
      const summary = (await back.api('GET', '/hub/v1/sites/walmas')).body;
      expect(summary.nextSeq).toBe(site.log.length + 1);
      expect(summary.lastSeenAt).toBe(clock);
      // The catch-up batch's newest event is recent; the summary shows the site as current again.
      expect(summary.lagSeconds).toBeLessThan(5 * 60);
      expect(summary.notices).toEqual([]);
    } finally {
      await back.close();
    }
  });

  it('answers 503 DB_UNAVAILABLE while PostgreSQL is gone, and stays up', async () => {
    const own = await startThrowawayPostgres();
    const hub = await startHub({ databaseUrl: own.url, port: 0, host: '127.0.0.1', adminPassword: ADMIN_PASSWORD, log: () => undefined });
    try {
      const token = (await jsonRequest(`${hub.url}/hub/v1/auth/login`, 'POST', { username: 'admin', password: ADMIN_PASSWORD })).body.token;
      const credential = (await jsonRequest(`${hub.url}/hub/v1/sites`, 'POST', { siteId: 'belopa', name: 'MPP Simpurusiang', region: 'Luwu' }, token)).body
        .credential;
      await own.stop();
      expect(await jsonRequest(`${hub.url}/hub/v1/health`, 'GET')).toEqual({ status: 503, body: { ok: false, db: 'down' } });
      const site = new SimSite({ siteId: 'belopa', credential, hubUrl: hub.url, day: DAY, seed: 23, visitors: 20 });
      site.workUntil(witaTime(DAY, 12));
      const res = await site.sendOnce(Date.now());
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('DB_UNAVAILABLE');
      expect((await jsonRequest(`${hub.url}/hub/v1/sites`, 'GET', undefined, token)).body.error.code).toBe('DB_UNAVAILABLE');
    } finally {
      await hub.close();
      await own.stop();
    }
  });
});
