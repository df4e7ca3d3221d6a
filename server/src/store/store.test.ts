import { afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal } from './journal.js';
import { CorruptDataError } from './durable-file.js';
import { QueueService } from '../queue/queue-service.js';
import { seqIds, testVenue, TestClock } from '../testing/builders.js';
import { AntreError } from '../contract/errors.js';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'antre-store-'));
  dirs.push(d);
  return d;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const source = { kind: 'kiosk' as const, id: 'k' };

async function openQueue(dir: string, clock: TestClock, compactEvery?: number) {
  return QueueService.open({ venue: testVenue(), daysDir: dir, clock: clock.now, newId: seqIds(`r${Math.random().toString(36).slice(2, 6)}`), openCountersOnNewDay: true, compactEvery });
}

describe('journal', () => {
  it('group-commits concurrent appends and keeps their order', async () => {
    const path = join(tmp(), 'j');
    const j = new Journal(path);
    await j.open(() => {});
    await Promise.all(Array.from({ length: 200 }, (_, i) => j.append({ i })));
    await j.close();
    expect(Journal.readAll<{ i: number }>(path).map((r) => r.i)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('drops and cuts a torn last line, so later appends stay readable', async () => {
    const path = join(tmp(), 'j');
    writeFileSync(path, '{"i":0}\n{"i":1}\n{"i":');
    expect(Journal.readAll(path)).toEqual([{ i: 0 }, { i: 1 }]);
    const j = new Journal(path);
    await j.open(() => {});
    await j.append({ i: 2 });
    await j.close();
    expect(Journal.readAll(path)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
  });

  it('refuses a journal damaged in the middle instead of starting empty', () => {
    const path = join(tmp(), 'j');
    writeFileSync(path, '{"i":0}\n{"i":\n{"i":2}\n');
    expect(() => Journal.readAll(path)).toThrow(CorruptDataError);
  });
});

describe('queue service durability', () => {
  it('a restart finds every acknowledged ticket and reuses no number', async () => {
    const dir = tmp();
    const clock = new TestClock();
    const q = await openQueue(dir, clock);
    const issued = await Promise.all(Array.from({ length: 50 }, () => q.run((e, now) => e.issue({ serviceId: 'ktp', source }, now))));
    await q.run((e, now) => e.callNext('loket-1', { userId: 'u' }, now));
    await q.close();
    const q2 = await openQueue(dir, clock);
    for (const t of issued) expect(q2.engine.state.tickets.get(t.id)?.number).toBe(t.number);
    expect(q2.engine.state.counters.get('loket-1')!.ticketId).toBe(issued[0]!.id);
    const next = await q2.run((e, now) => e.issue({ serviceId: 'ktp', source }, now));
    expect(next.number).toBe('A-051');
    await q2.close();
  });

  it('compacts the journal into the lowdb day document and reloads the same day', async () => {
    const dir = tmp();
    const clock = new TestClock();
    const q = await openQueue(dir, clock, 10);
    for (let i = 0; i < 35; i++) await q.run((e, now) => e.issue({ serviceId: 'kk', source }, now));
    await q.store.close();
    const files = readdirSync(dir);
    expect(files).toContain('2026-11-25.json');
    expect(files.filter((f) => f.includes('.journal.')).length).toBe(1);
    const doc = JSON.parse(readFileSync(join(dir, '2026-11-25.json'), 'utf8'));
    const seg = files.find((f) => f.includes('.journal.'))!;
    // 1 record opening the counters + 35 tickets; every 10 records folded into the document.
    expect(doc.tickets.length).toBe(29);
    expect(doc.segment).toBe(Number(seg.split('.').pop()));
    expect(Journal.readAll(join(dir, seg)).length).toBe(6);
    const before = JSON.stringify(q.engine.state.toDoc());
    const q2 = await openQueue(dir, clock, 10);
    expect(JSON.stringify(q2.engine.state.toDoc())).toBe(before);
    await q2.close();
  });

  it('rolls over at local midnight: old line expires, numbers restart, no restart needed', async () => {
    const dir = tmp();
    const clock = new TestClock(Date.parse('2026-11-25T15:58:00Z')); // 23:58 WITA
    const q = await openQueue(dir, clock);
    const late = await q.run((e, now) => e.issue({ serviceId: 'ktp', source }, now));
    clock.minutes(3); // 00:01 WITA the next day
    const early = await q.run((e, now) => e.issue({ serviceId: 'ktp', source }, now));
    expect(early.number).toBe('A-001');
    expect(early.day).toBe('2026-11-26');
    expect(q.day).toBe('2026-11-26');
    const old = q.readDay('2026-11-25')!;
    expect(old.tickets.find((t) => t.id === late.id)!.status).toBe('expired');
    expect(q.days()).toEqual(['2026-11-25', '2026-11-26']);
    await q.close();
  });

  it('a failed write answers STORAGE_FAILED and leaves memory equal to the disk', async () => {
    const dir = tmp();
    const clock = new TestClock();
    const q = await openQueue(dir, clock);
    await q.run((e, now) => e.issue({ serviceId: 'ktp', source }, now));
    // Pull the file out from under the journal: the next write fails as a full or broken disk would.
    const journal = (q.store as unknown as { journal: { fh: { close(): Promise<void> } } }).journal;
    await journal.fh.close();
    const err = await q.run((e, now) => e.issue({ serviceId: 'ktp', source }, now)).catch((x) => x);
    expect(err).toBeInstanceOf(AntreError);
    expect((err as AntreError).code).toBe('STORAGE_FAILED');
    expect([...q.engine.state.tickets.values()].map((t) => t.number)).toEqual(['A-001']);
  });

  it('refuses to start on a damaged day document, naming the file', async () => {
    const dir = tmp();
    const clock = new TestClock();
    writeFileSync(join(dir, '2026-11-25.json'), '{"day":"2026-11-25","tick');
    await expect(openQueue(dir, clock)).rejects.toThrow(/2026-11-25\.json is damaged/);
    expect(existsSync(join(dir, '2026-11-25.json'))).toBe(true);
  });

  it('a torn journal tail from a crash mid-write is ignored', async () => {
    const dir = tmp();
    const clock = new TestClock();
    const q = await openQueue(dir, clock);
    await q.run((e, now) => e.issue({ serviceId: 'ktp', source }, now));
    await q.close();
    const seg = readdirSync(dir).find((f) => f.includes('.journal.'))!;
    appendFileSync(join(dir, seg), '{"c":[{"t":"ticket","ticket":{"id":"half');
    const q2 = await openQueue(dir, clock);
    expect(q2.engine.state.tickets.size).toBe(1);
    await q2.close();
  });
});
