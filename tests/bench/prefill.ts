import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../../server/src/engine/engine.ts';
import { DayState } from '../../server/src/engine/state.ts';
import { localDay } from '../../server/src/contract/time.ts';
import { seqIds, testVenue } from '../../server/src/testing/builders.ts';

/**
 * Writes today's day document with `n` tickets already played (issued, called, finished)
 * and `waiting` left in line, as the store would after compaction.
 */
export function prefillDay(dataDir: string, n: number, waiting: number, now = Date.now()): void {
  const venue = testVenue();
  const day = localDay(now, venue.timeZone);
  const e = new Engine(venue, DayState.fresh(venue, day, now - 3600_000), { newId: seqIds('pre') });
  const t0 = now - 3600_000;
  for (const c of venue.counters) e.setCounterStatus(c.id, { status: 'open' }, { userId: null }, t0);
  const services = ['ktp', 'kk', 'sertipikat'];
  const counterFor: Record<string, string> = { ktp: 'loket-1', kk: 'loket-2', sertipikat: 'loket-4' };
  for (let i = 0; i < n; i++) {
    const sid = services[i % services.length]!;
    const at = t0 + i;
    e.issue({ serviceId: sid, source: { kind: 'kiosk', id: 'bench' } }, at);
    e.callNext(counterFor[sid]!, { userId: null }, at);
    e.finish(counterFor[sid]!, { userId: null }, at);
  }
  for (let i = 0; i < waiting; i++) e.issue({ serviceId: 'ktp', source: { kind: 'kiosk', id: 'bench' } }, t0 + n + i);
  const dir = join(dataDir, venue.id, 'days');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${day}.json`), JSON.stringify({ ...e.state.toDoc(), format: 1, segment: 0 }));
}
