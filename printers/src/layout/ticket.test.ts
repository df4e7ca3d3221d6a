import { describe, expect, it } from 'vitest';
import { decodeEscPos, type DecodedOp } from '../decode/decoder.js';
import { sampleTicket } from '../sample.js';
import { qrMatrix } from './qr-matrix.js';
import { numberMultiplier, PAPER_GEOMETRY, renderTicket } from './ticket.js';

interface Line {
  text: string;
  align: string;
  width: number;
  height: number;
  bold: boolean;
  reverse: boolean;
  index: number; // op index of the line's first text
}

/** Replays the decoded ops and collects each printed line with the style it was printed in. */
function printedLines(ops: DecodedOp[]): Line[] {
  const st = { align: 'left', width: 1, height: 1, bold: false, reverse: false };
  const lines: Line[] = [];
  let current: Line | undefined;
  ops.forEach((o, index) => {
    if (o.op === 'align') st.align = o.align;
    else if (o.op === 'size') Object.assign(st, { width: o.width, height: o.height });
    else if (o.op === 'bold') st.bold = o.on;
    else if (o.op === 'reverse') st.reverse = o.on;
    else if (o.op === 'text') {
      current ??= { text: '', ...st, index };
      current.text += o.text;
    } else if (o.op === 'lf' && current) {
      lines.push(current);
      current = undefined;
    }
  });
  return lines;
}

const PAPERS = [58, 80] as const;

