import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLIP_TOKENS } from './announcement';
import { gapBefore } from './clip-voice';
import { findIndonesianVoice } from './speech-voice';

const AUDIO = fileURLToPath(new URL('../../public/audio/', import.meta.url));

describe('clip set', () => {
  it('ships a clip for every token and nothing else, under 1.5 MB', () => {
    const missing = CLIP_TOKENS.filter((t) => !existsSync(join(AUDIO, `${t}.ogg`)));
    expect(missing).toEqual([]);
    const files = readdirSync(AUDIO);
    expect(files.filter((f) => !CLIP_TOKENS.includes(f.replace(/\.ogg$/, '')))).toEqual([]);
    const bytes = files.reduce((n, f) => n + statSync(join(AUDIO, f)).size, 0);
    expect(bytes).toBeLessThan(1.5 * 1024 * 1024);
  });

  it('pauses after the chime and before "silakan menuju", not between digits', () => {
    expect(gapBefore('nomor-antrean', undefined)).toBe(0);
    expect(gapBefore('nomor-antrean', 'chime')).toBeGreaterThan(0.1);
    expect(gapBefore('silakan-menuju', 'tujuh')).toBeGreaterThan(gapBefore('tujuh', 'dua'));
  });
});

describe('findIndonesianVoice', () => {
  it('picks an Indonesian voice, a local one first, and nothing else', () => {
    expect(findIndonesianVoice([{ lang: 'en-US', localService: true }])).toBe(-1);
    expect(
      findIndonesianVoice([
        { lang: 'en-US', localService: true },
        { lang: 'id-ID', localService: false },
      ]),
    ).toBe(1);
    expect(
      findIndonesianVoice([
        { lang: 'id-ID', localService: false },
        { lang: 'id_ID', localService: true },
      ]),
    ).toBe(1);
    expect(findIndonesianVoice([{ lang: 'in-ID', localService: true }])).toBe(0);
    expect(
      findIndonesianVoice([
        { lang: 'it-IT', localService: true },
        { lang: 'ind', localService: true },
      ]),
    ).toBe(-1);
  });
});
