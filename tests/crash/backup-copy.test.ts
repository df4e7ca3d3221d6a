import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueService } from '../../server/src/queue/queue-service.ts';
import { nodeDisk, useDisk, type Disk } from '../../server/src/store/disk.ts';
import { seqIds, testVenue, TestClock } from '../../server/src/testing/builders.ts';

// The README promises that a copy of the data folder taken while the server runs starts cleanly.
// A copy (cp -r, rsync, a backup agent) lists the folder, then reads one file after another while
// the server goes on writing: during a compaction it may catch the old day document and miss a
// segment removed meanwhile. This records the folder after every write operation of a busy day
// with compactions, builds the copies such a reader can make (listing at one moment, each file read
// a little later, in either order), and starts the queue on each.

const dirs: string[] = [];
afterEach(() => {
  useDisk(nodeDisk);
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'antre-copy-'));
  dirs.push(d);
  return d;
}

type Picture = Map<string, Buffer>;

function picture(dir: string): Picture {
  const out: Picture = new Map();
  for (const f of readdirSync(dir)) if (!f.startsWith('.')) out.set(f, readFileSync(join(dir, f)));
  return out;
}

/** The real disk, with the folder's picture taken after every operation that changes it. */
function recordingDisk(dir: string, pictures: Picture[]): Disk {
  const after = async <T>(p: Promise<T>): Promise<T> => {
    const v = await p;
    pictures.push(picture(dir));
    return v;
  };
  return {
    async open(path, how, mode) {
      const f = await after(nodeDisk.open(path, how, mode));
      return {
        write: (buf, off, len, pos) => after(f.write(buf, off, len, pos)),
        datasync: () => f.datasync(),
        sync: () => f.sync(),
        truncate: (n) => after(f.truncate(n)),
        size: () => f.size(),
        close: () => f.close(),
      };
    },
    rename: (a, b) => after(nodeDisk.rename(a, b)),
    unlink: (p) => after(nodeDisk.unlink(p)),
    fsyncDir: (d) => nodeDisk.fsyncDir(d),
    chmod: (p, m) => nodeDisk.chmod(p, m),
  };
}

describe('a copy of the data folder taken while the server runs', () => {
  it('starts cleanly and holds every ticket acknowledged before the copy began, whenever it was taken', async () => {
    const days = join(tmp(), 'days');
    mkdirSync(days);
    const pictures: Picture[] = [];
    const acked: { at: number; id: string; number: string }[] = [];
    useDisk(recordingDisk(days, pictures));
    const clock = new TestClock();
    const q = await QueueService.open({ venue: testVenue(), daysDir: days, clock: clock.now, newId: seqIds('c'), openCountersOnNewDay: true, compactEvery: 4 });
    for (let i = 0; i < 16; i++) {
      const group = await Promise.all(
        [0, 1].map(() => q.run((e, now) => e.issue({ serviceId: i % 2 ? 'kk' : 'ktp', source: { kind: 'kiosk', id: 'k' } }, now))),
      );
      for (const t of group) acked.push({ at: pictures.length, id: t.id, number: t.number });
    }
    await q.close();
    useDisk(nodeDisk);

    const copy = join(tmp(), 'copy');
    let copies = 0;
    for (let i = 0; i < pictures.length; i++) {
      for (const lag of [0, 1, 3]) {
        for (const order of ['sorted', 'reversed']) {
          const listing = [...pictures[i]!.keys()].sort();
          if (order === 'reversed') listing.reverse();
          rmSync(copy, { recursive: true, force: true });
          mkdirSync(copy);
          listing.forEach((f, k) => {
            // The k-th file is read a little after the listing; a file removed by then is missing from the copy.
            const content = pictures[Math.min(pictures.length - 1, i + k * lag)]!.get(f);
            if (content) writeFileSync(join(copy, f), content);
          });
          copies++;
          const where = `copy listed after operation ${i}, files read ${lag} operation(s) apart, ${order}: ${listing.join(', ')}`;
          const c = await QueueService.open({ venue: testVenue(), daysDir: copy, clock: clock.now, newId: seqIds('x') }).catch((err: Error) => {
            throw new Error(`${where}: ${err.message}`);
          });
          const numbers = [...c.engine.state.tickets.values()].map((t) => `${t.serviceId}:${t.number}`);
          expect(new Set(numbers).size, where).toBe(numbers.length);
          for (const a of acked) if (a.at <= i) expect(c.engine.state.tickets.get(a.id)?.number, where).toBe(a.number);
          await c.close();
        }
      }
    }
    expect(existsSync(copy)).toBe(true);
    console.log(
      `backup copies: ${copies} copies from ${pictures.length} moments of a day with ${acked.length} tickets and compactions every 4 records: all started with every acknowledged ticket`,
    );
  }, 120_000);
});
