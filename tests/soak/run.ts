import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ticket } from '../../server/src/contract/domain.ts';
import { ROOT, startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { BOARD_UPDATE_MS } from '../../server/src/realtime/notifier.ts';
import { judge, serverCalls, type Check } from './judge.ts';
import { Http, Load, setUp } from './load.ts';
import { cpuMeter, loopDelayMeter, vmRssMb, type CpuShares } from './probes.ts';
import { median, pct } from './report.ts';
import { Swarm, type ScreenReport } from './swarm.ts';
import { hears, minutesToMidnight, screenScopes, soakVenue, writeSoakVenue } from './venue.ts';

export type { Check } from './judge.ts';

export interface SoakOptions {
  seconds: number;
  screens: number;
  counters: number;
  ticketsPerS: number;
  callsPerS: number;
  seed: number;
  /** Processes the boards are spread over. */
  processes: number;
  /** CPU priority (nice) of the boards' processes; 0 = the same as the server (see Swarm). */
  boardsNice?: number;
  /** RSS growth is measured from the end of this share of the run to its end. */
  warmupShare: number;
  /** Largest allowed RSS growth (0.1 = 10%); null: reported, not checked. */
  maxRssGrowth: number | null;
  /** Every call must reach its last board within this many ms; null: reported, not checked. */
  livenessMs: number | null;
  recallShare: number;
  log: (line: string) => void;
}

export interface SoakResult {
  opts: SoakOptions;
  wallSeconds: number;
  /** How long the schedules actually ran, last answer included. */
  loadSeconds: number;
  backlog: number;
  issued: number;
  serverTickets: number;
  calls: number;
  recalls: number;
  queueEmpty: number;
  httpErrors: number;
  screens: ScreenReport;
  /** Call -> last board that must hear it (ms). */
  latency: number[];
  /** The same, with each call's send time in seconds after the load began: does the tail grow as the day fills? */
  latencyAt: { t: number; ms: number }[];
  /** Call -> the first board that heard it, and first -> last board: the server's part and the fan-out's. */
  firstBoard: number[];
  spread: number[];
  issueMs: number[];
  /** Answer times of call-next (HTTP 200): the server's part of a call's latency, before the boards. */
  callNextMs: number[];
  rss: { t: number; mb: number }[];
  rssWarm: number;
  rssEnd: number;
  rssGrowth: number;
  heap: { t: number; mb: number }[];
  /** The server's own view: V8 heap reserved (heapTotal) and memory outside it (RSS - heapTotal), MB. */
  heapTotal: { t: number; mb: number }[];
  outside: { t: number; mb: number }[];
  cpu: CpuShares;
  /** How late this process's event loop ran during the load (ms): a request sent late makes its call late too. */
  generatorLoop: { p99: number; max: number };
  checks: Check[];
}

const now = () => performance.timeOrigin + performance.now();
const cleanups = new Set<() => Promise<void>>();

/** Stops whatever a run left running (for Ctrl-C in the CLI). */
export async function abortAll(): Promise<void> {
  await Promise.all([...cleanups].map((c) => c().catch(() => undefined)));
}

/**
 * One soak: the built server as its own process, the boards connected, then tickets and calls
 * on a fixed schedule for the whole time while the server's RSS is sampled; then every board
 * is checked against the server's own list of calls. Everything started is stopped, pass or fail.
 */
export async function runSoak(opts: SoakOptions): Promise<SoakResult> {
  const wall0 = now();
  if (!existsSync(join(ROOT, 'server/dist/main.js'))) throw new Error('server/dist/main.js is missing: run `npm run build -w printers -w server` (npm run soak does).');
  const venue = soakVenue(opts.counters);
  const left = minutesToMidnight(venue.input.timeZone);
  if (left < opts.seconds / 60 + 5) throw new Error(`the service day rolls over in ${left} min (midnight ${venue.input.timeZone}); start the soak after midnight`);
  const dataDir = mkdtempSync(join(tmpdir(), 'antre-soak-'));
  let proc: ServerProcess | null = null;
  let swarm: Swarm | null = null;
  let sampler: NodeJS.Timeout | undefined;
  const cleanup = async () => {
    clearInterval(sampler);
    await swarm?.stop();
    await proc?.kill();
  };
  cleanups.add(cleanup);
  let passed = false;
  try {
    swarm = new Swarm(opts.processes, 60000, opts.boardsNice ?? 0);
    swarm.spawn(); // the screens processes start while the server does
    proc = await startServerProcess({ built: true, dataDir, venue: writeSoakVenue(dataDir, venue), env: { ANTRE_DEMO: '0', LOG_LEVEL: 'warn' } });
    const server = proc;
    const http = new Http(server.url);
    const scopes = screenScopes(opts.screens, venue);
    opts.log(`server pid ${server.child.pid} on ${server.url}; registering ${opts.screens} boards, ${venue.kioskIds.length} kiosks, ${opts.counters} officers`);
    const actors = await setUp(http, venue, scopes);
    await swarm.connect(server.url, actors.screens);
    opts.log(`${opts.screens} boards connected over ${opts.processes} processes; load for ${opts.seconds} s`);
    const load = new Load(http, venue, actors, opts);
    await load.fillBacklog();

    const start = now() + 500;
    const meter = cpuMeter(server.child.pid!, swarm.pids());
    const loopDelay = loopDelayMeter();
    const rss: SoakResult['rss'] = [];
    const heap: SoakResult['heap'] = [];
    const heapTotal: SoakResult['heapTotal'] = [];
    const outside: SoakResult['outside'] = [];
    let ticks = 0;
    const sample = () => {
      const t = (now() - start) / 1000;
      rss.push({ t, mb: vmRssMb(server.child.pid!) });
      if (ticks++ % 5 === 0) {
        void http.call('GET', '/api/health', null).then((r) => {
          if (r.status !== 200) return http.fail('health', r);
          const m = r.body.memoryMB;
          heap.push({ t, mb: m.heapUsed });
          heapTotal.push({ t, mb: m.heapTotal });
          outside.push({ t, mb: m.rss - m.heapTotal });
        });
      }
      if (ticks % 30 === 0) opts.log(`  ${t.toFixed(0)} s: ${load.issued} tickets, ${load.calls.size} calls, RSS ${rss.at(-1)!.mb.toFixed(1)} MB, errors ${http.errorCount}`);
    };
    sampler = setInterval(sample, 2000);
    await load.run(start);
    clearInterval(sampler);
    sample(); // the end of the load, before the check queries below allocate anything
    const loadEnd = now();
    const loadSeconds = (loadEnd - start) / 1000;
    const cpu = meter(loadSeconds);
    const generatorLoop = loopDelay.read();

    const list = await http.must('GET', '/api/tickets', actors.admin, undefined, 200) as { tickets: Ticket[] };
    const calls = serverCalls(list.tickets, venue.floorOf);
    const expected = new Map(calls.map((c) => [c.id, scopes.filter((s) => hears(s, c.counterId, c.floor)).length]));
    const pending = await swarm.settle(expected, 10000);
    // The last commands' board update may still be gathered (BOARD_UPDATE_MS): give it time to go out
    // before the boards' counters and queues are compared with a fresh snapshot.
    const quiet = loadEnd + BOARD_UPDATE_MS + 750 - now();
    if (quiet > 0) await new Promise((r) => setTimeout(r, quiet));
    const screens = await swarm.verify(calls);
    const latency: number[] = [];
    const latencyAt: SoakResult['latencyAt'] = [];
    const firstBoard: number[] = [];
    const spread: number[] = [];
    let late = 0;
    for (const [id, t0] of load.calls) {
      const d = swarm.delivered(id);
      if (d.n < (expected.get(id) ?? Infinity)) continue;
      latency.push(d.last - t0);
      latencyAt.push({ t: (t0 - start) / 1000, ms: d.last - t0 });
      firstBoard.push(d.first - t0);
      spread.push(d.last - d.first);
      if (opts.livenessMs !== null && d.last - t0 > opts.livenessMs) late++;
    }
    const window = Math.max(6, opts.seconds * 0.05);
    const w0 = opts.seconds * opts.warmupShare;
    const rssWarm = median(rss.filter((s) => s.t >= w0 && s.t <= w0 + window).map((s) => s.mb));
    const rssEnd = median(rss.filter((s) => s.t >= opts.seconds - window).map((s) => s.mb));
    const rssGrowth = rssEnd / rssWarm - 1;
    const checks = judge({
      seconds: opts.seconds, screensWanted: opts.screens, http, load, loadSeconds,
      serverAlive: server.child.exitCode === null && server.child.signalCode === null,
      serverErrors: server.output().split('\n').filter((l) => /"level":(50|60)/.test(l)),
      screens, swarmFailures: swarm.failures, pending, serverTickets: list.tickets.length, calls,
      complete: latency.length, late, maxLatency: pct(latency, 100), livenessMs: opts.livenessMs,
      rss: { warm: rssWarm, end: rssEnd, growth: rssGrowth, from: w0, max: opts.maxRssGrowth },
    });
    if (screens.problems.length) opts.log(`board problems (first ${screens.problems.length}):\n  ${screens.problems.join('\n  ')}`);
    if (http.examples.length) opts.log(`HTTP failures (first ${http.examples.length}):\n  ${http.examples.join('\n  ')}`);
    passed = checks.every((c) => c.ok);
    return {
      opts, wallSeconds: (now() - wall0) / 1000, loadSeconds, backlog: load.backlog, issued: load.issued, serverTickets: list.tickets.length,
      calls: load.calls.size, recalls: load.recalls, queueEmpty: load.queueEmpty, httpErrors: http.errorCount, screens, latency, latencyAt, firstBoard, spread, issueMs: load.issueMs, callNextMs: load.callNextMs,
      rss, rssWarm, rssEnd, rssGrowth, heap, heapTotal, outside, cpu, generatorLoop, checks,
    };
  } finally {
    await cleanup();
    cleanups.delete(cleanup);
    if (passed) rmSync(dataDir, { recursive: true, force: true });
    else opts.log(`data folder kept for inspection: ${dataDir}`);
  }
}
