// QR symbol generation shared by the raster fallback (ticket layout) and the preview renderer.
import QRCode from 'qrcode';
import type { QrErrorCorrection } from './commands.js';

export interface QrMatrix {
  /** Modules per side. */
  size: number;
  /** Row-major, 1 = dark module. */
  modules: Uint8Array;
}

/** Builds the QR module grid for `data` (byte mode, like the printer's native QR), so raster and preview match. */
export function qrMatrix(data: string, ec: QrErrorCorrection): QrMatrix {
  const code = QRCode.create(data.length > 0 ? data : ' ', { errorCorrectionLevel: ec });
  const size = code.modules.size;
  const modules = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) modules[y * size + x] = code.modules.get(y, x) ? 1 : 0;
  return { size, modules };
}

/** Module size in dots so the symbol takes about half the paper width: big enough to scan, small enough to save paper. */
export function qrModuleDots(modules: number, paperDots: number): number {
  return Math.max(3, Math.min(8, Math.floor((paperDots * 0.55) / modules)));
}

/** Expands the QR grid to RGBA pixels (`scale` dots per module) in the shape escpos.Image expects. */
export function qrPixels(m: QrMatrix, scale: number): { data: Uint8Array; shape: [number, number, number] } {
  const dots = m.size * scale;
  const data = new Uint8Array(dots * dots * 4).fill(255);
  for (let y = 0; y < dots; y++) {
    const row = Math.floor(y / scale) * m.size;
    for (let x = 0; x < dots; x++) {
      if (!m.modules[row + Math.floor(x / scale)]) continue;
      const i = (y * dots + x) * 4;
      data[i] = 0;
      data[i + 1] = 0;
      data[i + 2] = 0;
    }
  }
  return { data, shape: [dots, dots, 4] };
}
