import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeEscPos, textLines } from '../decode/decoder.js';
import { PrinterError } from '../errors.js';
import { renderTicket } from '../layout/ticket.js';
import { sampleTicket } from '../sample.js';
import { FileTransport } from './file.js';
import { openPrinter } from './open.js';
import { parsePrinterUri } from './uri.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'antre-file-printer-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('FileTransport', () => {
  it('writes each job as <dir>/<timestamp>-<id>.bin with the exact bytes', async () => {
    const t = openPrinter(parsePrinterUri(`file:${dir}/spool`));
    expect(t.uri).toBe(`file:${dir}/spool`);
    expect((await t.status()).error).toMatch(/unknown/);
    const bytes = renderTicket(sampleTicket(), { paper: 58, qr: 'native' });
    await t.print(bytes, { id: 'job/A-007' });
    await t.print(Buffer.from('second'));
    const files = (await readdir(path.join(dir, 'spool'))).sort();
    expect(files).toHaveLength(2); // no temp files left behind
    const first = files.find((f) => f.endsWith('-job_A-007.bin'));
    expect(first).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-job_A-007\.bin$/);
    const written = await readFile(path.join(dir, 'spool', first!));
    expect(written.equals(bytes)).toBe(true);
    expect(textLines(decodeEscPos(written))).toContain('A-007');
    expect(await t.status()).toEqual({ online: true, checkedAt: expect.any(Number) });
  });

  it('fails clearly when the directory cannot be created', async () => {
    const blocker = path.join(dir, 'not-a-dir');
    await writeFile(blocker, 'x');
    const t = new FileTransport(path.join(blocker, 'spool'));
    const err = await t.print(Buffer.from('x')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterError);
    expect((err as Error).message).toContain(`file:${blocker}`);
    expect(await t.status()).toMatchObject({ online: false });
  });
});
