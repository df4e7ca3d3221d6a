import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Venue } from '@antre/server/contract';
import { ROOT } from '../support/server-process.ts';
import { planDay } from './plan.ts';
import { Rng } from './rng.ts';
import { simulate } from './simulation.ts';

// The short forms of `npm run simulate`: a Friday (lunch and Friday prayer break, an agency
// closed, a late officer, holds, transfers, no-shows) with twenty power cuts, and a replay check.
describe('a simulated service day at MPP Simpurusiang', () => {
  it('survives twenty power cuts with nothing acknowledged lost and every screen in step', { timeout: 300_000 }, async () => {
    const out = await simulate({ seed: 20261127, days: ['2026-11-27'], scale: 0.15, kills: 20, failFast: true });
    const r = out.report;
    const day = r.days[0]!;
    console.log(`simulated day: ${day.ticketsIssued} tickets, ${day.calls} calls, ${r.faults.powerCuts} power cuts, ${r.ticketsAcknowledged} acknowledged, ${r.ticketsLost} lost, ${r.checks.steps} steps, ${r.checks.screenComparisons} screen comparisons, ${out.violations.length} violations, ${(out.wallMs / 1000).toFixed(0)} s`);
    expect(out.violations).toEqual([]);
    expect(r.faults.powerCuts).toBeGreaterThanOrEqual(20);
    expect(r.ticketsLost).toBe(0);
    expect(day.ticketsIssued).toBeGreaterThan(50);
    expect(day.served).toBeGreaterThan(0);
    // The day's features really happened: refusals of the closed agency, a rollover, checks after each step.
    expect(day.refusals.SERVICE_CLOSED ?? 0).toBeGreaterThan(0);
    expect(r.closedDay.answer).toBe('OUTSIDE_HOURS');
    expect(r.checks.screenComparisons).toBeGreaterThan(r.checks.steps);
    expect(r.checks.recounts).toBeGreaterThanOrEqual(20);
    // Visitors answered the SKM survey through the power cuts, and the server counts every acknowledged answer.
    expect(r.surveys.answered).toBeGreaterThan(5);
    expect(r.surveys.perAgency.length).toBeGreaterThan(1);
  });

  it('replays exactly from its seed; another seed plans another day', { timeout: 300_000 }, async () => {
    const opts = { days: ['2026-11-26'], scale: 0.06, kills: 2, failFast: true, accounts: 'consoles-only' as const };
    const a = await simulate({ seed: 7, ...opts });
    const b = await simulate({ seed: 7, ...opts });
    expect(a.violations).toEqual([]);
    expect(b.hash).toBe(a.hash);
    expect(b.report).toEqual(a.report);
    const venue = JSON.parse(readFileSync(join(ROOT, 'server/venues/mpp-simpurusiang.json'), 'utf8')) as Venue;
    const plan = (seed: number) => planDay(venue, '2026-11-26', new Rng(seed).fork('day-2026-11-26'), 0.06, null).visitors;
    expect(plan(8)).not.toEqual(plan(7));
  });
});
