import { describe, expect, it } from 'vitest';
import { decodeEscPos, textLines, type DecodedOp } from './decoder.js';

const bytes = (...parts: Array<number[] | string>): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

const kinds = (ops: DecodedOp[]): string[] => ops.map((o) => o.op);

describe('decodeEscPos against byte layouts from the Epson ESC/POS reference', () => {
  it('reads init, code page, alignment, emphasis and GS ! character size', () => {
    // ESC @, ESC t 16, ESC a 1, ESC E 1, GS ! 0x11 (double width + height), "A", LF, GS ! 0x77 (8x8)
    const ops = decodeEscPos(bytes([0x1b, 0x40, 0x1b, 0x74, 16, 0x1b, 0x61, 1, 0x1b, 0x45, 1, 0x1d, 0x21, 0x11], 'A', [0x0a, 0x1d, 0x21, 0x77]));
    expect(kinds(ops)).toEqual(['init', 'codepage', 'align', 'bold', 'size', 'text', 'lf', 'size']);
    expect(ops[1]).toMatchObject({ page: 16 });
    expect(ops[2]).toMatchObject({ align: 'center' });
    expect(ops[4]).toMatchObject({ width: 2, height: 2, offset: 11, length: 3 });
    expect(ops[7]).toMatchObject({ width: 8, height: 8 });
    // ASCII "0"/"1"/"2" forms of ESC a are accepted too
    expect(decodeEscPos(bytes([0x1b, 0x61, 0x32]))[0]).toMatchObject({ align: 'right' });
  });

  it('assembles a native QR from GS ( k Functions 165, 167, 169, 180 and 181', () => {
    const data = 'https://x.id/t/1';
    const store = [0x1d, 0x28, 0x6b, data.length + 3, 0, 0x31, 0x50, 0x30];
    const ops = decodeEscPos(
      bytes(
        [0x1d, 0x28, 0x6b, 4, 0, 0x31, 0x41, 50, 0], // 165: model 2
        [0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x43, 6], // 167: module 6 dots
        [0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x45, 51], // 169: level H
        store,
        data, // 180: store
        [0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30], // 181: print
      ),
    );
    expect(kinds(ops)).toEqual(['qrSetup', 'qrSetup', 'qrSetup', 'qrSetup', 'qr']);
    expect(ops.map((o) => (o.op === 'qrSetup' ? o.fn : 181))).toEqual([165, 167, 169, 180, 181]);
    expect(ops[4]).toMatchObject({ op: 'qr', model: 2, size: 6, ec: 'H', data });
  });

  it('reads a GS v 0 raster image with its payload and the command after it', () => {
    const ops = decodeEscPos(bytes([0x1d, 0x76, 0x30, 0, 2, 0, 3, 0], [0xff, 0x00, 0x10, 0x04, 0x0a, 0x1b], 'Z', [0x0a]));
    expect(ops[0]).toMatchObject({ op: 'raster', widthBytes: 2, width: 16, height: 3, length: 14 });
    // the 0x10 0x04 and 0x0a bytes inside the image are data, not a status request or line feed
    expect(kinds(ops)).toEqual(['raster', 'text', 'lf']);
  });

  it('reads cuts, feeds and DLE EOT status requests', () => {
    const ops = decodeEscPos(bytes([0x1b, 0x64, 4, 0x1d, 0x56, 1, 0x1d, 0x56, 0x42, 3, 0x1d, 0x56, 0x30, 0x10, 0x04, 4]));
    expect(ops).toMatchObject([
      { op: 'feed', lines: 4 },
      { op: 'cut', partial: true },
      { op: 'cut', partial: true, feed: 3 },
      { op: 'cut', partial: false },
      { op: 'status', n: 4, kind: 'paper' },
    ]);
  });

  it('returns a truncated command as one unknown op instead of throwing', () => {
    const ops = decodeEscPos(bytes('ok', [0x1d, 0x76, 0x30, 0, 10, 0, 10, 0, 1, 2]));
    expect(kinds(ops)).toEqual(['text', 'unknown']);
    expect(ops[1]!.length).toBe(10);
  });

  it('turns text and line feeds into lines, decoding the selected code page', () => {
    const ops = decodeEscPos(bytes('Biaya ', [0xf1, 0x0a], 'Rp30.000', [0x0a]));
    expect(textLines(ops)).toEqual(['Biaya ±', 'Rp30.000']);
  });
});
