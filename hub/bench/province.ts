import pg from 'pg';
import { startHubProcess } from '../src/testing/hub-process.ts';
import { SimSite, dayEvents, witaTime } from '../src/testing/sim-site.ts';
import { clusterCpuSeconds, cpuSeconds } from './proc-cpu.ts';

export interface ProvinceOptions {
  databaseUrl: string;
  postmasterPid: number | null;
  sites: number;
  /** Site time per wall time. */
  speed: number;
  /** WITA hour the replay starts at, and how many site minutes it covers. */
  fromHour: number;
  minutes: number;
  visitors: number;
  /** Wall ms between a site's sends (the site's ANTRE_HUB_INTERVAL_MS). */
  intervalMs: number;
  day: string;
}

export interface SiteLag {
  siteId: string;
  p50: number;
  p99: number;
  events: number;
}

export interface ProvinceResult {
  sites: number;
  events: number;
  wallSeconds: number;
  eventsPerSecond: number;
  lag: SiteLag[];
  lagP50: number;
  lagP99: number;
  worstSiteP99: number;
  hubCpuUsPerEvent: number;
  pgCpuUsPerEvent: number | null;
  requestWallUsPerEvent: number;
  bytesPerEvent: number;
  eventsPerSiteDay: number;
  bytesPerSiteDay: number;
  failures: number;
}

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/**
 * One province: N simulated sites replay a stretch of a seeded day at `speed` into one hub
 * process, each sending what it has every `intervalMs` (sites in parallel). Lag is measured per
 * event from the wall moment its site time came (start + site time / speed) to the hub's answer.
 */
export async function runProvince(o: ProvinceOptions): Promise<ProvinceResult> {
  const hub = await startHubProcess(o.databaseUrl);
  const db = new pg.Client({ connectionString: o.databaseUrl });
  db.on('error', (err) => console.error(`bench's database connection: ${err.message}`));
  await db.connect();
  try {
    const token = (await post(`${hub.url}/hub/v1/auth/login`, { username: 'admin', password: 'admin-pass-123' })).token as string;
    const sims: SimSite[] = [];
    for (let i = 0; i < o.sites; i++) {
      const siteId = `mpp-${String(i + 1).padStart(3, '0')}`;
      const { credential } = await post(`${hub.url}/hub/v1/sites`, { siteId, name: `MPP ${i + 1}`, region: `Kab ${(i % 12) + 1}` }, token);
      sims.push(new SimSite({ siteId, credential, hubUrl: hub.url, day: o.day, seed: 1000 + i, visitors: o.visitors, batchSize: 1000 }));
    }
    const simStart = witaTime(o.day, o.fromHour);
    const simEnd = simStart + o.minutes * 60_000;
    // The day before the window is already at the hub (a province mid-morning), not measured.
    for (const s of sims) {
      s.workUntil(simStart);
      await s.catchUp(Date.now());
    }
    const sentBefore = sims.reduce((a, s) => a + s.log.length, 0);
    const lags = sims.map(() => [] as number[]);
    let requestWall = 0;
    let failures = 0;
    const hubCpu0 = cpuSeconds(hub.pid);
    const pgCpu0 = o.postmasterPid ? clusterCpuSeconds(o.postmasterPid) : 0;
    const wall0 = performance.now();
    const simNow = () => Math.floor(Math.min(simEnd, simStart + (performance.now() - wall0) * o.speed));
    const wallOf = (at: number) => wall0 + (at - simStart) / o.speed;

    const loop = async (s: SimSite, i: number) => {
      await sleep((o.intervalMs * i) / o.sites); // sites do not tick in step
      for (;;) {
        const t = simNow();
        s.workUntil(t);
        while (s.hubNext <= s.log.length) {
          const from = s.hubNext;
          const r0 = performance.now();
          const res = await s.sendOnce(t).catch(() => ({ status: 0, body: null }));
          const r1 = performance.now();
          requestWall += r1 - r0;
          if (res.status !== 200) {
            if (process.env.BENCH_DEBUG) console.log(res.status, JSON.stringify(res.body).slice(0, 300));
            failures++;
            break;
          }
          for (let seq = from; seq < s.hubNext; seq++) lags[i]!.push((r1 - wallOf(s.log[seq - 1]!.at)) / 1000);
        }
        if (t >= simEnd) return;
        await sleep(o.intervalMs);
      }
    };
    await Promise.all(sims.map(loop));
    const wallSeconds = (performance.now() - wall0) / 1000;
    const events = sims.reduce((a, s) => a + s.log.length, 0) - sentBefore;
    const hubCpu = cpuSeconds(hub.pid) - hubCpu0;
    const pgCpu = o.postmasterPid ? clusterCpuSeconds(o.postmasterPid) - pgCpu0 : null;

    const size = await db.query<{ bytes: string }>(
      `SELECT (SELECT coalesce(sum(pg_total_relation_size(relid)), 0) FROM pg_partition_tree('events') WHERE isleaf)
            + pg_total_relation_size('feed_seqs') AS bytes`,
    );
    const stored = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM feed_seqs')).rows[0]!.n);
    const bytesPerEvent = Number(size.rows[0]!.bytes) / stored;
    const eventsPerSiteDay = dayEvents(o.day, 1000, o.visitors).length;
    const all = lags.flat().sort((a, b) => a - b);
    const perSite = sims.map((s, i) => {
      const l = lags[i]!.sort((a, b) => a - b);
      return { siteId: s.o.siteId, p50: quantile(l, 0.5), p99: quantile(l, 0.99), events: l.length };
    });
    return {
      sites: o.sites,
      events,
      wallSeconds,
      eventsPerSecond: events / wallSeconds,
      lag: perSite,
      lagP50: quantile(all, 0.5),
      lagP99: quantile(all, 0.99),
      worstSiteP99: Math.max(...perSite.map((p) => p.p99)),
      hubCpuUsPerEvent: (hubCpu * 1e6) / events,
      pgCpuUsPerEvent: pgCpu === null ? null : (pgCpu * 1e6) / events,
      requestWallUsPerEvent: (requestWall * 1000) / events,
      bytesPerEvent,
      eventsPerSiteDay,
      bytesPerSiteDay: bytesPerEvent * eventsPerSiteDay,
      failures,
    };
  } finally {
    await db.end();
    await hub.stop();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function post(url: string, body: unknown, token?: string): Promise<any> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}
