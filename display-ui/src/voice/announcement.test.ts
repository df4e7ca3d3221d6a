import { describe, expect, it } from 'vitest';
import { CLIP_TOKENS, LETTER_NAMES, announce, counterWords, ticketWords } from './announcement';

const loket3 = { name: 'Loket 3', spokenName: 'loket tiga' };

describe('announce', () => {
  it('reads a ticket cardinally by default, leading zeros silent', () => {
    const a = announce({ number: 'A-007' }, loket3, 'cardinal');
    expect(a.tokens).toEqual(['chime', 'nomor-antrean', 'a', 'tujuh', 'silakan-menuju', 'loket', 'tiga']);
    expect(a.text).toBe('Nomor antrean A tujuh, silakan menuju loket tiga');
    expect(a.speech).toBe('Nomor antrean, a tujuh. Silakan menuju loket tiga.');
  });

  it('reads digit by digit when the venue asks for it', () => {
    const a = announce({ number: 'A-007' }, loket3, 'digits');
    expect(a.tokens).toEqual(['chime', 'nomor-antrean', 'a', 'nol', 'nol', 'tujuh', 'silakan-menuju', 'loket', 'tiga']);
    expect(a.text).toBe('Nomor antrean A nol nol tujuh, silakan menuju loket tiga');
  });

  it('spells two-letter prefixes by letter name', () => {
    const a = announce({ number: 'PA-012' }, { name: 'Loket 5', spokenName: 'loket lima' }, 'cardinal');
    expect(a.tokens).toEqual(['chime', 'nomor-antrean', 'pe', 'a', 'dua', 'belas', 'silakan-menuju', 'loket', 'lima']);
    expect(a.text).toBe('Nomor antrean PA dua belas, silakan menuju loket lima');
    expect(a.speech).toContain('pe a dua belas');
  });

  it('reads hundreds and thousands', () => {
    expect(announce({ number: 'A-105' }, loket3, 'cardinal').text).toBe('Nomor antrean A seratus lima, silakan menuju loket tiga');
    expect(announce({ number: 'KB-1000' }, loket3, 'cardinal').tokens.slice(2, 5)).toEqual(['ka', 'be', 'seribu']);
  });

  it('every token it can produce has a clip', () => {
    const clips = new Set(CLIP_TOKENS);
    const missing = new Set<string>();
    for (const letter of Object.keys(LETTER_NAMES)) {
      for (let n = 0; n < 1000; n += 7) {
        for (const mode of ['cardinal', 'digits'] as const) {
          const a = announce({ number: `${letter}${letter}-${String(n).padStart(3, '0')}` }, { name: `Loket ${n % 40}` }, mode);
          for (const t of a.tokens) if (!clips.has(t)) missing.add(t);
        }
      }
    }
    expect([...missing]).toEqual([]);
  });
});

describe('counterWords', () => {
  it('uses the configured spoken name', () => {
    expect(counterWords({ name: 'Loket 12', spokenName: 'loket dua belas' })).toEqual({ words: ['loket', 'dua', 'belas'], tokens: ['loket', 'dua', 'belas'] });
    expect(counterWords({ name: 'Meja A', spokenName: 'meja tujuh' }).tokens).toEqual(['meja', 'tujuh']);
  });

  it('reads digits in a name without a spoken name', () => {
    expect(counterWords({ name: 'Loket 21' })).toEqual({ words: ['loket', 'dua', 'puluh', 'satu'], tokens: ['loket', 'dua', 'puluh', 'satu'] });
  });

  it('falls back to clips "loket <number>" when a spoken word has no clip, but speaks the name as written', () => {
    const c = counterWords({ name: 'Loket 4', spokenName: 'gerai Samsat empat' });
    expect(c.words).toEqual(['gerai', 'samsat', 'empat']);
    expect(c.tokens).toEqual(['loket', 'empat']);
  });
});

describe('ticketWords', () => {
  it('tolerates numbers without a dash and keeps separators silent', () => {
    expect(ticketWords('B12', 'cardinal')).toEqual({ letters: ['be'], numberWords: ['dua', 'belas'], display: ['B', 'dua', 'belas'] });
    expect(ticketWords('C-000', 'cardinal').numberWords).toEqual(['nol']);
  });
});
