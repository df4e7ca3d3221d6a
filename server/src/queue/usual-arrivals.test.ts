import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueService } from './queue-service.js';
import { seqIds, testVenue, TestClock } from '../testing/builders.js';
import { profileBetween } from '../engine/arrival-profile.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("the usual day's arrivals on disk", () => {
  it("come from the recent days' tickets, at start and at the day's rollover", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'antre-usual-'));
    dirs.push(dir);
    const clock = new TestClock(Date.parse('2026-11-24T01:00:00Z')); // 09:00 WITA
    const open = () => QueueService.open({ venue: testVenue(), daysDir: dir, clock: clock.now, newId: seqIds(), openCountersOnNewDay: true });
    let q = await open();
    expect(q.engine.arrivalProfile).toBeNull();
    const issue = () => q.run((e, now) => e.issue({ serviceId: 'ktp', source: { kind: 'kiosk', id: 'k' } }, now));
    await issue();
    await issue();
    clock.minutes(30);
    await issue();
    // Midnight: the new day knows yesterday's three tickets, two at 09:00 and one at 09:30.
    clock.t = Date.parse('2026-11-24T16:00:30Z');
    await q.rollover(clock.t);
    const between = () => profileBetween(q.engine.arrivalProfile!, q.day, 'Asia/Makassar');
    expect(q.day).toBe('2026-11-25');
    expect(between()(Date.parse('2026-11-25T00:53:00Z'), Date.parse('2026-11-25T01:08:00Z'))).toBeCloseTo(2, 9);
    expect(between()(Date.parse('2026-11-24T16:00:00Z'), Date.parse('2026-11-25T16:00:00Z'))).toBeCloseTo(3, 9);
    // A restart finds them on disk too; today's own tickets are not part of the usual day.
    await issue();
    await q.close();
    q = await open();
    expect(between()(Date.parse('2026-11-24T16:00:00Z'), Date.parse('2026-11-25T16:00:00Z'))).toBeCloseTo(3, 9);
    await q.close();
  });
});
