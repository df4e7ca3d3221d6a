// A growable 1-bit canvas the width of the print head, encoded to a grayscale PNG with pngjs.
import { PNG } from 'pngjs';

/** Previews stop growing here (about 2.5 m of paper) so garbage input cannot exhaust memory. */
export const MAX_PREVIEW_HEIGHT = 20000;

export class Canvas {
  readonly width: number;
  private rows = 0;
  private data: Uint8Array;

  constructor(width: number) {
    this.width = width;
    this.data = new Uint8Array(width * 512);
  }

  /** Makes rows [0, h) addressable (clamped to MAX_PREVIEW_HEIGHT). */
  ensure(h: number): void {
    const want = Math.min(MAX_PREVIEW_HEIGHT, Math.ceil(h));
    if (want * this.width > this.data.length) {
      let cap = this.data.length / this.width;
      while (cap < want) cap *= 2;
      const next = new Uint8Array(Math.min(cap, MAX_PREVIEW_HEIGHT) * this.width);
      next.set(this.data);
      this.data = next;
    }
    this.rows = Math.max(this.rows, want);
  }

  /** Paints a rectangle black (ink = true) or white, clipped to the paper. */
  fill(x: number, y: number, w: number, h: number, ink = true): void {
    const x0 = Math.max(0, Math.floor(x));
    const x1 = Math.min(this.width, Math.floor(x + w));
    const y0 = Math.max(0, Math.floor(y));
    const y1 = Math.min(MAX_PREVIEW_HEIGHT, Math.floor(y + h));
    if (x1 <= x0 || y1 <= y0) return;
    this.ensure(y1);
    for (let yy = y0; yy < y1; yy++) this.data.fill(ink ? 1 : 0, yy * this.width + x0, yy * this.width + x1);
  }

  /** Encodes rows [0, height) as an 8-bit grayscale PNG, black ink on white paper. */
  toPng(height: number): Buffer {
    const h = Math.max(1, Math.min(MAX_PREVIEW_HEIGHT, Math.ceil(height)));
    this.ensure(h);
    const png = new PNG({ width: this.width, height: h, colorType: 0, inputColorType: 0, inputHasAlpha: false });
    const gray = Buffer.alloc(this.width * h);
    for (let i = 0; i < gray.length; i++) gray[i] = this.data[i] ? 0 : 255;
    png.data = gray;
    return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false });
  }
}
