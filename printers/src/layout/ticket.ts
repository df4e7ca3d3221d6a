// Ticket layout: a pure function from TicketPrintData to ESC/POS bytes for 58 mm and 80 mm printers.
import { createRequire } from 'node:module';
import type EscposModule from 'escpos';
import type { PaperWidth, QrMode, TicketPrintData } from '../types.js';
import { CODE_PAGE_PC437, encodePc437, toPrintable } from '../text/codepage.js';
import { dateCandidates, formatAhead, formatTime, formatWait, zonedParts } from '../text/format.js';
import { wrapHanging, wrapText } from '../text/wrap.js';
import { bold, internationalCharset, nativeQr } from './commands.js';
import { qrMatrix, qrModuleDots, qrPixels } from './qr-matrix.js';

/** Columns of font A (12 x 24 dots) and printable dots per paper width (203 dpi heads). */
export const PAPER_GEOMETRY: Record<PaperWidth, { cols: number; dots: number }> = {
  58: { cols: 32, dots: 384 },
  80: { cols: 48, dots: 576 },
};

/** GS ! caps at 8x; the number gets the largest multiplier that keeps it on one line. */
export function numberMultiplier(number: string, cols: number): number {
  return Math.max(1, Math.min(8, Math.floor(cols / Math.max(1, number.length))));
}

// escpos' Printer is used as a command builder only; its buffer is taken with flush() and never sent.
const BUILD_ONLY_ADAPTER = { write: () => undefined, close: () => undefined };

/**
 * escpos, loaded when the first ticket is laid out: its index loads get-pixels and with it the
 * deprecated `request` (about 120 ms of every process start) for image files, which Antre never
 * reads (the QR is drawn from our own pixels).
 */
const requireHere = createRequire(import.meta.url);
let escposModule: typeof EscposModule | null = null;
function escpos(): typeof EscposModule {
  return (escposModule ??= requireHere('escpos') as typeof EscposModule);
}

/** QR payloads must be plain ASCII for the printer's byte mode, so anything else is percent-encoded. */
function asciiUrl(url: string): string {
  return url.trim().replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c));
}

const LABEL_WIDTH = 'Estimasi'.length; // longest label, so every colon lines up

function pickFitting(candidates: string[], room: number): string {
  return candidates.find((c) => c.length <= room) ?? candidates[candidates.length - 1] ?? '';
}

/** Label/value rows with aligned colons; each value picks its longest form that fits, else wraps under itself. */
function labelRows(rows: Array<[string, string[]]>, cols: number, width: number): string[] {
  return rows.flatMap(([label, values]) => {
    const prefix = `${label.padEnd(width)} : `;
    return wrapHanging(prefix, pickFitting(values, cols - prefix.length), cols);
  });
}

