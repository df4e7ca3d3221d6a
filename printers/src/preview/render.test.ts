import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { renderTicket } from '../layout/ticket.js';
import { sampleTicket } from '../sample.js';
import { renderPreview, renderPreviewPng } from './render.js';

function darkPixels(png: PNG, x: number, y: number, w: number, h: number): number {
  let n = 0;
  for (let yy = y; yy < y + h; yy++) for (let xx = x; xx < x + w; xx++) if (png.data[(yy * png.width + xx) * 4]! < 128) n++;
  return n;
}

describe.each([
  [58, 384],
  [80, 576],
] as const)('renderPreviewPng on %i mm', (paper, dots) => {
  const bytes = renderTicket(sampleTicket(), { paper, qr: 'native' });
  const preview = renderPreview(bytes, { paper });
  const png = PNG.sync.read(renderPreviewPng(bytes, { paper }));

  it('is a PNG as wide as the print head, and as tall as the receipt', () => {
    expect(png.width).toBe(dots);
    expect(png.height).toBe(preview.height);
    expect(png.height).toBeGreaterThan(1000);
  });

  it('draws the number big (readable from a metre) with ink in its area', () => {
    const num = preview.items.find((i) => i.kind === 'text' && i.text === 'A-007');
    expect(num).toBeDefined();
    const { x, y, width, height } = num!;
    expect(height).toBeGreaterThanOrEqual(140); // >= 17 mm tall cells at 203 dpi
    expect(width).toBeGreaterThan(dots * 0.75);
    const ink = darkPixels(png, x, y, width, height) / (width * height);
    expect(ink).toBeGreaterThan(0.15);
    // and the paper beside a centred line stays white
    expect(darkPixels(png, 0, y, Math.max(0, x - 1), height)).toBe(0);
  });

  it('draws the QR symbol and the cut line where the bytes put them', () => {
    const qr = preview.items.find((i) => i.kind === 'qr');
    expect(qr?.text).toBe(sampleTicket().qrUrl);
    const ink = darkPixels(png, qr!.x, qr!.y, qr!.width, qr!.height) / (qr!.width * qr!.height);
    expect(ink).toBeGreaterThan(0.3);
    expect(ink).toBeLessThan(0.7);
    const cut = preview.items.find((i) => i.kind === 'cut');
    expect(cut!.y).toBeGreaterThan(qr!.y + qr!.height);
  });

  it('keeps normal text small next to the number', () => {
    const venue = preview.items.find((i) => i.text === 'Gedung Simpurusiang, Belopa');
    expect(venue?.height).toBe(24);
    expect(darkPixels(png, venue!.x, venue!.y, venue!.width, venue!.height)).toBeGreaterThan(100);
  });
});

describe('renderPreviewPng robustness', () => {
  it('draws raster images, bold and reverse text, and survives garbage', () => {
    const raster = Buffer.from([0x1b, 0x40, 0x1d, 0x76, 0x30, 0, 1, 0, 8, 0, 0xff, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0xff, 0x0a]);
    const preview = renderPreview(raster, { paper: 58 });
    expect(preview.items[0]).toMatchObject({ kind: 'raster', x: 0, width: 8, height: 8 });
    const garbage = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256));
    const png = PNG.sync.read(renderPreviewPng(garbage));
    expect(png.width).toBe(576);
  });
});
