// Receipt preview: interprets ESC/POS the way a thermal printer would and draws it as a PNG (203 dpi).
import type { PaperWidth } from '../types.js';
import { decodeEscPos, type DecodedOp } from '../decode/decoder.js';
import { qrMatrix } from '../layout/qr-matrix.js';
import { PAPER_GEOMETRY } from '../layout/ticket.js';
import { Canvas, MAX_PREVIEW_HEIGHT } from './canvas.js';
import { glyph, GLYPH_H, GLYPH_W } from './font.js';

export interface PreviewItem {
  kind: 'text' | 'qr' | 'raster' | 'cut';
  /** Printed text of the line, or the QR payload. */
  text?: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Character size multipliers of the tallest character on a text line. */
  scale?: { width: number; height: number };
}

export interface Preview {
  png: Buffer;
  width: number;
  height: number;
  items: PreviewItem[];
}

// Character cells in dots, and where the 5 x 9 glyph box sits inside them.
const FONTS = {
  A: { cellW: 12, cellH: 24, boxX: 1, boxY: 2, boxW: 10, boxH: 18 },
  B: { cellW: 9, cellH: 17, boxX: 1, boxY: 1, boxW: 7, boxH: 14 },
  C: { cellW: 9, cellH: 17, boxX: 1, boxY: 1, boxW: 7, boxH: 14 },
} as const;
const DEFAULT_LINE_SPACING = 30;
const TOP_MARGIN = 12;

interface CharCell {
  ch: string;
  w: number;
  h: number;
  bold: boolean;
  underline: number;
  reverse: boolean;
  font: keyof typeof FONTS;
}

