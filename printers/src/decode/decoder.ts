// A small ESC/POS decoder (Epson reference layouts) used by tests, the preview renderer and the virtual printer.
import { CODE_PAGE_PC437, decodeCodePage } from '../text/codepage.js';

export type QrEc = 'L' | 'M' | 'Q' | 'H';

export type DecodedOpBody =
  | { op: 'init' }
  | { op: 'codepage'; page: number }
  | { op: 'charset'; n: number }
  | { op: 'font'; font: 'A' | 'B' | 'C' }
  | { op: 'align'; align: 'left' | 'center' | 'right' }
  | { op: 'size'; width: number; height: number }
  | { op: 'mode'; fontB: boolean; bold: boolean; doubleHeight: boolean; doubleWidth: boolean; underline: boolean }
  | { op: 'bold'; on: boolean }
  | { op: 'underline'; dots: number }
  | { op: 'reverse'; on: boolean }
  | { op: 'lineSpacing'; dots: number | null }
  | { op: 'text'; text: string }
  | { op: 'lf' }
  | { op: 'feed'; lines?: number; dots?: number }
  | { op: 'qrSetup'; fn: 165 | 167 | 169 | 180; value: number | string }
  | { op: 'qr'; model: number; size: number; ec: QrEc; data: string }
  | { op: 'raster'; mode: number; widthBytes: number; width: number; height: number; data: Buffer }
  | { op: 'cut'; partial: boolean; feed?: number }
  | { op: 'status'; n: number; kind: 'printer' | 'offline' | 'error' | 'paper' | 'other' }
  | { op: 'unknown'; bytes: Buffer };

/** One decoded command with where it sits in the byte stream. */
export type DecodedOp = DecodedOpBody & { offset: number; length: number };

export interface DecoderState {
  codepage: number;
  qr: { model: number; size: number; ec: QrEc; data: string | null };
}

/** Fresh decoder state, as after power-on (PC437, QR model 2, module size 3, EC level L). */
export function initialDecoderState(): DecoderState {
  return { codepage: CODE_PAGE_PC437, qr: { model: 2, size: 3, ec: 'L', data: null } };
}

const EC_LEVELS: QrEc[] = ['L', 'M', 'Q', 'H'];
const STATUS_KIND = { 1: 'printer', 2: 'offline', 3: 'error', 4: 'paper' } as const;

// ESC / GS / FS commands with a fixed total length (prefix byte included) that the decoder only needs to skip.
const ESC_FIXED: Record<string, number> = {
  ' ': 3,
  '=': 3,
  '?': 3,
  '%': 3,
  U: 3,
  V: 3,
  '{': 3,
  r: 3,
  T: 3,
  e: 3,
  u: 3,
  L: 2,
  S: 2,
  '4': 2,
  '5': 2,
  i: 2,
  m: 2,
  v: 2,
  '<': 2,
  $: 4,
  '\\': 4,
  B: 4,
  p: 5,
  c: 4,
  W: 10,
};
const GS_FIXED: Record<string, number> = {
  H: 3,
  f: 3,
  h: 3,
  w: 3,
  a: 3,
  r: 3,
  I: 3,
  b: 3,
  T: 3,
  '/': 3,
  Z: 3,
  j: 3,
  E: 3,
  P: 4,
  L: 4,
  W: 4,
  $: 4,
  '\\': 4,
  '^': 5,
  ':': 2,
};
const FS_FIXED: Record<string, number> = { p: 4, '&': 2, '.': 2, C: 3, '!': 3, '-': 3, S: 4, W: 3 };

function on(n: number): boolean {
  return (n & 1) === 1;
}

/**
 * Decodes the command at `i`, updating `st` (code page, QR settings). Returns null when the buffer ends
 * inside the command, so a streaming reader can wait for more bytes.
 */
