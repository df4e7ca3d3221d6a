import { mkdtempSync, promises as fsp, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { FLUSH_EVERY_BYTES, jsonPieces, writeFileDurable } from './durable-file.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('jsonPieces', () => {
  it('joins to exactly what JSON.stringify gives, for any document', () => {
    const doc = fc.oneof(
      fc.dictionary(fc.string(), fc.oneof(fc.array(fc.jsonValue(), { maxLength: 30 }), fc.jsonValue(), fc.constant(undefined))),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(doc, fc.integer({ min: 1, max: 7 }), (d, chunk) => {
        expect([...jsonPieces(d, chunk)].join('')).toBe(JSON.stringify(d));
      }),
      { numRuns: 500 },
    );
  });

  it('never makes one piece of a large array: a day of 5,000 tickets stays in pieces of 200', () => {
    const tickets = Array.from({ length: 5000 }, (_, i) => ({ id: `t${i}`, number: `A-${i}`, history: [{ at: i, action: 'issued' }] }));
    const pieces = [...jsonPieces({ day: '2026-11-28', tickets, calls: [] })];
    const longest = Math.max(...pieces.map((p) => p.length));
    expect(longest).toBeLessThan(JSON.stringify(tickets.slice(-200)).length + 2);
    expect(longest * 20).toBeLessThan(JSON.stringify(tickets).length);
    expect(pieces.length).toBeGreaterThan(25);
  });

  it('writes the pieces durably: the file reads back as the document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'antre-pieces-'));
    dirs.push(dir);
    const doc = {
      day: '2026-11-28',
      tickets: Array.from({ length: 999 }, (_, i) => ({ id: `t${i}`, note: i % 7 ? null : 'é "quoted"\n' })),
      seq: { ktp: 999 },
    };
    await writeFileDurable(join(dir, 'd.json'), jsonPieces(doc));
    expect(JSON.parse(readFileSync(join(dir, 'd.json'), 'utf8'))).toEqual(doc);
  });

  it('flushes a large document to the disk as it goes, not all at the end, and it still reads back whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'antre-pieces-'));
    dirs.push(dir);
    // FileHandle is not exported: its prototype is reached through a handle.
    const probe = await fsp.open(join(dir, 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
    await probe.close();
    const datasync = vi.spyOn(proto, 'datasync');
    try {
      const tickets = Array.from({ length: 12000 }, (_, i) => ({ id: `t${i}`, number: `A-${i}`, note: 'x'.repeat(200) }));
      const doc = { day: '2026-11-28', tickets };
      const size = JSON.stringify(doc).length;
      expect(size).toBeGreaterThan(2.5 * FLUSH_EVERY_BYTES);
      await writeFileDurable(join(dir, 'd.json'), jsonPieces(doc));
      // Once per FLUSH_EVERY_BYTES written (a little more, to the end of a piece); the final fsync is not one of them.
      expect(datasync.mock.calls.length).toBeGreaterThanOrEqual(2);
      expect(datasync.mock.calls.length).toBeLessThanOrEqual(Math.floor(size / FLUSH_EVERY_BYTES));
      expect(JSON.parse(readFileSync(join(dir, 'd.json'), 'utf8'))).toEqual(doc);
    } finally {
      datasync.mockRestore();
    }
  });
});
