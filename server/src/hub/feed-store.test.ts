import { appendFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubEvent } from '../contract/hub.js';
import { CorruptDataError } from '../store/durable-file.js';
import { FeedStore } from './feed-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function temp(): string {
  const d = mkdtempSync(join(tmpdir(), 'antre-feed-'));
  dirs.push(d);
  return d;
}

const ev = (seq: number, day: string): HubEvent => ({ seq, at: 1000 + seq, day, kind: 'ticket', key: `ticket:${day}:t${seq}`, data: { n: seq } });

async function fill(store: FeedStore, from: number, to: number, day: (seq: number) => string): Promise<void> {
  const writes: Promise<void>[] = [];
  for (let s = from; s <= to; s++) writes.push(store.append(ev(s, day(s))));
  await Promise.all(writes);
}

describe('the hub feed on disk', () => {
  it('keeps a random id, gapless sequences across segments, and reads back from any sequence', async () => {
    const dir = temp();
    const a = new FeedStore(dir, () => {}, 10);
    await a.open(0, () => {});
    const id = a.meta.feedId;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await fill(a, 1, 25, () => '2026-11-25');
    expect(a.durableSeq).toBe(25);
    await a.close();
    expect(
      readdirSync(join(dir, 'hub'))
        .filter((f) => f.endsWith('.jsonl'))
        .sort(),
    ).toEqual(['feed.000000000001.jsonl', 'feed.000000000011.jsonl', 'feed.000000000021.jsonl']);
    const b = new FeedStore(dir, () => {}, 10);
    const seen: number[] = [];
    await b.open(0, (e) => seen.push(e.seq));
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(b.meta.feedId).toBe(id);
    expect(b.read(8, 5).map((e) => e.seq)).toEqual([8, 9, 10, 11, 12]);
    expect(b.read(24, 500).map((e) => e.seq)).toEqual([24, 25]);
    await b.close();
    // Another feed (a new data folder) gets another id.
    const c = new FeedStore(temp());
    await c.open(0, () => {});
    expect(c.meta.feedId).not.toBe(id);
    await c.close();
  });

  it('drops a torn last line and refuses a sequence that skips inside a segment', async () => {
    const dir = temp();
    const a = new FeedStore(dir);
    await a.open(0, () => {});
    await fill(a, 1, 4, () => '2026-11-25');
    await a.close();
    const seg = join(dir, 'hub', 'feed.000000000001.jsonl');
    appendFileSync(seg, '{"seq":5,"at":1005,"day":"2026-1');
    const repairs: string[] = [];
    const b = new FeedStore(dir, (m) => repairs.push(m));
    await b.open(0, () => {});
    expect(b.durableSeq).toBe(4);
    expect(repairs).toHaveLength(1);
    await fill(b, 5, 6, () => '2026-11-25');
    await b.close();
    appendFileSync(seg, `${JSON.stringify(ev(9, '2026-11-25'))}\n`);
    await expect(new FeedStore(dir).open(0, () => {})).rejects.toBeInstanceOf(CorruptDataError);
  });

  it('prunes only what the hub acknowledged and the days start-up compares against are past', async () => {
    const dir = temp();
    const a = new FeedStore(dir, () => {}, 10);
    await a.open(0, () => {});
    await fill(a, 1, 35, (s) => (s <= 20 ? '2026-11-24' : '2026-11-25'));
    await a.prune('2026-11-24');
    expect(a.oldestSeq).toBe(1);
    await a.saveMeta({ acked: 15 });
    await a.prune('2026-11-25');
    // 1-10 acknowledged and all of the 24th: gone; 11-20 not wholly acknowledged: kept.
    expect(a.oldestSeq).toBe(11);
    await a.saveMeta({ acked: 35 });
    await a.prune('2026-11-25');
    expect(a.oldestSeq).toBe(21);
    await a.close();
    const b = new FeedStore(dir, () => {}, 10);
    const seen: number[] = [];
    await b.open(0, (e) => seen.push(e.seq));
    expect(seen[0]).toBe(21);
    expect(b.durableSeq).toBe(35);
    await b.close();
  });

  it('drops segments after a hole a power cut left between two segments', async () => {
    const dir = temp();
    const a = new FeedStore(dir, () => {}, 10);
    await a.open(0, () => {});
    await fill(a, 1, 25, () => '2026-11-25');
    await a.close();
    // The first segment lost its unsynced tail (7..10) while the later ones were kept.
    const seg = join(dir, 'hub', 'feed.000000000001.jsonl');
    writeFileSync(seg, [1, 2, 3, 4, 5, 6].map((s) => JSON.stringify(ev(s, '2026-11-25')) + '\n').join(''));
    const repairs: string[] = [];
    const b = new FeedStore(dir, (m) => repairs.push(m), 10);
    await b.open(0, () => {});
    expect(b.durableSeq).toBe(6);
    expect(repairs.join()).toMatch(/hole at 7/);
    await fill(b, 7, 12, () => '2026-11-25');
    expect(b.read(1, 100).map((e) => e.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    await b.close();
  });
});
