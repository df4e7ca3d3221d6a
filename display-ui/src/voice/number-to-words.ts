/**
 * Indonesian number reading, as a caller at a counter says it: "dua belas", "seratus lima",
 * "seribu dua ratus". Pure; every word returned is also the name of a shipped audio clip.
 */

const UNITS = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'] as const;

/** Every word numberToWords or digitsToWords can return: the clips the player must ship. */
export const NUMBER_WORDS: readonly string[] = [...UNITS, 'sepuluh', 'sebelas', 'belas', 'puluh', 'seratus', 'ratus', 'seribu', 'ribu', 'juta', 'miliar'];

/** 1..999 without a leading "nol"; the building block of every larger group. */
function below1000(n: number): string[] {
  const out: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 1) out.push('seratus');
  else if (hundreds > 1) out.push(UNITS[hundreds]!, 'ratus');
  if (rest === 0) return out;
  if (rest < 10) out.push(UNITS[rest]!);
  else if (rest === 10) out.push('sepuluh');
  else if (rest === 11) out.push('sebelas');
  else if (rest < 20) out.push(UNITS[rest - 10]!, 'belas');
  else {
    out.push(UNITS[Math.floor(rest / 10)]!, 'puluh');
    if (rest % 10) out.push(UNITS[rest % 10]!);
  }
  return out;
}

/** Cardinal reading as words, so a ticket "A-105" is spoken "seratus lima", never "satu nol lima". */
export function numberToWords(n: number): string[] {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 1e12) throw new RangeError(`cannot read ${n}`);
  if (n === 0) return ['nol'];
  const out: string[] = [];
  const groups: [number, string][] = [
    [1e9, 'miliar'],
    [1e6, 'juta'],
    [1e3, 'ribu'],
  ];
  let rest = n;
  for (const [size, word] of groups) {
    const g = Math.floor(rest / size);
    rest %= size;
    if (g === 0) continue;
    // Only the thousands take the "se-" form: "seribu", but "satu juta".
    if (g === 1 && size === 1e3) out.push('seribu');
    else out.push(...below1000(g), word);
  }
  if (rest > 0) out.push(...below1000(rest));
  return out;
}

/** Digit-by-digit reading ("nol nol tujuh") for venues that set spokenNumbers to 'digits'. */
export function digitsToWords(digits: string): string[] {
  if (!/^\d+$/.test(digits)) throw new RangeError(`not digits: ${digits}`);
  return [...digits].map((d) => UNITS[Number(d)]!);
}
