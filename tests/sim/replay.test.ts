import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Venue } from '@antre/server/contract';
import { ROOT } from '../support/server-process.ts';
import { planDay } from './plan.ts';
import { Rng } from './rng.ts';
import { simulate } from './simulation.ts';

// The replay check of `npm run simulate`: the same seed gives the same day, report and hash.
describe('a simulated service day at MPP Simpurusiang', () => {
  it('replays exactly from its seed; another seed plans another day', { timeout: 300_000 }, async () => {
    const opts = { days: ['2026-11-26'], scale: 0.06, kills: 2, failFast: true, accounts: 'consoles-only' as const };
    // Two servers side by side: each run has its own process, port, data folder and clock.
    const [a, b] = await Promise.all([simulate({ seed: 7, ...opts }), simulate({ seed: 7, ...opts })]);
    expect(a.violations).toEqual([]);
    expect(b.hash).toBe(a.hash);
    expect(b.report).toEqual(a.report);
    const venue = JSON.parse(readFileSync(join(ROOT, 'server/venues/mpp-simpurusiang.json'), 'utf8')) as Venue;
    const plan = (seed: number) => planDay(venue, '2026-11-26', new Rng(seed).fork('day-2026-11-26'), 0.06, null).visitors;
    expect(plan(8)).not.toEqual(plan(7));
  });
});
