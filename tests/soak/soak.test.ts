import { describe, expect, it } from 'vitest';
import { summary } from './report.ts';
import { runSoak } from './run.ts';

/**
 * The soak's short version for `npm test`: the same code path as `npm run soak` (built server
 * process with the `npm start` V8 flags, paired hall boards over real sockets in two child
 * processes, officers and kiosks over HTTP), with 100 boards and 10 counters for 15 s at the
 * full rates (20 tickets/s, 10 calls/s). Needs server/dist, which `npm test` builds first.
 */
describe('soak (short)', () => {
  it('100 boards, 10 counters, 15 s at 20 tickets/s and 10 calls/s: no error, no missed event, every call on its boards within 5 s', async () => {
    const log: string[] = [];
    const r = await runSoak({
      seconds: 15,
      screens: 100,
      counters: 10,
      ticketsPerS: 20,
      callsPerS: 10,
      seed: 7,
      processes: 2,
      warmupShare: 0.2,
      // RSS is reported, not checked: in 15 s the growth is start-up and JIT warm-up, not a
      // trend (the 10-minute `npm run soak` checks it). Latency is a liveness bound instead of
      // the bench ratio: 2 shared cores under a parallel test run make milliseconds meaningless.
      maxRssGrowth: null,
      livenessMs: 5000,
      recallShare: 0.05,
      log: (l) => log.push(l),
    });
    const table = summary(r, null, null);
    console.log(table);
    // Every check is one assertion with its own detail, so a failure says which and why.
    for (const c of r.checks) expect(c.ok, `${c.name}: ${c.detail}\n${log.join('\n')}\n${table}`).toBe(true);
    // The run did what it claims: the scheduled work happened and reached the boards.
    expect(r.issued).toBe(15 * 20);
    expect(r.calls - r.recalls).toBe(15 * 10);
    expect(r.screens.connected).toBe(100);
    expect(r.screens.calls).toBeGreaterThan(r.calls * 30);
    expect(r.latency.length).toBe(r.calls);
  }, 120_000);
});
