import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AntreError } from '../../server/src/contract/errors.ts';
import { QueueService } from '../../server/src/queue/queue-service.ts';
import { nodeDisk, useDisk, type Disk, type DiskFile } from '../../server/src/store/disk.ts';
import { StaffStore } from '../../server/src/store/staff-store.ts';
import { seqIds, testVenue, TestClock } from '../../server/src/testing/builders.ts';

const dirs: string[] = [];
afterEach(() => {
  useDisk(nodeDisk);
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'antre-sec-'));
  dirs.push(d);
  return d;
}

/** The real disk, with writes to matching files failing (ENOSPC) while `full` says so; truncates may fail too. */
function flakyDisk(opts: { full: (path: string) => boolean; truncateFails?: () => boolean; syncFails?: () => boolean }): Disk {
  const enospc = () => Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
  return {
    ...nodeDisk,
    async open(path, how, mode) {
      const f = await nodeDisk.open(path, how, mode);
      const wrapped: DiskFile = {
        write: async (buf, off, len, pos) => {
          if (opts.full(path)) {
            // A short write lands before the failure: a torn record the journal must cut back.
            await f.write(buf, off, Math.min(len, 7), pos);
            throw enospc();
          }
          return f.write(buf, off, len, pos);
        },
        datasync: async () => {
          if (opts.syncFails?.()) throw Object.assign(new Error('input/output error'), { code: 'EIO' });
          return f.datasync();
        },
        sync: () => f.sync(),
        truncate: async (n) => {
          if (opts.truncateFails?.()) throw enospc();
          return f.truncate(n);
        },
        size: () => f.size(),
        close: () => f.close(),
      };
      return wrapped;
    },
  };
}

const source = { kind: 'kiosk' as const, id: 'k' };
const open = (dir: string, clock: TestClock, compactEvery?: number) =>
  QueueService.open({
    venue: testVenue(),
    daysDir: dir,
    clock: clock.now,
    newId: seqIds(`s${Math.random().toString(36).slice(2, 6)}`),
    openCountersOnNewDay: true,
    compactEvery,
  });

describe('a refused write never comes back', () => {
  it('a write that fails while a compaction is due: after a restart the day holds only acknowledged tickets, no number twice', async () => {
    const dir = tmp();
    const clock = new TestClock();
    let full = false;
    useDisk(flakyDisk({ full: (p) => full && p.includes('.journal.') }));
    const q = await open(dir, clock, 6);
    const acked = new Map<string, string>();
    const refused: string[] = [];
    const issue = () =>
      q
        .run((e, now) => e.issue({ serviceId: 'ktp', source }, now))
        .then(
          (t) => void acked.set(t.id, t.number),
          (err: AntreError) => void refused.push(err.code),
        );
    for (let round = 0; round < 6; round++) {
      full = round === 3;
      // Groups of concurrent tickets: some share a write, compactions fall between them.
      await Promise.all(Array.from({ length: 5 }, issue));
      full = false;
      if (round === 3) await new Promise((r) => setTimeout(r, 150)); // the store proves healthy again
    }
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((c) => c === 'STORAGE_FAILED')).toBe(true);
    await q.close();
    useDisk(nodeDisk);
    const q2 = await open(dir, clock, 6);
    const numbers = [...q2.engine.state.tickets.values()].map((t) => t.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(new Map([...q2.engine.state.tickets.values()].map((t) => [t.id, t.number]))).toEqual(acked);
    await q2.close();
  });
});