export function decodeAt(buf: Uint8Array, i: number, st: DecoderState): DecodedOp | null {
  const b = buf[i]!;
  const avail = buf.length - i;
  const at = (k: number): number => buf[i + k] ?? 0;
  const op = (length: number, body: DecodedOpBody): DecodedOp | null => (length > avail ? null : ({ ...body, offset: i, length } as DecodedOp));
  const skip = (length: number): DecodedOp | null => op(length, { op: 'unknown', bytes: Buffer.from(buf.subarray(i, i + length)) });

  if (b >= 0x20 && b !== 0x7f) {
    let j = i;
    while (j < buf.length && buf[j]! >= 0x20 && buf[j] !== 0x7f) j++;
    return op(j - i, { op: 'text', text: decodeCodePage(buf.subarray(i, j), st.codepage) });
  }
  if (b === 0x0a) return op(1, { op: 'lf' });
  if (b === 0x10) {
    if (avail < 2) return null;
    if (at(1) === 0x04) {
      const n = at(2);
      return op(3, { op: 'status', n, kind: STATUS_KIND[n as 1 | 2 | 3 | 4] ?? 'other' });
    }
    if (at(1) === 0x05) return skip(3);
    if (at(1) === 0x14) return skip(5);
    return skip(1);
  }
  if (b === 0x1b) {
    if (avail < 2) return null;
    const c = String.fromCharCode(at(1));
    const n = at(2);
    switch (c) {
      case '@':
        Object.assign(st, initialDecoderState());
        return op(2, { op: 'init' });
      case 't':
        st.codepage = avail >= 3 ? n : st.codepage;
        return op(3, { op: 'codepage', page: n });
      case 'R':
        return op(3, { op: 'charset', n });
      case 'M':
        return op(3, { op: 'font', font: (['A', 'B', 'C'] as const)[n % 48] ?? 'A' });
      case 'a':
        return op(3, { op: 'align', align: (['left', 'center', 'right'] as const)[n % 48] ?? 'left' });
      case 'E':
      case 'G':
        return op(3, { op: 'bold', on: on(n) });
      case '-':
        return op(3, { op: 'underline', dots: n % 48 });
      case '!':
        return op(3, { op: 'mode', fontB: on(n), bold: (n & 8) !== 0, doubleHeight: (n & 16) !== 0, doubleWidth: (n & 32) !== 0, underline: (n & 128) !== 0 });
      case '2':
        return op(2, { op: 'lineSpacing', dots: null });
      case '3':
        return op(3, { op: 'lineSpacing', dots: n });
      case 'd':
        return op(3, { op: 'feed', lines: n });
      case 'J':
        return op(3, { op: 'feed', dots: n });
      case 'D': {
        let j = i + 2;
        while (j < buf.length && buf[j] !== 0 && j - i < 34) j++;
        return j >= buf.length ? null : skip(j - i + 1);
      }
      case '*': {
        const cols = at(3) + at(4) * 256;
        return avail < 5 ? null : skip(5 + cols * (n === 32 || n === 33 ? 3 : 1));
      }
      default:
        return skip(ESC_FIXED[c] ?? 2);
    }
  }
  if (b === 0x1d) {
    if (avail < 2) return null;
    const c = String.fromCharCode(at(1));
    const n = at(2);
    switch (c) {
      case '!':
        return op(3, { op: 'size', width: ((n >> 4) & 7) + 1, height: (n & 7) + 1 });
      case 'B':
        return op(3, { op: 'reverse', on: on(n) });
      case 'V': {
        if (avail < 3) return null;
        const partial = n === 1 || n === 49 || n === 66 || n === 98 || n === 104;
        if (n >= 65) return op(4, { op: 'cut', partial, feed: at(3) });
        return op(3, { op: 'cut', partial });
      }
      case 'v': {
        if (avail < 8) return null;
        const widthBytes = at(4) + at(5) * 256;
        const height = at(6) + at(7) * 256;
        const length = 8 + widthBytes * height;
        if (length > avail) return null;
        const data = Buffer.from(buf.subarray(i + 8, i + length));
        return op(length, { op: 'raster', mode: at(3) % 48, widthBytes, width: widthBytes * 8, height, data });
      }
      case '(': {
        if (avail < 5) return null;
        const length = 5 + at(3) + at(4) * 256;
        if (length > avail) return null;
        if (n === 0x6b && at(5) === 49) return decodeQr(buf, i, length, st);
        return skip(length);
      }
      case '8': {
        if (avail < 7) return null;
        return skip(7 + at(3) + at(4) * 256 + at(5) * 65536 + at(6) * 16777216);
      }
      case 'k': {
        if (avail < 3) return null;
        if (n >= 65) return avail < 4 ? null : skip(4 + at(3));
        let j = i + 3;
        while (j < buf.length && buf[j] !== 0) j++;
        return j >= buf.length ? null : skip(j - i + 1);
      }
      case '*':
        return avail < 4 ? null : skip(4 + at(2) * at(3) * 8);
      default:
        return skip(GS_FIXED[c] ?? 2);
    }
  }
  if (b === 0x1c) {
    if (avail < 2) return null;
    const c = String.fromCharCode(at(1));
    if (c === '(') return avail < 5 ? null : skip(5 + at(3) + at(4) * 256);
    return skip(FS_FIXED[c] ?? 2);
  }
  return skip(1);
}