/** Interprets ESC/POS bytes and draws them; also returns where each line and image landed (for tests and UIs). */
export function renderPreview(bytes: Uint8Array, opts: { paper?: PaperWidth } = {}): Preview {
  const width = PAPER_GEOMETRY[opts.paper ?? 80]?.dots ?? PAPER_GEOMETRY[80].dots;
  const canvas = new Canvas(width);
  const items: PreviewItem[] = [];
  const fresh = () => ({
    align: 'left' as 'left' | 'center' | 'right',
    w: 1,
    h: 1,
    bold: false,
    underline: 0,
    reverse: false,
    font: 'A' as keyof typeof FONTS,
    spacing: DEFAULT_LINE_SPACING,
  });
  let st = fresh();
  let y = TOP_MARGIN;
  let line: CharCell[] = [];
  let lineWidth = 0;

  const alignX = (w: number): number => (st.align === 'center' ? Math.floor((width - w) / 2) : st.align === 'right' ? width - w : 0);

  const drawChar = (c: CharCell, x: number, top: number): void => {
    const f = FONTS[c.font];
    const cw = f.cellW * c.w;
    const ch = f.cellH * c.h;
    if (c.reverse) canvas.fill(x, top, cw, ch, true);
    const g = glyph(c.ch);
    const bw = f.boxW * c.w;
    const bh = f.boxH * c.h;
    for (let gy = 0; gy < GLYPH_H; gy++) {
      const row = g[gy] ?? 0;
      if (!row) continue;
      const y0 = top + f.boxY * c.h + Math.floor((gy * bh) / GLYPH_H);
      const y1 = top + f.boxY * c.h + Math.floor(((gy + 1) * bh) / GLYPH_H);
      for (let gx = 0; gx < GLYPH_W; gx++) {
        if (!(row & (1 << (GLYPH_W - 1 - gx)))) continue;
        const x0 = x + f.boxX * c.w + Math.floor((gx * bw) / GLYPH_W);
        const x1 = x + f.boxX * c.w + Math.floor(((gx + 1) * bw) / GLYPH_W);
        canvas.fill(x0, y0, x1 - x0 + (c.bold ? c.w : 0), y1 - y0, !c.reverse);
      }
    }
    if (c.underline) canvas.fill(x, top + ch - c.underline * c.h, cw, c.underline * c.h, !c.reverse);
  };

  const flushLine = (): void => {
    if (line.length === 0) {
      y += st.spacing;
      return;
    }
    const height = Math.max(...line.map((c) => FONTS[c.font].cellH * c.h));
    let x = alignX(lineWidth);
    const left = x;
    for (const c of line) {
      const f = FONTS[c.font];
      drawChar(c, x, y + height - f.cellH * c.h);
      x += f.cellW * c.w;
    }
    const tallest = line.reduce((a, c) => (c.h > a.h ? c : a));
    items.push({ kind: 'text', text: line.map((c) => c.ch).join(''), x: left, y, width: lineWidth, height, scale: { width: tallest.w, height: tallest.h } });
    y += Math.max(st.spacing, height);
    line = [];
    lineWidth = 0;
  };

  const addText = (text: string): void => {
    for (const ch of text) {
      const cw = FONTS[st.font].cellW * st.w;
      if (lineWidth + cw > width && line.length > 0) flushLine(); // the printer wraps at the right edge
      line.push({ ch, w: st.w, h: st.h, bold: st.bold, underline: st.underline, reverse: st.reverse, font: st.font });
      lineWidth += cw;
    }
  };

  const drawBits = (kind: 'qr' | 'raster', w: number, h: number, dot: (x: number, y: number) => boolean, sx: number, sy: number, text?: string): void => {
    if (line.length > 0) flushLine();
    const x0 = alignX(w * sx);
    for (let yy = 0; yy < h; yy++) for (let xx = 0; xx < w; xx++) if (dot(xx, yy)) canvas.fill(x0 + xx * sx, y + yy * sy, sx, sy);
    items.push({ kind, text, x: x0, y, width: w * sx, height: h * sy });
    y += h * sy;
  };

  for (const op of decodeEscPos(bytes) as DecodedOp[]) {
    if (y >= MAX_PREVIEW_HEIGHT) break;
    switch (op.op) {
      case 'init':
        st = fresh();
        break;
      case 'align':
        st.align = op.align;
        break;
      case 'size':
        st.w = op.width;
        st.h = op.height;
        break;
      case 'mode':
        st.w = op.doubleWidth ? 2 : 1;
        st.h = op.doubleHeight ? 2 : 1;
        st.bold = op.bold;
        st.underline = op.underline ? 1 : 0;
        st.font = op.fontB ? 'B' : 'A';
        break;
      case 'bold':
        st.bold = op.on;
        break;
      case 'underline':
        st.underline = Math.min(2, op.dots);
        break;
      case 'reverse':
        st.reverse = op.on;
        break;
      case 'font':
        st.font = op.font;
        break;
      case 'lineSpacing':
        st.spacing = op.dots ?? DEFAULT_LINE_SPACING;
        break;
      case 'text':
        addText(op.text);
        break;
      case 'lf':
        flushLine();
        break;
      case 'feed': {
        const total = op.lines !== undefined ? op.lines * st.spacing : (op.dots ?? 0);
        if (line.length > 0) {
          flushLine();
          y += Math.max(0, total - st.spacing);
        } else y += total;
        break;
      }
      case 'raster': {
        const sx = op.mode & 1 ? 2 : 1;
        const sy = op.mode & 2 ? 2 : 1;
        drawBits('raster', op.width, op.height, (x, yy) => ((op.data[yy * op.widthBytes + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0, sx, sy);
        break;
      }
      case 'qr': {
        if (!op.data) break;
        const m = qrMatrix(op.data, op.ec);
        const s = Math.max(1, Math.min(16, op.size));
        drawBits('qr', m.size, m.size, (x, yy) => m.modules[yy * m.size + x] === 1, s, s, op.data);
        break;
      }
      case 'cut': {
        if (line.length > 0) flushLine();
        y += 10;
        for (let x = 0; x < width; x += 12) canvas.fill(x, y, 6, 2);
        items.push({ kind: 'cut', x: 0, y, width, height: 2 });
        y += 14;
        break;
      }
      default:
        break;
    }
  }
  if (line.length > 0) flushLine();
  const height = Math.min(MAX_PREVIEW_HEIGHT, y + TOP_MARGIN);
  return { png: canvas.toPng(height), width, height, items };
}

/** Draws ESC/POS bytes as a receipt PNG (384 dots wide for 58 mm, 576 for 80 mm) so staff can see a ticket without paper. */
export function renderPreviewPng(bytes: Uint8Array, opts: { paper?: PaperWidth } = {}): Buffer {
  return renderPreview(bytes, opts).png;
}
