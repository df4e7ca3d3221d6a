import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/server-process.ts';
import type { SoakResult } from './run.ts';
import { drift, GOALS } from './compare.ts';

/** Percentile as the bench computes it (nearest rank), so the two print comparable numbers. */
export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}

export function median(xs: number[]): number {
  return pct(xs, 50);
}

const f = (x: number) => x.toFixed(1);
const pc = (x: number) => `${(x * 100).toFixed(0)}%`;
const int = (x: number) => x.toLocaleString('en-US');

/** The numbers `npm run bench` printed into the README's "Measured" section. */
export interface BenchNumbers {
  baselineP50: number;
  baselineP99: number;
  rows: { size: number; issueP50: number; issueP99: number; callP50: number; callP99: number; rssMb: number }[];
}

/** Reads the bench's published run from the README; null when its shape changed. */
export function benchReadme(): BenchNumbers | null {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const base = /baseline: bare socket\.io broadcast \+ 1 fsynced write: p50 ([\d.]+)\s+p99 ([\d.]+)/.exec(text);
  const rows = [...text.matchAll(/^\s*(\d+) \|\s*([\d.]+) \|\s*([\d.]+) \|\s*[\d.]+ \|\s*([\d.]+) \|\s*([\d.]+) \|\s*[\d.]+ \|\s*([\d.]+)\s*$/gm)].map((m) => ({
    size: Number(m[1]),
    issueP50: Number(m[2]),
    issueP99: Number(m[3]),
    callP50: Number(m[4]),
    callP99: Number(m[5]),
    rssMb: Number(m[6]),
  }));
  return base && rows.length ? { baselineP50: Number(base[1]), baselineP99: Number(base[2]), rows } : null;
}

/** The bench's own goal: call-to-screen p99 within this factor of the same machine's baseline. */
export const BENCH_GOAL = 1.5;