describe('failures fail closed', () => {
  it('after a failed write every command is refused until the disk takes a synced write; then numbering goes on', async () => {
    const dir = tmp();
    const clock = new TestClock();
    let full = false;
    useDisk(flakyDisk({ full: () => full }));
    const q = await open(dir, clock);
    const first = await q.run((e, now) => e.issue({ serviceId: 'ktp', source }, now));
    full = true;
    await expect(q.run((e, now) => e.issue({ serviceId: 'ktp', source }, now))).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    expect(q.storageFailure).not.toBeNull();
    // Still full: refused, and memory is what the disk holds.
    await new Promise((r) => setTimeout(r, 120));
    await expect(q.run((e, now) => e.issue({ serviceId: 'ktp', source }, now))).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    expect([...q.engine.state.tickets.values()].map((t) => t.number)).toEqual([first.number]);
    full = false;
    await new Promise((r) => setTimeout(r, 120));
    const next = await q.run((e, now) => e.issue({ serviceId: 'ktp', source }, now));
    expect(next.number).toBe('A-002');
    expect(q.storageFailure).toBeNull();
    await q.close();
  });

  it('a torn tail that a truncate could not cut is overwritten, never appended after', async () => {
    const dir = tmp();
    const clock = new TestClock();
    let full = false;
    let truncateBroken = false;
    useDisk(flakyDisk({ full: () => full, truncateFails: () => truncateBroken }));
    const q = await open(dir, clock);
    await q.run((e, now) => e.issue({ serviceId: 'ktp', source }, now));
    full = true;
    truncateBroken = true;
    await expect(q.run((e, now) => e.issue({ serviceId: 'ktp', source }, now))).rejects.toBeInstanceOf(AntreError);
    full = false;
    // While the cut keeps failing, nothing is taken.
    await new Promise((r) => setTimeout(r, 120));
    await expect(q.run((e, now) => e.issue({ serviceId: 'ktp', source }, now))).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    truncateBroken = false;
    await new Promise((r) => setTimeout(r, 120));
    await q.run((e, now) => e.issue({ serviceId: 'ktp', source }, now));
    await q.close();
    const seg = readdirSync(dir).find((f) => f.includes('.journal.'))!;
    // Every line of the journal is whole JSON: the torn bytes were cut before anything was written after them.
    for (const line of readFileSync(join(dir, seg), 'utf8').trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    useDisk(nodeDisk);
    const q2 = await open(dir, clock);
    expect([...q2.engine.state.tickets.values()].map((t) => t.number).sort()).toEqual(['A-001', 'A-002']);
    await q2.close();
  });

  it('a whole record written but not synced, and not cut back: memory and a reload never count it', async () => {
    const dir = tmp();
    const clock = new TestClock();
    let broken = false;
    useDisk(flakyDisk({ full: () => false, syncFails: () => broken, truncateFails: () => broken }));
    const q = await open(dir, clock);
    await q.run((e, now) => e.issue({ serviceId: 'ktp', source }, now));
    broken = true;
    await expect(q.run((e, now) => e.issue({ serviceId: 'ktp', source }, now))).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    // The refused record is whole on disk (the write landed, the sync and the cut failed), yet not in memory.
    expect(
      readFileSync(
        join(
          dir,
          readdirSync(dir).find((f) => f.includes('.journal.'))!,
        ),
        'utf8',
      ),
    ).toContain('A-002');
    expect([...q.engine.state.tickets.values()].map((t) => t.number)).toEqual(['A-001']);
    broken = false;
    await new Promise((r) => setTimeout(r, 120));
    expect((await q.run((e, now) => e.issue({ serviceId: 'ktp', source }, now))).number).toBe('A-002');
    await q.close();
    useDisk(nodeDisk);
    const q2 = await open(dir, clock);
    expect([...q2.engine.state.tickets.values()].map((t) => t.number).sort()).toEqual(['A-001', 'A-002']);
    expect(q2.engine.state.tickets.size).toBe(2);
    await q2.close();
  });

  it('a staff change whose write fails changes nothing, and the change queued behind it is written whole', async () => {
    const dir = tmp();
    let full = false;
    useDisk(flakyDisk({ full: (p) => full && p.includes('staff') }));
    const s = new StaffStore(dir);
    await s.load();
    await s.update((d) => void d.sessions.push({ tokenDigest: 'a', userId: 'u', createdAt: 0, expiresAt: 1 }));
    full = true;
    const refused = s.update((d) => void d.sessions.push({ tokenDigest: 'refused', userId: 'u', createdAt: 0, expiresAt: 1 }));
    const queued = s.update((d) => void d.sessions.push({ tokenDigest: 'later', userId: 'u', createdAt: 0, expiresAt: 1 }));
    await expect(refused).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    full = false;
    await queued.catch(() => undefined);
    expect(s.data.sessions.map((x) => x.tokenDigest)).not.toContain('refused');
    const disk = new StaffStore(dir);
    await disk.load();
    expect(disk.data.sessions.map((x) => x.tokenDigest)).toEqual(s.data.sessions.map((x) => x.tokenDigest));
    expect(readdirSync(dir).includes('staff.json')).toBe(true);
  });
});
