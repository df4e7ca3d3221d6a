import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertRecord } from '../contract/alert-records.js';
import { AlertStore } from './alert-store.js';
import { nodeDisk, useDisk, type Disk } from './disk.js';

const DAY = '2026-12-02';

function record(id: string): AlertRecord {
  return {
    id,
    key: id,
    kind: 'idle_queue',
    severity: 'critical',
    serviceId: 's1',
    agencyId: 'a1',
    counterId: null,
    officer: null,
    oldest: null,
    message: { id: 'Tidak ada panggilan', en: 'No call' },
    begunAt: 1,
    endedAt: null,
    ackAt: null,
    ackBy: null,
    ackByName: null,
  };
}

/** A disk whose writes wait for the test to let them go, or fail. */
function heldDisk(): Disk & { release(): void; failNext: boolean } {
  let waiters: (() => void)[] = [];
  const d = {
    failNext: false,
    release() {
      const w = waiters;
      waiters = [];
      for (const f of w) f();
    },
    async open(path: string, how: 'append' | 'replace', mode?: number) {
      const f = await nodeDisk.open(path, how, mode);
      return {
        ...f,
        write: async (buf: Buffer, offset: number, length: number, position: number) => {
          await new Promise<void>((r) => waiters.push(r));
          if (d.failNext) {
            d.failNext = false;
            throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
          }
          return f.write(buf, offset, length, position);
        },
        datasync: () => f.datasync(),
        sync: () => f.sync(),
        truncate: (n: number) => f.truncate(n),
        size: () => f.size(),
        close: () => f.close(),
      };
    },
    rename: nodeDisk.rename,
    unlink: nodeDisk.unlink,
    fsyncDir: nodeDisk.fsyncDir,
    chmod: nodeDisk.chmod,
  };
  return d;
}

describe('alert store', () => {
  let dir = '';
  afterEach(() => {
    useDisk(nodeDisk);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows a record only once it is on disk, and a failed write changes nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'antre-alerts-'));
    const store = new AlertStore(dir);
    await store.open(DAY);
    const disk = heldDisk();
    useDisk(disk);

    const saving = store.save([record('a')]);
    await new Promise((r) => setTimeout(r, 20));
    // The write is still in flight: nobody may read (and be told of) the alert yet.
    expect(store.records()).toEqual([]);
    const tick = setInterval(() => disk.release(), 2);
    try {
      await saving;
      expect(store.records().map((r) => r.id)).toEqual(['a']);

      disk.failNext = true;
      await expect(store.save([record('a'), record('b')])).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
      expect(store.records().map((r) => r.id)).toEqual(['a']);
    } finally {
      clearInterval(tick);
    }
    const onDisk = JSON.parse(readFileSync(join(dir, 'alerts', `${DAY}.json`), 'utf8')) as { records: AlertRecord[] };
    expect(onDisk.records.map((r) => r.id)).toEqual(['a']);
    // A fresh start reads what the disk holds.
    const again = new AlertStore(dir);
    await again.open(DAY);
    expect(again.records().map((r) => r.id)).toEqual(['a']);
  });
});
