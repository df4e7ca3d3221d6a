/**
 * `npm run bench:hub`: a simulated province replaying a seeded day into one hub, at 5, 20 and 50
 * sites: ingest rate, lag per site, ingest cost per event and database size per site-day.
 *
 *   --sites 5,20,50   --speed 20   --from 9 --minutes 30   --visitors 1000   --interval 2000
 *   --quick           a few seconds, for the test suite (liveness only)
 *   --verbose         every site's lag too
 *   HUB_PROF_DIR      write a V8 CPU profile of the hub process into that folder
 *   DATABASE_URL      use that PostgreSQL (one database per run is created in it); else a throwaway cluster
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { startThrowawayPostgres } from '../src/pg/throwaway.ts';
import { runProvince, type ProvinceResult } from './province.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const quick = process.argv.includes('--quick');
const opts = {
  sites: arg('sites', quick ? '3' : '5,20,50')
    .split(',')
    .map(Number),
  speed: Number(arg('speed', quick ? '600' : '20')),
  fromHour: Number(arg('from', '9')),
  minutes: Number(arg('minutes', quick ? '40' : '30')),
  visitors: Number(arg('visitors', quick ? '300' : '1000')),
  intervalMs: Number(arg('interval', quick ? '200' : '2000')),
  day: '2026-12-01',
};

const f = (n: number, d = 1) => n.toFixed(d);

/** The spread of the sites' own p99 lags: best, median, worst. */
function sitesP99(r: ProvinceResult): string {
  const p = r.lag.map((l) => l.p99).sort((a, b) => a - b);
  return `best ${f(p[0] ?? 0, 2)}, median ${f(p[Math.floor(p.length / 2)] ?? 0, 2)}, worst ${f(p.at(-1) ?? 0, 2)} s`;
}

function line(r: ProvinceResult): string {
  return [
    `${String(r.sites).padStart(3)} sites`,
    `${String(r.events).padStart(7)} events in ${f(r.wallSeconds)} s = ${f(r.eventsPerSecond)} events/s`,
    `lag p50 ${f(r.lagP50, 2)} s, p99 ${f(r.lagP99, 2)} s (per site p99: ${sitesP99(r)})`,
    `hub CPU ${f(r.hubCpuUsPerEvent, 0)} µs/event, PostgreSQL CPU ${r.pgCpuUsPerEvent === null ? 'n/a' : f(r.pgCpuUsPerEvent, 0)} µs/event, request wall ${f(r.requestWallUsPerEvent, 0)} µs/event`,
    `${f(r.bytesPerEvent, 0)} B/event stored, ${f(r.bytesPerSiteDay / 1024 / 1024, 2)} MB per site-day (${r.eventsPerSiteDay} events)`,
    r.failures ? `${r.failures} failed sends` : '',
  ]
    .filter(Boolean)
    .join(' | ');
}

async function main(): Promise<void> {
  const own = process.env.DATABASE_URL ? null : await startThrowawayPostgres();
  const baseUrl = process.env.DATABASE_URL ?? own!.url;
  const postmasterPid = own ? Number(readFileSync(join(own.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]) : null;
  console.log(
    `hub bench: ${opts.sites.join(', ')} sites, ${opts.visitors} visitors/site-day, ${opts.minutes} site-minutes from ${opts.fromHour}:00 WITA at ${opts.speed}x, a send every ${opts.intervalMs} ms per site`,
  );
  const results: ProvinceResult[] = [];
  try {
    for (const [i, sites] of opts.sites.entries()) {
      const name = `bench_${process.pid}_${i}`;
      const admin = new pg.Client({ connectionString: baseUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(baseUrl);
      url.pathname = `/${name}`;
      const r = await runProvince({ ...opts, sites, databaseUrl: url.toString(), postmasterPid });
      results.push(r);
      console.log(line(r));
      if (process.argv.includes('--verbose'))
        for (const l of r.lag) console.log(`    ${l.siteId}: ${l.events} events, lag p50 ${f(l.p50, 2)} s, p99 ${f(l.p99, 2)} s`);
    }
  } finally {
    await own?.stop();
  }
  const small = results.find((r) => r.sites === Math.min(...opts.sites));
  const big = results.find((r) => r.sites === Math.max(...opts.sites));
  if (small && big && small !== big) {
    const hub = big.hubCpuUsPerEvent / small.hubCpuUsPerEvent;
    const pgRatio = big.pgCpuUsPerEvent && small.pgCpuUsPerEvent ? big.pgCpuUsPerEvent / small.pgCpuUsPerEvent : null;
    console.log(
      `cost per event ${big.sites} vs ${small.sites} sites: hub CPU x${f(hub, 2)}${pgRatio === null ? '' : `, PostgreSQL CPU x${f(pgRatio, 2)}`} (goal: flat)`,
    );
    console.log(`lag p99 at ${big.sites} sites: ${f(big.lagP99, 2)} s (goal < 5 s): ${big.lagP99 < 5 ? 'met' : 'NOT met'}`);
  }
  if (results.some((r) => r.events === 0)) throw new Error('no events were ingested');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
