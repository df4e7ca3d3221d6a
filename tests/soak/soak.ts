import { parseArgs } from 'node:util';
import { benchReadme, summary } from './report.ts';
import { abortAll, runSoak } from './run.ts';

/**
 * npm run soak: hall boards, counters, kiosks against the built server for ten minutes (by
 * default 500 boards, 50 counters, 20 tickets/s, 10 calls/s), in stretches of 30 s that go in
 * turn to Antre and to a bare socket.io + fdatasync server with the same boards and load. Fails
 * (exit 1) on any HTTP error, dropped board, missed or stray call event, server RSS growth of 10%
 * or more after warm-up, and on the three goals against the bare server (see compare.ts).
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
    stretch: { type: 'string', default: '30' },
    'no-baseline': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (a.help) {
  console.log(`npx tsx tests/soak/soak.ts [--minutes 10 | --seconds N] [--screens 500] [--counters 50] [--tickets-per-s 20] [--calls-per-s 10]
  [--seed 1] [--processes ceil(screens/125)] [--boards-nice 10 (CPU priority of the boards' processes; 0 = the server's)] [--warmup 20 (% of the run before RSS is compared)] [--max-rss-growth 10 (%)]
  [--recall-share 0.05] [--liveness-ms N (fail a call slower than this)] [--stretch 30 (s of load to Antre, then to the bare server, in turn)]
  [--no-baseline (Antre alone the whole time, no comparison)]`);
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
  stretchSeconds: a['no-baseline'] ? 0 : num('stretch', a.stretch),
  log: (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`),
};

const stop = (signal: string) => {
  opts.log(`${signal}: stopping the server and the boards`);
  void abortAll().finally(() => process.exit(130));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));

try {
  const result = await runSoak(opts);
  console.log(summary(result, null, benchReadme()));
  process.exit(result.checks.every((c) => c.ok) ? 0 : 1);
} catch (err) {
  console.error(`soak could not run: ${(err as Error).stack ?? String(err)}`);
  await abortAll();
  process.exit(2);
}