describe.each(PAPERS)('renderTicket on %i mm paper', (paper) => {
  const { cols } = PAPER_GEOMETRY[paper];
  const data = sampleTicket();
  const bytes = renderTicket(data, { paper, qr: 'native' });
  const ops = decodeEscPos(bytes);
  const lines = printedLines(ops);
  const find = (re: RegExp): Line | undefined => lines.find((l) => re.test(l.text));

  it('starts with ESC @ and selects PC437 before any text', () => {
    expect(ops[0]!.op).toBe('init');
    const cp = ops.findIndex((o) => o.op === 'codepage');
    expect(ops[cp]).toMatchObject({ page: 0 });
    expect(cp).toBeLessThan(ops.findIndex((o) => o.op === 'text'));
    expect(ops.some((o) => o.op === 'unknown')).toBe(false);
  });

  it('prints the number huge, bold and centred on a single line', () => {
    const num = lines.find((l) => l.text === 'A-007');
    expect(num).toBeDefined();
    const mult = numberMultiplier('A-007', cols);
    expect(mult).toBeGreaterThanOrEqual(6);
    expect(num).toMatchObject({ width: mult, height: mult, bold: true, align: 'center' });
    expect(num!.text.length * num!.width).toBeLessThanOrEqual(cols);
    // the size returns to normal right after the number
    expect(lines[lines.indexOf(num!) + 1]).toMatchObject({ width: 1, height: 1 });
  });

  it('prints venue, agency, service, priority, floor and waiting area before the details', () => {
    const venue = find(/^MPP KABUPATEN LUWU$/);
    expect(venue).toMatchObject({ bold: true, height: 2, align: 'center' });
    expect(find(/^Gedung Simpurusiang, Belopa$/)).toBeDefined();
    const all = lines.map((l) => l.text).join('\n');
    expect(all.replace(/\n/g, ' ')).toContain('Dinas Kependudukan dan Pencatatan Sipil');
    expect(find(/^Perekaman dan Pencetakan KTP-el$/)).toBeDefined();
    expect(find(/Prioritas: Lansia/)).toMatchObject({ reverse: true, bold: true });
    expect(find(/^Lantai 1$/)).toMatchObject({ bold: true });
    expect(find(/^Ruang tunggu A, dekat loket 1-3$/)).toBeDefined();
    const order = [/^MPP/, /^A-007$/, /Lansia/, /^Lantai 1$/, /^Tanggal/].map((re) => lines.findIndex((l) => re.test(l.text)));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('prints WITA date/time, people ahead, wait estimate, requirements and fee', () => {
    expect(find(/^Tanggal\s+: Sabtu, 28 Nov/)).toBeDefined();
    expect(find(/^Jam\s+: 09\.41 WITA$/)).toBeDefined();
    expect(find(/^Di depan\s+: 12 orang$/)).toBeDefined();
    expect(find(/^Estimasi\s+: ± 35 menit$/)).toBeDefined();
    expect(find(/^Persyaratan:$/)).toBeDefined();
    expect(find(/^- Fotokopi Kartu Keluarga \(KK\)$/)).toBeDefined();
    expect(find(/^Biaya\s+: Gratis$/)).toMatchObject({ bold: true });
  });

  it('keeps every line within the paper width', () => {
    for (const l of lines) expect(l.text.length * l.width, l.text).toBeLessThanOrEqual(cols);
  });

  it('prints a native Epson QR (model 2) with the live ticket URL after the details', () => {
    const qrs = ops.filter((o) => o.op === 'qr');
    expect(qrs).toHaveLength(1);
    expect(qrs[0]).toMatchObject({ model: 2, ec: 'M', data: data.qrUrl });
    const qrIndex = ops.indexOf(qrs[0]!);
    const setup = ops.slice(qrIndex - 4, qrIndex).map((o) => (o.op === 'qrSetup' ? o.fn : o.op));
    expect(setup).toEqual([165, 167, 169, 180]);
    expect(lines.findIndex((l) => /^Biaya/.test(l.text))).toBeLessThan(lines.findIndex((l) => l.index > qrIndex));
    expect(
      ops
        .slice(0, qrIndex)
        .filter((o) => o.op === 'align')
        .at(-1),
    ).toMatchObject({ align: 'center' });
  });

  it('ends with the footer, a feed and a cut', () => {
    const cutIndex = ops.findIndex((o) => o.op === 'cut');
    expect(cutIndex).toBe(ops.length - 1);
    const lastText = lines.at(-1)!;
    expect(lastText.text).toMatch(/dipanggil\.$/);
    const feeds = ops.slice(lastText.index, cutIndex).filter((o) => o.op === 'lf').length;
    expect(feeds).toBeGreaterThanOrEqual(4);
  });

  it('can print the QR as a GS v 0 raster image that scans to the same URL', () => {
    const rasterOps = decodeEscPos(renderTicket(data, { paper, qr: 'raster' }));
    expect(rasterOps.some((o) => o.op === 'qr')).toBe(false);
    const raster = rasterOps.find((o) => o.op === 'raster');
    if (raster?.op !== 'raster') throw new Error('no raster op');
    const m = qrMatrix(data.qrUrl, 'M');
    const scale = Math.floor(raster.height / m.size);
    expect(raster.height).toBe(m.size * scale);
    expect(raster.height).toBeLessThanOrEqual(PAPER_GEOMETRY[paper].dots);
    // sample the centre of every module and compare with the QR matrix
    for (let my = 0; my < m.size; my++) {
      for (let mx = 0; mx < m.size; mx++) {
        const x = mx * scale + (scale >> 1);
        const y = my * scale + (scale >> 1);
        const dot = ((raster.data[y * raster.widthBytes + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
        expect(dot).toBe(m.modules[my * m.size + mx]);
      }
    }
  });
});

describe('renderTicket edge cases', () => {
  it('never splits a long ticket number: it shrinks the size instead', () => {
    const ops = decodeEscPos(renderTicket(sampleTicket({ number: 'PRIO-DISDUKCAPIL-0123' }), { paper: 58, qr: 'native' }));
    const lines = printedLines(ops);
    const num = lines.find((l) => l.text === 'PRIO-DISDUKCAPIL-0123');
    expect(num).toMatchObject({ width: 1, height: 1, bold: true });
  });

  it('transliterates, strips control bytes and handles missing optional parts', () => {
    const bytes = renderTicket(
      sampleTicket({
        serviceName: 'Izin “Usaha” – NIB…',
        agencyName: 'DPMPTSP\x1b@\x1dV',
        priorityLabel: undefined,
        footer: undefined,
        estimatedWaitMinutes: null,
        ahead: 0,
        requirements: [],
      }),
      { paper: 80, qr: 'native' },
    );
    const ops = decodeEscPos(bytes);
    expect(ops.filter((o) => o.op === 'init')).toHaveLength(1);
    expect(ops.filter((o) => o.op === 'cut')).toHaveLength(1);
    const text = printedLines(ops).map((l) => l.text);
    expect(text).toContain('Izin "Usaha" - NIB...');
    expect(text).toContain('DPMPTSP@V');
    expect(text.some((t) => /Prioritas|Persyaratan/.test(t))).toBe(false);
    expect(text.some((t) => /Estimasi\s+: belum tersedia/.test(t))).toBe(true);
    expect(text.some((t) => /Di depan\s+: Anda berikutnya/.test(t))).toBe(true);
  });

  it('is pure: the same input gives the same bytes', () => {
    const a = renderTicket(sampleTicket(), { paper: 58, qr: 'raster' });
    const b = renderTicket(sampleTicket(), { paper: 58, qr: 'raster' });
    expect(a.equals(b)).toBe(true);
  });
});

describe('a test print', () => {
  it.each(PAPERS)('says CONTOH / TEST where the number goes and carries no QR and no priority (%i mm)', (paper) => {
    for (const qr of ['native', 'raster'] as const) {
      const ops = decodeEscPos(renderTicket(sampleTicket({ specimen: true }), { paper, qr }));
      const lines = printedLines(ops);
      const text = lines.map((l) => l.text).join('\n');
      expect(text).toContain('CONTOH / TEST');
      expect(lines.find((l) => l.text.trim() === 'CONTOH')?.width).toBeGreaterThan(1);
      expect(text).not.toContain('A-007');
      expect(text).not.toContain('Prioritas');
      expect(text).not.toContain('Pindai kode QR');
      expect(ops.some((o) => o.op === 'qr' || o.op === 'raster')).toBe(false);
    }
  });
});