/** The final table: what was done, what the boards heard, memory, latency beside the bench's. */
export function summary(r: SoakResult, baseline: number[] | null, bench: BenchNumbers | null, rounds: number[][] = []): string {
  const o = r.opts;
  const s = r.screens;
  const L = (p: number) => pct(r.latency, p);
  const lines = [
    '',
    `Antre soak: ${o.screens} boards (${o.processes} processes at nice ${o.boardsNice ?? 0}), ${o.counters} counters, ${o.ticketsPerS} tickets/s, ${o.callsPerS} calls/s for ${o.seconds} s, seed ${o.seed}`,
    `wall ${f(r.wallSeconds / 60)} min, load ${f(r.loadSeconds)} s`,
    '',
    `tickets issued     ${int(r.issued).padStart(10)}   (${f(r.issued / o.seconds)}/s; +${r.backlog} before the clock; server holds ${int(r.serverTickets)})`,
    `calls              ${int(r.calls).padStart(10)}   (${int(r.calls - r.recalls)} call-next + ${int(r.recalls)} recalls = ${f(r.calls / o.seconds)}/s; QUEUE_EMPTY refusals ${r.queueEmpty})`,
    `events delivered   ${int(s.calls).padStart(10)}   call events at boards (+${int(s.updates)} board updates: ${int(s.counterEvents)} with counters, ${int(s.queuesEvents)} with queues; ${int(s.otherEvents)} other deltas; ${int(s.reconciles)} snapshot requests)`,
    `per board          ${perBoard(r)}`,
    `missed             ${int(s.missed).padStart(10)}   (boards missing any: ${s.screensMissing}; stray ${s.unexpected}; repeats ${s.duplicates}; boards whose counters and queues differ from the server's at the end: ${s.staleBoards})`,
    `errors             ${int(r.httpErrors + s.disconnects + s.connectErrors + s.reconcileFailures).padStart(10)}   (HTTP ${r.httpErrors}; disconnects ${s.disconnects}; connect errors ${s.connectErrors}; snapshot requests ${s.reconcileFailures})`,
    `server RSS MB      ${f(r.rssWarm).padStart(10)}   at ${f(o.seconds * o.warmupShare)} s -> ${f(r.rssEnd)} at the end: ${r.rssGrowth >= 0 ? '+' : ''}${f(r.rssGrowth * 100)}%  (first sample ${f(r.rss[0]?.mb ?? NaN)}, max ${f(Math.max(...r.rss.map((x) => x.mb)))})`,
    `server heap MB     ${rssLine(r.heap)}  (used)`,
    `                   ${rssLine(r.heapTotal)}  (reserved by V8)`,
    `outside the heap   ${rssLine(r.outside)}  (RSS - reserved heap: code, buffers, allocator)`,
    `RSS over time      ${rssLine(r.rss)}`,
    `call->last board   p50 ${f(L(50))}  p95 ${f(L(95))}  p99 ${f(L(99))}  max ${f(L(100))} ms  (${int(r.latency.length)} calls)`,
    `  over time p99     ${latencyByPhase(r)}`,
    `  to the first     p50 ${f(pct(r.firstBoard, 50))}  p95 ${f(pct(r.firstBoard, 95))}  p99 ${f(pct(r.firstBoard, 99))} ms; first -> last board p50 ${f(pct(r.spread, 50))}  p95 ${f(pct(r.spread, 95))}  p99 ${f(pct(r.spread, 99))} ms (the server's part, then the fan-out's)`,
    `  loops ran late   boards p99 ${f(s.loopDelayP99)}  max ${f(s.loopDelayMax)} ms (the worst of the ${o.processes} processes: a board that cannot read its socket hears the call late); load generator p99 ${f(r.generatorLoop.p99)}  max ${f(r.generatorLoop.max)} ms (a request sent late counts in its call's time)`,
    `CPU during load    server ${pc(r.cpu.server)}, boards ${pc(r.cpu.screens)} (${o.processes} processes), generator ${pc(r.cpu.generator)} of one core; server event loop ran ${pc(r.cpu.serverLoopRan)} of the time and waited for a core ${pc(r.cpu.serverLoopWaited)}, the boards' ran ${pc(r.cpu.screensLoopRan)} and waited ${pc(r.cpu.screensLoopWaited)}; machine load average ${r.cpu.loadavg.map((x) => x.toFixed(1)).join(' ')} (${cpus().length} cores)`,
    `issue (HTTP 201)   p50 ${f(pct(r.issueMs, 50))}  p99 ${f(pct(r.issueMs, 99))} ms`,
    `call-next (200)    p50 ${f(pct(r.callNextMs, 50))}  p99 ${f(pct(r.callNextMs, 99))} ms  (the answer; the call is sent to the boards just before it)`,
  ];
  if (bench) {
    lines.push('', `npm run bench (README): baseline p50 ${f(bench.baselineP50)} p99 ${f(bench.baselineP99)}`);
    for (const b of bench.rows) {
      lines.push(
        `  day ${String(b.size).padStart(5)}: call->last screen p50 ${f(b.callP50)} p99 ${f(b.callP99)}; issue p50 ${f(b.issueP50)} p99 ${f(b.issueP99)}` +
          `  -> soak/bench: call p50 ${(L(50) / b.callP50).toFixed(2)}x p99 ${(L(99) / b.callP99).toFixed(2)}x; issue p50 ${(pct(r.issueMs, 50) / b.issueP50).toFixed(2)}x p99 ${(pct(r.issueMs, 99) / b.issueP99).toFixed(2)}x`,
      );
    }
  }
  const [small, big] = [bench?.rows[0], bench?.rows.at(-1)];
  if (small && big && big.size > small.size) {
    // Not a leak: the day's tickets stay in memory all day. The bench's two days give the RSS per ticket.
    const perTicket = (big.rssMb - small.rssMb) / (big.size - small.size);
    const since = r.issued * (1 - o.warmupShare);
    lines.push(
      `day data           the ${int(Math.round(since))} tickets issued after warm-up account for about +${f(perTicket * since)} MB RSS (bench: ${f(big.rssMb - small.rssMb)} MB for ${int(big.size - small.size)} more tickets = ${f(perTicket * 1024)} KB each)`,
    );
  }
  const c = r.comparison;
  if (c.bare.length) {
    const a99 = pct(
      c.antre.map((x) => x.ms),
      99,
    );
    const b99 = pct(c.bare, 99);
    const d = drift(c.antre);
    lines.push(
      '',
      `against the bare server (socket.io + one fdatasync a request, one broadcast a call; same boards, same load, in alternate stretches of ${o.stretchSeconds} s):`,
      `  call->last board  Antre p50 ${f(
        pct(
          c.antre.map((x) => x.ms),
          50,
        ),
      )} p99 ${f(a99)} ms over ${f(c.antreSeconds)} s; bare p50 ${f(pct(c.bare, 50))} p99 ${f(b99)} ms over ${f(c.bareSeconds)} s`,
      `  ratio 1, p99 Antre / bare:             ${(a99 / b99).toFixed(2)}x (goal <= ${GOALS.p99Ratio}x)`,
      `  ratio 2, drift, last fifth / first:   ${d.ratio.toFixed(2)}x (${f(d.last)} / ${f(d.first)} ms; goal <= ${GOALS.drift}x)`,
    );
  }
  if (c.heap) {
    const per = (c.heap.end - c.heap.start) / Math.max(1, c.heap.tickets);
    lines.push(
      `  ratio 3, heap after a full GC, end / start: ${(c.heap.end / c.heap.start).toFixed(2)}x (${f(c.heap.start / 2 ** 20)} -> ${f(c.heap.end / 2 ** 20)} MB; ${per.toFixed(0)} B a ticket held, ${int(c.heap.tickets)} tickets); RSS max ${f(c.rssMaxMb)} MB (goal < ${GOALS.rssMb})`,
    );
  }
  if (baseline) {
    const each = rounds.length > 1 ? ` (${rounds.map((x, i) => `${i === 0 ? 'before' : 'after'} the load p99 ${f(pct(x, 99))}`).join(', ')})` : '';
    lines.push(
      `baseline measured now (bench's bare socket.io + fsync, 300 clients, ${int(baseline.length)} broadcasts): p50 ${f(pct(baseline, 50))} p99 ${f(pct(baseline, 99))}${each} -> soak p99 / baseline p99 = ${(L(99) / pct(baseline, 99)).toFixed(2)}x (bench goal <= ${BENCH_GOAL}x)`,
    );
  }
  lines.push('', 'checks');
  for (const c of r.checks) lines.push(`  ${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}: ${c.detail}`);
  lines.push('', r.checks.every((c) => c.ok) ? 'SOAK PASSED' : 'SOAK FAILED');
  return lines.join('\n');
}

