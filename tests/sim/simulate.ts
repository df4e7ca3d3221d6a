import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../support/server-process.ts';
import { simulate } from './simulation.ts';
import { estimateErrorLine } from './estimate-error.ts';

/**
 * npm run simulate -- --seed 7 [--days 2026-11-26,2026-11-27] [--scale 1] [--kills 24]
 * Plays the seeded days against the built server, prints the day report, writes it to
 * tests/artifacts/sim-seed-<seed>.json and exits non-zero on any broken invariant.
 */
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    days: { type: 'string', default: '2026-11-26,2026-11-27' },
    scale: { type: 'string', default: '1' },
    kills: { type: 'string', default: '24' },
    'keep-going': { type: 'boolean', default: false },
  },
});
const seed = Number(values.seed);
const outcome = await simulate({
  seed,
  days: values.days.split(','),
  scale: Number(values.scale),
  kills: Number(values.kills),
  failFast: !values['keep-going'],
  log: (l) => console.log(l),
});
const dir = join(ROOT, 'tests/artifacts');
mkdirSync(dir, { recursive: true });
const file = join(dir, `sim-seed-${seed}.json`);
writeFileSync(file, JSON.stringify({ ...outcome.report, hash: outcome.hash }, null, 2) + '\n');
const csvFiles = Object.entries(outcome.accountabilityCsv).map(([day, csv]) => {
  const f = join(dir, `sim-seed-${seed}-${day}-akuntabilitas.csv`);
  writeFileSync(f, csv);
  return f;
});
const estimatesFile = join(dir, `sim-seed-${seed}-estimates.csv`);
writeFileSync(estimatesFile, outcome.estimatesCsv);
const r = outcome.report;
console.log('');
console.log(`Simulated ${r.days.length} service day(s) of MPP Simpurusiang, seed ${seed}, scale ${r.scale}`);
for (const d of r.days) {
  console.log(
    `  ${d.day}: ${d.ticketsIssued} tickets, ${d.calls} calls, ${d.served} served, ${d.noShows} no-shows, ${d.transfers} transfers, ${d.expiredAtMidnight} expired at midnight; refused ${JSON.stringify(d.refusals)}`,
  );
  console.log(
    `    walk-in wait mean ${d.waitMinutes?.mean ?? '-'} min, p90 ${d.waitMinutes?.p90 ?? '-'} min; booked wait (from the slot) mean ${d.bookedWaitMinutes?.mean ?? '-'} min, p90 ${d.bookedWaitMinutes?.p90 ?? '-'} min; bookings ${JSON.stringify(d.bookings)}`,
  );
}
for (const a of r.surveys.perAgency)
  console.log(`IKM ${a.agencyId}: ${a.converted === null ? '-' : a.converted.toFixed(2)} ${a.band ?? '-'} (${a.respondents} respondents)`);
console.log(
  `  SKM: ${r.surveys.answered} answers acknowledged, all counted by the server; building IKM ${r.surveys.converted?.toFixed(2) ?? '-'} ${r.surveys.band ?? '-'}`,
);
console.log(`  Power cuts (SIGKILL): ${r.faults.powerCuts}; tickets acknowledged: ${r.ticketsAcknowledged}; lost: ${r.ticketsLost}`);
console.log(
  `  Steps: ${r.checks.steps}; screen comparisons: ${r.checks.screenComparisons}; ledger comparisons: ${r.checks.ledgerComparisons}; full recounts: ${r.checks.recounts}; events received by screens: ${outcome.eventsReceived}`,
);
console.log(`  Invariant violations: ${outcome.violations.length}`);
console.log(estimateErrorLine(r.estimateError));
console.log(`  Each visitor's estimate and actual wait: ${estimatesFile}`);
console.log(`  Report: ${file}  (sha256 ${outcome.hash.slice(0, 16)})`);
for (const f of csvFiles) console.log(`  Accountability record: ${f}`);
const sec = (ms: number) => (ms / 1000).toFixed(1);
console.log(
  `  Wall time: ${sec(outcome.wallMs)} s (moving the clock ${sec(outcome.wall.clock)} s, API calls ${sec(outcome.wall.api)} s, screen checks ${sec(outcome.wall.check)} s)`,
);
process.exit(outcome.violations.length ? 1 : 0);