/** Renders one queue ticket as ESC/POS bytes; pure (no I/O) so it can run anywhere and be tested by decoding. */
export function renderTicket(data: TicketPrintData, opts: { paper: PaperWidth; qr: QrMode }): Buffer {
  const geometry = PAPER_GEOMETRY[opts.paper];
  if (!geometry) throw new RangeError(`paper must be 58 or 80 (mm), got ${String(opts.paper)}`);
  const { cols, dots } = geometry;
  const p = new (escpos().Printer)(BUILD_ONLY_ADAPTER);
  const clean = (s: string | undefined): string => toPrintable(s ?? '').trim();
  const print = (lines: string[]): void => {
    for (const line of lines) p.print(encodePc437(line)).print('\n');
  };
  const rule = (): void => print(['-'.repeat(cols)]);

  p.hardware('init'); // ESC @
  p.setCharacterCodeTable(CODE_PAGE_PC437); // ESC t 0
  p.raw(internationalCharset(0)); // ESC R 0
  p.font('a'); // ESC M 0
  p.align('ct');

  // Venue header: double height everywhere, double width too when the paper is wide enough.
  const headerWidth = cols >= 48 ? 2 : 1;
  p.raw(bold(true)).size(headerWidth - 1, 1);
  print(wrapText(clean(data.venueName).toUpperCase(), Math.floor(cols / headerWidth)));
  p.size(0, 0).raw(bold(false));
  print(wrapText(clean(data.venueSubtitle), cols));
  rule();

  p.raw(bold(true));
  print(wrapText(clean(data.agencyName), cols));
  p.raw(bold(false));
  print(wrapText(clean(data.serviceName), cols));
  p.feed(1);

  // A test print says so where the number would be, in reverse, so it can never pass for a ticket.
  if (data.specimen) {
    p.raw(bold(true)).setReverseColors(true);
    print([centre('CONTOH / TEST', cols), centre('BUKAN TIKET ANTREAN', cols), centre('NOT A QUEUE TICKET', cols)]);
    p.setReverseColors(false);
  } else print(['NOMOR ANTREAN']);
  const number = data.specimen ? 'CONTOH' : clean(data.number).replace(/\s+/g, ' ');
  const mult = numberMultiplier(number, cols);
  p.raw(bold(true)).size(mult - 1, mult - 1);
  print(number.length <= cols ? [number] : wrapText(number, cols));
  p.size(0, 0).raw(bold(false));

  const priority = data.specimen ? '' : clean(data.priorityLabel);
  if (priority) {
    p.raw(bold(true)).setReverseColors(true);
    print(wrapText(priority, cols - 2).map((l) => ` ${l} `));
    p.setReverseColors(false).raw(bold(false));
  }
  p.feed(1);

  p.raw(bold(true));
  print(wrapText(clean(data.floorLabel), cols));
  p.raw(bold(false));
  print(wrapText(clean(data.waitingArea), cols));
  rule();

  const when = zonedParts(data.issuedAt, data.timeZone);
  p.align('lt');
  print(
    labelRows(
      [
        ['Tanggal', dateCandidates(when)],
        ['Jam', [formatTime(when)]],
        ['Di depan', [formatAhead(data.ahead)]],
        ['Estimasi', [toPrintable(formatWait(data.estimatedWaitMinutes))]],
        // Taken before the officer opened the counter: when service starts.
        ...(data.serviceStartsAt && data.serviceStartsAt > data.issuedAt
          ? [['Mulai', [`${formatTime(zonedParts(data.serviceStartsAt, data.timeZone))}`]] as [string, string[]]]
          : []),
      ],
      cols,
      LABEL_WIDTH,
    ),
  );
  rule();

  const requirements = data.requirements.map(clean).filter((r) => r.length > 0);
  if (requirements.length > 0) {
    p.raw(bold(true));
    print(['Persyaratan:']);
    p.raw(bold(false));
    print(requirements.flatMap((r) => wrapHanging('- ', r, cols)));
  }
  p.raw(bold(true));
  print(labelRows([['Biaya', [clean(data.fee) || '-']]], cols, LABEL_WIDTH));
  p.raw(bold(false));

  // QR to the visitor's live ticket page: Epson native GS ( k, or a GS v 0 raster for printers without it.
  p.align('ct').feed(1);
  if (data.specimen) {
    // No QR on a test print: a scannable code would lead a visitor to a ticket that does not exist.
    print(['[ CONTOH: TANPA KODE QR ]']);
  } else {
    const url = asciiUrl(data.qrUrl);
    const matrix = qrMatrix(url, 'M');
    const moduleDots = qrModuleDots(matrix.size, dots);
    if (opts.qr === 'native') p.raw(nativeQr(url, { model: 2, size: moduleDots, ec: 'M' }));
    else p.raster(new (escpos().Image)(qrPixels(matrix, moduleDots)), 'normal');
    p.feed(1);
    print(wrapText('Pindai kode QR untuk memantau antrean Anda', cols));
  }

  const footer = clean(data.footer);
  if (footer) {
    p.feed(1);
    print(footer.split('\n').flatMap((l) => wrapText(l, cols)));
  }
  p.align('lt');
  p.cut(true, 4); // feeds 4 lines past the print head to the cutter, then GS V 1 (partial cut)
  return p.buffer.flush();
}

/** A line centred by spaces (reverse print shows the padding as a solid band). */
function centre(text: string, cols: number): string {
  const t = text.slice(0, cols);
  const left = Math.floor((cols - t.length) / 2);
  return ' '.repeat(left) + t + ' '.repeat(cols - t.length - left);
}