/** The call->last board p99 of each fifth of the load, by the call's send time. */
function latencyByPhase(r: SoakResult): string {
  const n = 5;
  const span = r.opts.seconds / n;
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const ms = r.latencyAt.filter((x) => x.t >= i * span && (x.t < (i + 1) * span || i === n - 1)).map((x) => x.ms);
    parts.push(`${Math.round(i * span)}-${Math.round((i + 1) * span)} s: ${ms.length ? f(pct(ms, 99)) : '-'}`);
  }
  return `${parts.join(' | ')} ms`;
}

/** What one board receives per second: the fan-out the server pays for every board. */
function perBoard(r: SoakResult): string {
  const s = r.screens;
  const per = (n: number) => (n / Math.max(1, s.screens) / r.loadSeconds).toFixed(1);
  const all = s.calls + s.updates + s.otherEvents;
  return `${per(all)} events/s (calls ${per(s.calls)}, board updates ${per(s.updates)}); server sent ${int(Math.round(all / r.loadSeconds))} frames/s to boards`;
}

/** About ten points of a series, "t s: value". */
function rssLine(xs: { t: number; mb: number }[]): string {
  if (!xs.length) return '-';
  const step = Math.max(1, Math.floor(xs.length / 10));
  const picked = xs.filter((_, i) => i % step === 0 || i === xs.length - 1);
  return picked.map((x) => `${x.t.toFixed(0)}s ${x.mb.toFixed(0)}`).join(' | ');
}
