import { parseArgs } from 'node:util';
import { measureBaseline } from './baseline.ts';
import { benchReadme, latencyCheck, summary } from './report.ts';
import { abortAll, runSoak } from './run.ts';

/**
 * npm run soak: hall boards, counters, kiosks against the built server for ten minutes (by
 * default 500 boards, 50 counters, 20 tickets/s, 10 calls/s). Fails (exit 1) on any HTTP error,
 * dropped board, missed or stray call event, server RSS growth of 10% or more after warm-up, or
 * a call-to-board p99 beyond the bench's goal against the baseline measured just before.
 */
const { values: a } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    seconds: { type: 'string' },
    screens: { type: 'string', default: '500' },
    counters: { type: 'string', default: '50' },
    'tickets-per-s': { type: 'string', default: '20' },
    'calls-per-s': { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    processes: { type: 'string' },
    'boards-nice': { type: 'string', default: '10' },
    warmup: { type: 'string', default: '20' },
    'max-rss-growth': { type: 'string', default: '10' },
    'recall-share': { type: 'string', default: '0.05' },
    'liveness-ms': { type: 'string' },
    'no-baseline': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (a.help) {
  console.log(`npx tsx tests/soak/soak.ts [--minutes 10 | --seconds N] [--screens 500] [--counters 50] [--tickets-per-s 20] [--calls-per-s 10]
  [--seed 1] [--processes ceil(screens/125)] [--boards-nice 10 (CPU priority of the boards' processes; 0 = the server's)] [--warmup 20 (% of the run before RSS is compared)] [--max-rss-growth 10 (%)]
  [--recall-share 0.05] [--liveness-ms N (fail a call slower than this)] [--no-baseline (skip the bench's baseline and its latency check)]`);
  process.exit(0);
}
const num = (name: string, v: string | undefined): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number, got ${v}`);
  return n;
};
const screens = num('screens', a.screens);
const opts = {
  seconds: a.seconds !== undefined ? num('seconds', a.seconds) : num('minutes', a.minutes) * 60,
  screens,
  counters: num('counters', a.counters),
  ticketsPerS: num('tickets-per-s', a['tickets-per-s']),
  callsPerS: num('calls-per-s', a['calls-per-s']),
  seed: num('seed', a.seed),
  processes: a.processes !== undefined ? num('processes', a.processes) : Math.max(1, Math.ceil(screens / 125)),
  boardsNice: num('boards-nice', a['boards-nice']),
  warmupShare: num('warmup', a.warmup) / 100,
  maxRssGrowth: num('max-rss-growth', a['max-rss-growth']) / 100,
  livenessMs: a['liveness-ms'] !== undefined ? num('liveness-ms', a['liveness-ms']) : null,
  recallShare: num('recall-share', a['recall-share']),
  log: (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`),
};

/** Broadcasts per baseline round; one round before the load and one after. */
const BASELINE_CALLS = 300;

const stop = (signal: string) => {
  opts.log(`${signal}: stopping the server and the boards`);
  void abortAll().finally(() => process.exit(130));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));

try {
  // The baseline is sampled before and after the load and pooled: its p99 then rests on 600
  // broadcasts (a p99 of 100 is the second-slowest of them), and a machine that slows down or
  // speeds up during the run moves both sides of the comparison alike.
  const baselineRounds: number[][] = [];
  const sampleBaseline = async (when: string) => {
    if (a['no-baseline']) return;
    opts.log(`baseline ${when}: the bench's bare socket.io server + fsync, 300 clients, ${BASELINE_CALLS} broadcasts`);
    baselineRounds.push(await measureBaseline(300, BASELINE_CALLS));
  };
  await sampleBaseline('before the load');
  const result = await runSoak(opts);
  await sampleBaseline('after the load');
  const baseline = baselineRounds.length ? baselineRounds.flat() : null;
  const lat = latencyCheck(result, baseline);
  if (lat) result.checks.push(lat);
  console.log(summary(result, baseline, benchReadme(), baselineRounds));
  process.exit(result.checks.every((c) => c.ok) ? 0 : 1);
} catch (err) {
  console.error(`soak could not run: ${(err as Error).stack ?? String(err)}`);
  await abortAll();
  process.exit(2);
}
