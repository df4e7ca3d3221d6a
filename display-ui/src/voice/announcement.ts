/**
 * What a call sounds like: a pure mapping from a CallEvent and its counter to the clip tokens
 * the player joins and the sentence a speech voice reads. Both come from the same words so the
 * two players always say the same thing.
 */
import type { CallEvent, Counter, VenueSettings } from '@antre/server/contract';
import { NUMBER_WORDS, digitsToWords, numberToWords } from './number-to-words';

/** Indonesian letter names, as a caller spells a ticket prefix ("pe a" for PA). */
export const LETTER_NAMES: Readonly<Record<string, string>> = {
  A: 'a',
  B: 'be',
  C: 'ce',
  D: 'de',
  E: 'e',
  F: 'ef',
  G: 'ge',
  H: 'ha',
  I: 'i',
  J: 'je',
  K: 'ka',
  L: 'el',
  M: 'em',
  N: 'en',
  O: 'o',
  P: 'pe',
  Q: 'ki',
  R: 'er',
  S: 'es',
  T: 'te',
  U: 'u',
  V: 'fe',
  W: 'we',
  X: 'eks',
  Y: 'ye',
  Z: 'zet',
};

/** Phrases recorded as one clip each, so the sentence keeps its natural rhythm. */
export const PHRASES = { chime: 'chime', intro: 'nomor-antrean', goTo: 'silakan-menuju' } as const;

/** Words a counter's spoken name may use besides numbers; each has a clip. */
export const COUNTER_WORDS: readonly string[] = ['loket', 'meja', 'ruang', 'lantai', 'teller', 'kasir'];

/** Every clip the player may ask for; make-clips.sh renders exactly this list. */
export const CLIP_TOKENS: readonly string[] = [...Object.values(PHRASES), ...Object.values(LETTER_NAMES), ...NUMBER_WORDS, ...COUNTER_WORDS];

const CLIPS = new Set(CLIP_TOKENS);

export interface Announcement {
  /** Clip names in play order, starting with the chime. */
  tokens: string[];
  /** The sentence as a person would write it: "Nomor antrean A tujuh, silakan menuju loket tiga". */
  text: string;
  /** The same sentence for a speech voice: letters spelled by name so "PA" is not read "pa". */
  speech: string;
}

export type SpokenNumbers = VenueSettings['spokenNumbers'];

/** Splits a ticket number into what is spoken: letters by name, digit runs as one number. */
export function ticketWords(number: string, mode: SpokenNumbers): { letters: string[]; numberWords: string[]; display: string[] } {
  const letters: string[] = [];
  const numberWords: string[] = [];
  const display: string[] = [];
  for (const part of number.toUpperCase().match(/[A-Z]+|\d+/g) ?? []) {
    if (/^\d/.test(part)) {
      const words = mode === 'digits' ? digitsToWords(part) : numberToWords(Number(part));
      numberWords.push(...words);
      display.push(...words);
    } else {
      for (const ch of part) {
        const name = LETTER_NAMES[ch];
        if (name) letters.push(name);
      }
      display.push(part);
    }
  }
  return { letters, numberWords, display };
}

/**
 * How a counter is spoken: its spokenName ("loket tiga"), else its name with numbers read
 * out ("Loket 3" -> "loket tiga"). Clip tokens fall back to "loket <number>" when a word of
 * the spoken name has no clip, so a custom name never silences the counter part.
 */
export function counterWords(counter: Pick<Counter, 'name' | 'spokenName'>): { words: string[]; tokens: string[] } {
  const source = (counter.spokenName?.trim() || counter.name).toLowerCase();
  const words = source
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((w) => (/^\d+$/.test(w) ? numberToWords(Number(w)) : [w]));
  if (words.length > 0 && words.every((w) => CLIPS.has(w))) return { words, tokens: words };
  const digits = /\d+/.exec(counter.name)?.[0];
  return { words, tokens: ['loket', ...(digits ? numberToWords(Number(digits)) : [])] };
}

/** The full announcement for one call; a recall produces the same words again. */
export function announce(call: Pick<CallEvent, 'number'>, counter: Pick<Counter, 'name' | 'spokenName'>, mode: SpokenNumbers): Announcement {
  const t = ticketWords(call.number, mode);
  const c = counterWords(counter);
  const tokens = [PHRASES.chime, PHRASES.intro, ...t.letters, ...t.numberWords, PHRASES.goTo, ...c.tokens];
  const text = `Nomor antrean ${t.display.join(' ')}, silakan menuju ${c.words.join(' ')}`;
  const speech = `Nomor antrean, ${[...t.letters, ...t.numberWords].join(' ')}. Silakan menuju ${c.words.join(' ')}.`;
  return { tokens, text, speech };
}
