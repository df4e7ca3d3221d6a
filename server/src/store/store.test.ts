import { afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdirSync, promises as fsp, truncateSync } from 'node:fs';
import { Journal } from './journal.js';
import { CorruptDataError, writeFileDurable } from './durable-file.js';
import { DayStore } from './day-store.js';
import { StaffStore } from './staff-store.js';
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
  return QueueService.open({
    venue: testVenue(),
    daysDir: dir,
    clock: clock.now,
    newId: seqIds(`r${Math.random().toString(36).slice(2, 6)}`),
    openCountersOnNewDay: true,
    compactEvery,
  });
}

describe('journal', () => {
  it('group-commits concurrent appends and keeps their order', async () => {
    const path = join(tmp(), 'j');
    const j = new Journal(path);
    await j.open(() => {});
    // Count the journal's real fdatasyncs (the call still goes to the disk; only counted here).
    const probe = await fsp.open(join(tmp(), 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
    await probe.close();
    const datasync = proto.datasync;
    let syncs = 0;
    proto.datasync = async function (this: unknown) {
      await datasync.call(this);
      syncs++;
    };
    const syncedWhenAcked: number[] = [];
    try {
      await Promise.all(Array.from({ length: 200 }, (_, i) => j.append({ i }).then(() => (syncedWhenAcked[i] = syncs))));
      await j.close();
    } finally {
      proto.datasync = datasync;
    }
    expect(Journal.readAll<{ i: number }>(path).map((r) => r.i)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    // 200 appends in flight together share a few writes: one fdatasync each would be 200.
    expect(syncs).toBeGreaterThanOrEqual(1);
    expect(syncs).toBeLessThanOrEqual(3);
    // And none is acknowledged before an fdatasync that carried it has finished.
    expect(syncedWhenAcked.filter((n) => n < 1).length, 'appends acknowledged before any fdatasync finished').toBe(0);
    expect(syncedWhenAcked.at(-1)).toBe(syncs);
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
    // The current segment, and the one before the snapshot, kept for a copy of the folder taken mid-compaction.
    const segs = files.filter((f) => f.includes('.journal.')).sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()));
    expect(segs.length).toBe(2);
    const doc = JSON.parse(readFileSync(join(dir, '2026-11-25.json'), 'utf8'));
    const seg = segs.at(-1)!;
    // 1 record opening the counters + 35 tickets, folded into the document about every 10 records
    // (a compaction still being written when the next 10 are in defers the next one by a record or
    // two). The document and the journal after it hold every ticket exactly once.
    expect(doc.tickets.length).toBeGreaterThanOrEqual(20);
    expect(doc.segment).toBe(Number(seg.split('.').pop()));
    const journaled = Journal.readAll<{ c: { t: string }[] }>(join(dir, seg))
      .flatMap((r) => r.c)
      .filter((c) => c.t === 'ticket').length;
    expect(doc.tickets.length + journaled).toBe(35);
    const before = JSON.stringify(q.engine.state.toDoc());
    const q2 = await openQueue(dir, clock, 10);
    expect(JSON.stringify(q2.engine.state.toDoc())).toBe(before);
    await q2.close();
  });

  it('compacts a large day in pieces while commands keep arriving: the reopened day equals the one in memory', async () => {
    const dir = tmp();
    const clock = new TestClock();
    const q = await openQueue(dir, clock, 400);
    const actor = { userId: 'u' };
    // Commands are not awaited one by one: appends land while each compaction is being written.
    for (let round = 0; round < 30; round++) {
      const batch: Promise<unknown>[] = [];
      for (let i = 0; i < 40; i++) batch.push(q.run((e, now) => e.issue({ serviceId: i % 2 ? 'kk' : 'ktp', source }, now)));
      for (const c of ['loket-1', 'loket-2', 'loket-3']) batch.push(q.run((e, now) => e.callNext(c, actor, now)).catch(() => null));
      await Promise.all(batch);
    }
    await q.store.close();
    const memory = JSON.stringify(q.engine.state.toDoc());
    expect(readdirSync(dir).filter((f) => f.includes('.journal.')).length).toBe(2);
    const q2 = await openQueue(dir, clock, 400);
    expect(JSON.stringify(q2.engine.state.toDoc())).toBe(memory);
    expect(q2.engine.state.tickets.size).toBe(1200);
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

describe('damaged data at start-up', () => {
  /** A day folder whose journal holds two tickets, as a server leaves it. */
  async function dayWithTwoTickets(): Promise<{ dir: string; seg: string; size: number }> {
    const dir = tmp();
    const clock = new TestClock();
    const q = await openQueue(dir, clock);
    for (let i = 0; i < 2; i++) await q.run((e, now) => e.issue({ serviceId: 'ktp', source }, now));
    await q.close();
    const seg = join(
      dir,
      readdirSync(dir).find((f) => f.includes('.journal.'))!,
    );
    return { dir, seg, size: readFileSync(seg).length };
  }

  it('drops a tail of zero bytes (a power cut mid-append) like a torn line, and says so', async () => {
    const { dir, seg, size } = await dayWithTwoTickets();
    appendFileSync(seg, Buffer.alloc(4096));
    const notices: string[] = [];
    const { batches } = new DayStore(dir, 10000, (m) => notices.push(m)).read('2026-11-25');
    expect(batches).toHaveLength(3); // counters opened + two tickets
    expect(readFileSync(seg).length).toBe(size);
    expect(notices).toEqual([expect.stringContaining(`${seg}: dropped its torn last line`)]);
  });

  it('refuses a damaged last complete record (it was acknowledged) and junk without a newline', async () => {
    const { dir, seg } = await dayWithTwoTickets();
    const text = readFileSync(seg, 'utf8');
    const colon = text.lastIndexOf('":') + 1; // drop a colon inside the last record
    writeFileSync(seg, text.slice(0, colon) + text.slice(colon + 1));
    expect(() => new DayStore(dir).read('2026-11-25')).toThrow(CorruptDataError);
    writeFileSync(seg, 'binary junk \u0001\u0002 without any newline');
    expect(() => new DayStore(dir).read('2026-11-25')).toThrow(/line 1/);
    expect(readFileSync(seg, 'utf8')).toContain('binary junk'); // evidence kept, not cut
  });

  it('refuses a day document that is not a day, or one missing while the journal goes on after it', async () => {
    const dir = tmp();
    const clock = new TestClock();
    const q = await openQueue(dir, clock, 5);
    // Compactions until the first segment is gone, so the day cannot be rebuilt without its document.
    // (A compaction runs beside the commands and a busy disk may fold several batches into one, so count files, not commands.)
    let issued = 0;
    while (existsSync(join(dir, '2026-11-25.journal.0')) && issued < 500) {
      await q.run((e, now) => e.issue({ serviceId: 'ktp', source }, now));
      issued++;
    }
    await q.close();
    expect(existsSync(join(dir, '2026-11-25.journal.0'))).toBe(false);
    const doc = join(dir, '2026-11-25.json');
    const good = readFileSync(doc);
    for (const bad of ['null', '[]', '{"format":1,"day":"2026-11-25"}']) {
      writeFileSync(doc, bad);
      await expect(openQueue(dir, clock)).rejects.toThrow(/2026-11-25\.json is damaged/);
    }
    rmSync(doc);
    await expect(openQueue(dir, clock)).rejects.toThrow(/2026-11-25\.json is damaged \(missing/);
    writeFileSync(doc, good);
    expect((await openQueue(dir, clock)).engine.state.tickets.size).toBe(issued);
  });

  it('refuses a staff file of the wrong shape or empty, naming it', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'staff.json'), '{"format":1,"users":{}}');
    await expect(new StaffStore(dir).load()).rejects.toThrow(/staff\.json is damaged \("users"/);
    truncateSync(join(dir, 'staff.json'), 0);
    await expect(new StaffStore(dir).load()).rejects.toThrow(/staff\.json is damaged \(the file is empty/);
  });

  it('a durable write that fails leaves no temp file behind', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'target', 'inside'), { recursive: true });
    await expect(writeFileDurable(join(dir, 'target'), 'x')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['target']);
  });
});
