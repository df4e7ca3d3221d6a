import { describe, expect, it } from 'vitest';
import { simulate } from './simulation.ts';

// The short form of `npm run simulate`: a Friday (lunch and Friday prayer break, an agency
// closed, a late officer, holds, transfers, no-shows) with twenty power cuts. The replay check is
// in replay.test.ts, a file of its own so that the two can run side by side.
describe('a simulated service day at MPP Simpurusiang', () => {
  it('survives twenty power cuts with nothing acknowledged lost and every screen in step', { timeout: 300_000 }, async () => {
    const out = await simulate({ seed: 20261127, days: ['2026-11-27'], scale: 0.15, kills: 20, failFast: true });
    const r = out.report;
    const day = r.days[0]!;
    console.log(
      `simulated day: ${day.ticketsIssued} tickets, ${day.calls} calls, ${r.faults.powerCuts} power cuts, ${r.ticketsAcknowledged} acknowledged, ${r.ticketsLost} lost, ${r.checks.steps} steps, ${r.checks.screenComparisons} screen comparisons, ${out.violations.length} violations, ${(out.wallMs / 1000).toFixed(0)} s (moving the clock ${(out.wall.clock / 1000).toFixed(0)} s, API calls ${(out.wall.api / 1000).toFixed(0)} s, screen checks ${(out.wall.check / 1000).toFixed(0)} s)`,
    );
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
});
