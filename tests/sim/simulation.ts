import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, weekdayOfDay, zonedTime, type SurveyResults, type Venue } from '@antre/server/contract';
import { freePort, ROOT } from '../support/server-process.ts';
import { apiClient, errorCode, type Api } from './api.ts';
import { DayRunner } from './day.ts';
import { planDay } from './plan.ts';
import { Rng } from './rng.ts';
import { estimateError, estimateRows } from './estimate-error.ts';
import { SimServer } from './server-ctl.ts';
import { setUpBuilding } from './setup.ts';

export interface SimOptions {
  seed: number;
  /** Service days to play, in order (YYYY-MM-DD); each ends with the midnight rollover. */
  days: string[];
  /** Visitors relative to a normal day of the building (1 = about 520 a day). */
  scale: number;
  /** SIGKILLs of the server at random moments of the simulated days. */
  kills: number;
  /** The agency the supervisor closes for the first day. */
  closedAgency?: string;
  failFast?: boolean;
  /** One officer account per counter (default), or only for the two watched consoles (quick replays). */
  accounts?: 'per-counter' | 'consoles-only';
  log?: (line: string) => void;
}

export interface SimOutcome {
  report: ReturnType<typeof buildReport> & { surveys: Awaited<ReturnType<typeof surveyResults>> };
  /** SHA-256 of the report: the same seed and options give the same hash. */
  hash: string;
  violations: string[];
  wallMs: number;
  eventsReceived: number;
  wall: { clock: number; api: number; check: number };
  /** Each played day's accountability record as the supervisor downloads it (CSV). */
  accountabilityCsv: Record<string, string>;
  /** Each visitor's estimate beside the actual wait, as CSV. */
  estimatesCsv: string;
}

const VENUE_PATH = join(ROOT, 'server/venues/mpp-simpurusiang.json');
const ADMIN_PASSWORD = 'admin-simulasi-123';

/**
 * A seeded simulated run of MPP Simpurusiang against the real built server: arrivals with a
 * morning peak, officers with breaks and lateness, transfers, no-shows, priority visitors, a
 * quota that runs out, an agency closed for the day, power cuts, midnight rollovers.
 */
