import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { decodeEscPos, textLines } from '../decode/decoder.js';
import { main } from './print.js';

let dir: string;
let out: string[];
let err: string[];
const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'antre-print-cli-'));
  out = [];
  err = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('print CLI', () => {
  it('prints the sample to a virtual printer and writes the preview PNG', async () => {
    const file = path.join(dir, 'ticket.png');
    expect(await main(['--sample', '--to', 'virtual', '--paper', '58', '--qr', 'raster', '--out', file], io)).toBe(0);
    expect(out.join('\n')).toContain(`preview PNG written to ${file}`);
    const png = PNG.sync.read(await readFile(file));
    expect(png.width).toBe(384);
    expect(png.height).toBeGreaterThan(1000);
  });

  it('prints the sample to a file printer', async () => {
    expect(await main(['--sample', '--to', `file:${dir}`], io)).toBe(0);
    const [name] = await readdir(dir);
    expect(name).toMatch(/-sample\.bin$/);
    const lines = textLines(decodeEscPos(await readFile(path.join(dir, name!))));
    expect(lines).toContain('A-007');
    expect(lines).toContain('MPP KABUPATEN LUWU');
  });

  it('explains bad arguments', async () => {
    expect(await main(['--to', 'virtual'], io)).toBe(1);
    expect(await main(['--sample', '--to', 'lpt://1'], io)).toBe(1);
    expect(await main(['--sample', '--to', 'virtual', '--paper', '57'], io)).toBe(1);
    expect(await main(['--bogus'], io)).toBe(2);
    expect(err.join('\n')).toMatch(/only --sample[\s\S]*unknown scheme "lpt"[\s\S]*--paper must be 58 or 80[\s\S]*bogus/);
  });
});
