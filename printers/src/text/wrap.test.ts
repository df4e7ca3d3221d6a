import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wrapHanging, wrapText } from './wrap.js';

describe('wrapText', () => {
  it('breaks at spaces and keeps every line within the width', () => {
    const lines = wrapText('Dinas Kependudukan dan Pencatatan Sipil Kabupaten Luwu', 16);
    expect(lines).toEqual(['Dinas', 'Kependudukan dan', 'Pencatatan Sipil', 'Kabupaten Luwu']);
  });

  it('hard-wraps only a single word longer than the line', () => {
    expect(wrapText('ab https://antre.example/t/xyz', 10)).toEqual(['ab', 'https://an', 'tre.exampl', 'e/t/xyz']);
  });

  it('keeps explicit newlines and empty input', () => {
    expect(wrapText('satu\ndua', 32)).toEqual(['satu', 'dua']);
    expect(wrapText('', 32)).toEqual(['']);
  });

  it('never splits a number or ticket code that fits on a line (property)', () => {
    const word = fc.stringMatching(/^[a-z]{1,10}$/);
    const num = fc.oneof(fc.stringMatching(/^[A-Z]-\d{3}$/), fc.stringMatching(/^Rp\d{1,3}\.\d{3}$/), fc.stringMatching(/^\d{1,9}$/));
    fc.assert(
      fc.property(fc.array(fc.oneof(word, num), { minLength: 1, maxLength: 30 }), fc.integer({ min: 10, max: 48 }), (tokens, width) => {
        const lines = wrapText(tokens.join(' '), width);
        for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
        const outTokens = lines.join(' ').split(' ').filter(Boolean);
        expect(outTokens).toEqual(tokens); // every token survives whole and in order
      }),
      { numRuns: 300 },
    );
  });
});

describe('wrapHanging', () => {
  it('indents continuation lines under the text', () => {
    expect(wrapHanging('- ', 'Surat pengantar dari desa/kelurahan', 24)).toEqual(['- Surat pengantar dari', '  desa/kelurahan']);
    expect(wrapHanging('Tanggal  : ', 'Sabtu, 28 November 2026', 32)).toEqual(['Tanggal  : Sabtu, 28 November', '           2026']);
  });
});