export async function simulate(opts: SimOptions): Promise<SimOutcome> {
  const started = Date.now();
  const log = opts.log ?? (() => {});
  const venue = JSON.parse(readFileSync(VENUE_PATH, 'utf8')) as Venue;
  const rng = new Rng(opts.seed);
  const dataDir = mkdtempSync(join(tmpdir(), 'antre-sim-'));
  const server = new SimServer({ port: await freePort(), dataDir, venuePath: simVenue(dataDir), adminPassword: ADMIN_PASSWORD });
  const killAt = killMoments(rng.fork('faults'), opts.days, opts.kills, venue);
  let building: Awaited<ReturnType<typeof setUpBuilding>> | null = null;
  try {
    await server.start(zonedTime(opts.days[0]!, '07:00', venue.timeZone));
    const api = apiClient(() => server.url);
    building = await setUpBuilding(api, server.url, venue, ADMIN_PASSWORD, opts.accounts);
    const runner = new DayRunner(venue, server, api, building, rng.fork('behaviour'), { killAt, failFast: !!opts.failFast, log });
    for (const [i, day] of opts.days.entries()) {
      const plan = planDay(venue, day, rng.fork(`day-${day}`), opts.scale, i === 0 ? (opts.closedAgency ?? 'kemenag') : null);
      log(
        `${day} (${weekdayOfDay(day)}): ${plan.visitors.length} visitors planned, ${plan.counters.length} counters, ${killAt.filter((k) => k >= plan.start && k < plan.end).length} power cuts`,
      );
      await runner.playDay(plan);
      await runner.rollover();
      log(`  ${JSON.stringify(runner.tallies[runner.tallies.length - 1]!.toJSON())}`);
    }
    // The day after the last one: the building is closed, and the kiosk says so.
    const after = addDays(opts.days[opts.days.length - 1]!, 1);
    const probe = await api('POST', '/api/tickets', building.kiosks.get(1)!, { serviceId: venue.services[0]!.id });
    const closedDay = { day: after, weekday: weekdayOfDay(after), answer: errorCode(probe) ?? String(probe.status) };
    if (venue.hours[weekdayOfDay(after)] === null && closedDay.answer !== 'OUTSIDE_HOURS')
      runner.violations.push(`a ticket on ${after} (closed) was answered ${closedDay.answer}`);
    // The records are read the next morning, by staff logged in again.
    await building.signIn();
    const accountabilityCsv: Record<string, string> = {};
    for (const day of opts.days) {
      const res = await fetch(`${server.url}/api/accountability.csv?day=${day}`, { headers: { authorization: `Bearer ${building.supervisorToken}` } });
      if (res.status !== 200) runner.violations.push(`the accountability record of ${day} was answered ${res.status}`);
      else accountabilityCsv[day] = Buffer.from(await res.arrayBuffer()).toString('utf8');
    }
    const surveys = await surveyResults(api, building.adminToken, opts.days, runner);
    const report = { ...buildReport(opts, runner, server, closedDay), surveys };
    const hash = createHash('sha256').update(JSON.stringify(report)).digest('hex');
    const eventsReceived = building.screens.reduce((s, x) => s + x.events, 0);
    return {
      report,
      hash,
      violations: runner.violations,
      wallMs: Date.now() - started,
      eventsReceived,
      wall: runner.wall,
      accountabilityCsv,
      estimatesCsv: estimateRows(runner.ledger.tickets.values()),
    };
  } catch (err) {
    const tail = server.output().split('\n').slice(-20).join('\n');
    throw new Error(`${(err as Error).message}\n--- server output (tail) ---\n${tail}`, { cause: err });
  } finally {
    building?.screens.forEach((s) => s.close());
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The SKM of the simulated days per agency, from the server; every answer acknowledged before
 * a power cut must be counted, and nothing else.
 */
async function surveyResults(api: Api, token: string, days: string[], runner: DayRunner) {
  const r = await api('GET', `/api/surveys/results?from=${days[0]}&to=${days[days.length - 1]}`, token);
  const body = r.body as SurveyResults;
  const acked = runner.surveys.answered.size;
  if (body.respondents !== acked) runner.violations.push(`SKM: ${acked} answers acknowledged, the server counts ${body.respondents}`);
  return {
    answered: acked,
    refused: runner.surveys.refused,
    converted: body.converted,
    band: body.band,
    perAgency: body.groups.agency.map((g) => ({ agencyId: g.key, respondents: g.respondents, converted: g.converted, band: g.band })),
  };
}

/**
 * The demo venue with booking budgets for one address that books for the whole town (the
 * simulator), and a lighter bot check, written beside the data folder.
 */
function simVenue(dataDir: string): string {
  const raw = JSON.parse(readFileSync(VENUE_PATH, 'utf8')) as { settings: Record<string, unknown> };
  raw.settings.booking = { openDaysAhead: 7, checkInBeforeMinutes: 30, checkInAfterMinutes: 15, bookedRatio: 2, perAddressPerHour: 1000, botCheckBits: 8 };
  const path = join(dataDir, 'sim-venue.json');
  writeFileSync(path, JSON.stringify(raw));
  return path;
}

/** Moments of the service days at which the power goes, spread over opening hours. */
function killMoments(rng: Rng, days: string[], kills: number, venue: Venue): number[] {
  const out: number[] = [];
  for (let i = 0; i < kills; i++) {
    const day = days[i % days.length]!;
    const from = zonedTime(day, '07:40', venue.timeZone);
    const to = zonedTime(day, '15:50', venue.timeZone);
    out.push(Math.floor(rng.between(from, to) / 1000) * 1000);
  }
  return out.sort((a, b) => a - b);
}

function buildReport(opts: SimOptions, runner: DayRunner, server: SimServer, closedDay: { day: string; weekday: string; answer: string }) {
  const all = [...runner.ledger.tickets.values()];
  return {
    seed: opts.seed,
    scale: opts.scale,
    days: runner.tallies.map((t) => t.toJSON()),
    closedDay,
    faults: { powerCuts: server.kills, serverStarts: server.starts },
    checks: runner.checks,
    ticketsAcknowledged: runner.ledger.acknowledged,
    ticketsLost: 0 + runner.violations.filter((v) => v.includes('is missing')).length,
    finalStatus: countBy(all.map((t) => t.status)),
    violations: runner.violations.length,
    estimateError: estimateError(all),
  };
}

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of [...xs].sort()) out[x] = (out[x] ?? 0) + 1;
  return out;
}
