import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueService } from './queue-service.js';
import { localDay } from '../contract/time.js';
import { seqIds, testVenue, TestClock } from '../testing/builders.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('day rollover (property)', () => {
  it('numbers restart each local day, stay unique within it, and nothing of a day is left waiting', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ gapMin: fc.integer({ min: 1, max: 600 }), service: fc.constantFrom('ktp', 'kk'), call: fc.boolean() }), {
          minLength: 5,
          maxLength: 40,
        }),
        async (steps) => {
          const dir = mkdtempSync(join(tmpdir(), 'antre-roll-'));
          dirs.push(dir);
          const clock = new TestClock(Date.parse('2026-11-25T12:00:00Z')); // 20:00 WITA
          const q = await QueueService.open({ venue: testVenue(), daysDir: dir, clock: clock.now, newId: seqIds(), openCountersOnNewDay: true });
          const issued: { day: string; number: string; serviceId: string; id: string }[] = [];
          for (const s of steps) {
            clock.minutes(s.gapMin);
            const t = await q.run((e, now) => e.issue({ serviceId: s.service, source: { kind: 'kiosk', id: 'k' } }, now));
            expect(t.day).toBe(localDay(clock.t, 'Asia/Makassar'));
            issued.push({ day: t.day, number: t.number, serviceId: t.serviceId, id: t.id });
            if (s.call) await q.run((e, now) => e.callNext('loket-1', { userId: null }, now)).catch(() => undefined);
          }
          await q.close();
          const byDay = new Map<string, typeof issued>();
          for (const t of issued) byDay.set(t.day, [...(byDay.get(t.day) ?? []), t]);
          for (const [day, list] of byDay) {
            for (const sid of ['ktp', 'kk']) {
              const nums = list.filter((t) => t.serviceId === sid).map((t) => Number(t.number.split('-')[1]));
              expect(nums).toEqual(nums.map((_, i) => i + 1));
            }
            const doc = q.readDay(day);
            expect(doc).not.toBeNull();
            for (const t of list) expect(doc!.tickets.some((x) => x.id === t.id)).toBe(true);
            if (day !== q.day) expect(doc!.tickets.some((x) => x.status === 'waiting' || x.status === 'called')).toBe(false);
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 120000);
});
