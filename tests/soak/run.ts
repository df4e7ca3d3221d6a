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
import { comparisonChecks, GC_PROBE, heapAfterGc, latencies, startBare, type Comparison } from './compare.ts';
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
  /** Alternate stretches of this many seconds between Antre and a bare socket.io + fdatasync server (same boards, same load); off when absent. */
  stretchSeconds?: number;
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
  /** Against the bare server of the same run (alternating runs only), and the heap after a full GC. */
  comparison: Comparison;
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
  if (!existsSync(join(ROOT, 'server/dist/main.js')))
    throw new Error('server/dist/main.js is missing: run `npm run build -w printers -w server` (npm run soak does).');
  const venue = soakVenue(opts.counters);
  const left = minutesToMidnight(venue.input.timeZone);
  if (left < opts.seconds / 60 + 5)
    throw new Error(`the service day rolls over in ${left} min (midnight ${venue.input.timeZone}); start the soak after midnight`);
  const dataDir = mkdtempSync(join(tmpdir(), 'antre-soak-'));
  let proc: ServerProcess | null = null;
  let swarm: Swarm | null = null;
  let sampler: NodeJS.Timeout | undefined;
  let bare: Awaited<ReturnType<typeof startBare>> | null = null;
  const cleanup = async () => {
    clearInterval(sampler);
    await swarm?.stop();
    await proc?.kill();
    bare?.child.kill();
  };
  cleanups.add(cleanup);
  let passed = false;
  try {
    swarm = new Swarm(opts.processes, 60000, opts.boardsNice ?? 0);
    swarm.spawn(); // the screens processes start while the server does
    proc = await startServerProcess({
      built: true,
      dataDir,
      venue: writeSoakVenue(dataDir, venue),
      env: { ANTRE_DEMO: '0', LOG_LEVEL: 'warn', NODE_OPTIONS: `--import ${GC_PROBE}` },
    });
    const server = proc;
    const http = new Http(server.url);
    const scopes = screenScopes(opts.screens, venue);
    opts.log(`server pid ${server.child.pid} on ${server.url}; registering ${opts.screens} boards, ${venue.kioskIds.length} kiosks, ${opts.counters} officers`);
    const actors = await setUp(http, venue, scopes);
    const stretch = opts.stretchSeconds ?? 0;
    if (stretch > 0) bare = await startBare(venue, actors.screens);
    await swarm.connect(server.url, actors.screens, 60000, bare?.url);
    opts.log(
      `${opts.screens} boards connected over ${opts.processes} processes${bare ? ', each also to the bare server' : ''}; load for ${opts.seconds} s${bare ? ` in stretches of ${stretch} s, Antre first, then the bare server, in turn` : ''}`,
    );
    const load = new Load(http, venue, actors, opts);
    const bareLoad = bare ? new Load(new Http(bare.url), venue, actors, opts) : null;
    await load.fillBacklog();
    const heapStart = await heapAfterGc(server);

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
      if (ticks % 30 === 0)
        opts.log(`  ${t.toFixed(0)} s: ${load.issued} tickets, ${load.calls.size} calls, RSS ${rss.at(-1)!.mb.toFixed(1)} MB, errors ${http.errorCount}`);
    };
    sampler = setInterval(sample, 2000);
    let antreSeconds = 0;
    let bareSeconds = 0;
    if (!bareLoad) antreSeconds = await timed(start, () => load.run(start));
    else {
      const total = opts.seconds * 1000;
      for (let i = 0, done = 0; done < total; i++) {
        const length = Math.min(stretch * 1000, total - done);
        // A stretch ends once every answer of it is in, which may be a moment past its schedule:
        // the next one's schedule starts then, so neither server's requests are counted late for
        // the other's last answers.
        const a = Math.max(start + done, now());
        const b = a + length;
        if (i % 2 === 0) antreSeconds += await timed(a, () => load.stretch(a, b, i));
        else bareSeconds += await timed(a, () => bareLoad.stretch(a, b, i));
        done += length;
      }
    }
    clearInterval(sampler);
    sample(); // the end of the load, before the check queries below allocate anything
    const heapEnd = await heapAfterGc(server);
    const loadEnd = now();
    const loadSeconds = antreSeconds;
    const cpu = meter(loadSeconds);
    const generatorLoop = loopDelay.read();

    const list = (await http.must('GET', '/api/tickets', actors.admin, undefined, 200)) as { tickets: Ticket[] };
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
    const scopeList = actors.screens.map((x) => x.scope);
    const comparison: Comparison = {
      antre: latencies(load, swarm, venue, scopeList),
      bare: bareLoad ? latencies(bareLoad, swarm, venue, scopeList).map((x) => x.ms) : [],
      antreSeconds,
      bareSeconds,
      heap: { start: heapStart, end: heapEnd, tickets: load.backlog + load.issued },
      rssMaxMb: Math.max(...rss.map((x) => x.mb)),
    };
    const checks = judge({
      seconds: bareLoad ? antreSeconds : opts.seconds,
      screensWanted: opts.screens,
      http,
      load,
      loadSeconds,
      serverAlive: server.child.exitCode === null && server.child.signalCode === null,
      serverErrors: server
        .output()
        .split('\n')
        .filter((l) => /"level":(50|60)/.test(l)),
      screens,
      swarmFailures: swarm.failures,
      pending,
      serverTickets: list.tickets.length,
      calls,
      complete: latency.length,
      late,
      maxLatency: pct(latency, 100),
      livenessMs: opts.livenessMs,
      rss: { warm: rssWarm, end: rssEnd, growth: rssGrowth, from: w0, max: opts.maxRssGrowth },
    });
    if (bareLoad) checks.push(...comparisonChecks(comparison));
    if (screens.problems.length) opts.log(`board problems (first ${screens.problems.length}):\n  ${screens.problems.join('\n  ')}`);
    if (http.examples.length) opts.log(`HTTP failures (first ${http.examples.length}):\n  ${http.examples.join('\n  ')}`);
    passed = checks.every((c) => c.ok);
    return {
      opts,
      wallSeconds: (now() - wall0) / 1000,
      loadSeconds,
      backlog: load.backlog,
      issued: load.issued,
      serverTickets: list.tickets.length,
      calls: load.calls.size,
      recalls: load.recalls,
      queueEmpty: load.queueEmpty,
      httpErrors: http.errorCount,
      screens,
      latency,
      latencyAt,
      firstBoard,
      spread,
      issueMs: load.issueMs,
      callNextMs: load.callNextMs,
      rss,
      rssWarm,
      rssEnd,
      rssGrowth,
      heap,
      heapTotal,
      outside,
      cpu,
      generatorLoop,
      checks,
      comparison,
    };
  } finally {
    await cleanup();
    cleanups.delete(cleanup);
    if (passed) rmSync(dataDir, { recursive: true, force: true });
    else opts.log(`data folder kept for inspection: ${dataDir}`);
  }
}

/** Runs `fn` (a schedule that begins at `from`) and answers how long it ran from then (s). */
async function timed(from: number, fn: () => Promise<void>): Promise<number> {
  await fn();
  return (now() - from) / 1000;
}