/** GS ( k with cn = 49 (QR Code): Functions 165/167/169/180 set up, 181 prints, per the Epson reference. */
function decodeQr(buf: Uint8Array, i: number, length: number, st: DecoderState): DecodedOp {
  const fn = buf[i + 6] ?? 0;
  const p = (k: number): number => buf[i + 7 + k] ?? 0;
  const base = { offset: i, length };
  switch (fn) {
    case 65:
      st.qr.model = p(0) === 49 ? 1 : p(0) === 51 ? 3 : 2;
      return { ...base, op: 'qrSetup', fn: 165, value: st.qr.model };
    case 67:
      st.qr.size = p(0);
      return { ...base, op: 'qrSetup', fn: 167, value: p(0) };
    case 69:
      st.qr.ec = EC_LEVELS[p(0) - 48] ?? st.qr.ec;
      return { ...base, op: 'qrSetup', fn: 169, value: st.qr.ec };
    case 80:
      st.qr.data = Buffer.from(buf.subarray(i + 8, i + length)).toString('latin1');
      return { ...base, op: 'qrSetup', fn: 180, value: st.qr.data };
    case 81:
      return { ...base, op: 'qr', model: st.qr.model, size: st.qr.size, ec: st.qr.ec, data: st.qr.data ?? '' };
    default:
      return { ...base, op: 'unknown', bytes: Buffer.from(buf.subarray(i, i + length)) };
  }
}

/** Decodes a whole ESC/POS byte stream into commands; a truncated tail comes back as one 'unknown' op. */
export function decodeEscPos(bytes: Uint8Array): DecodedOp[] {
  const st = initialDecoderState();
  const ops: DecodedOp[] = [];
  let i = 0;
  while (i < bytes.length) {
    const next = decodeAt(bytes, i, st);
    if (!next) {
      ops.push({ op: 'unknown', bytes: Buffer.from(bytes.subarray(i)), offset: i, length: bytes.length - i });
      break;
    }
    ops.push(next);
    i += next.length;
  }
  return ops;
}

/** The printed text as lines (LF-separated), for tests and the virtual printer's job log. */
export function textLines(ops: DecodedOp[]): string[] {
  const lines: string[] = [];
  let current = '';
  for (const o of ops) {
    if (o.op === 'text') current += o.text;
    else if (o.op === 'lf' || (o.op === 'feed' && o.lines)) {
      lines.push(current);
      current = '';
    }
  }
  if (current) lines.push(current);
  return lines;
}
