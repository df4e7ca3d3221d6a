// Raw ESC/POS commands that the `escpos` package gets wrong or lacks, written from the Epson ESC/POS reference.

export const ESC = 0x1b;
export const GS = 0x1d;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;

export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';
const EC_BYTE: Record<QrErrorCorrection, number> = { L: 48, M: 49, Q: 50, H: 51 };

/** ESC E n (emphasis); written raw because escpos' style() also sends ESC 4/ESC 5, which Epson TM printers do not define. */
export function bold(on: boolean): Buffer {
  return Buffer.from([ESC, 0x45, on ? 1 : 0]);
}

/** ESC R n (international character set); escpos has no call for it. 0 = USA keeps # $ @ [ ] as in ASCII. */
export function internationalCharset(n: number): Buffer {
  return Buffer.from([ESC, 0x52, n & 0xff]);
}

/** GS ( k header: pL pH count the bytes after them (cn, fn and parameters). */
function gsParenK(cn: number, fn: number, params: Buffer): Buffer {
  const len = params.length + 2;
  return Buffer.concat([Buffer.from([GS, 0x28, 0x6b, len & 0xff, (len >> 8) & 0xff, cn, fn]), params]);
}

export interface NativeQrOptions {
  model?: 1 | 2;
  /** Module size in dots, 1..16 (Function 167). */
  size: number;
  ec: QrErrorCorrection;
}

/**
 * Epson native QR (GS ( k, cn = 49): Function 165 model, 167 module size, 169 error correction, 180 store, 181 print.
 * Written raw because escpos' qrcode() sends GS Z / ESC Z, which Epson printers do not understand.
 */
export function nativeQr(data: string, opts: NativeQrOptions): Buffer {
  const payload = Buffer.from(data, 'latin1');
  if (payload.length + 3 > 7092) throw new RangeError(`QR data too long for GS ( k: ${payload.length} bytes`);
  const model = opts.model === 1 ? 49 : 50;
  const size = Math.min(16, Math.max(1, Math.round(opts.size)));
  return Buffer.concat([
    gsParenK(49, 65, Buffer.from([model, 0])), // Function 165: select model (n1 = 49/50, n2 = 0)
    gsParenK(49, 67, Buffer.from([size])), // Function 167: module size in dots
    gsParenK(49, 69, Buffer.from([EC_BYTE[opts.ec]])), // Function 169: error correction L/M/Q/H = 48..51
    gsParenK(49, 80, Buffer.concat([Buffer.from([48]), payload])), // Function 180: store data, m = 48
    gsParenK(49, 81, Buffer.from([48])), // Function 181: print the stored symbol, m = 48
  ]);
}

/** DLE EOT n real-time status request (n = 1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor). */
export function statusRequest(n: 1 | 2 | 3 | 4): Buffer {
  return Buffer.from([DLE, EOT, n]);
}
