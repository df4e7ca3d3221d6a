// Code page handling: the ticket is printed in PC437 (ESC t 0, the default of nearly every ESC/POS printer);
// anything outside it is transliterated so Indonesian text never prints as garbage.

/** ESC t page numbers from the Epson reference that the decoder understands. */
export const CODE_PAGE_PC437 = 0;
export const CODE_PAGE_WPC1252 = 16;

// PC437 bytes 0x80..0xFF as Unicode, 16 per row.
const PC437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅ' +
  'ÉæÆôöòûùÿÖÜ¢£¥₧ƒ' +
  'áíóúñÑªº¿⌐¬½¼¡«»' +
  '░▒▓│┤╡╢╖╕╣║╗╝╜╛┐' +
  '└┴┬├─┼╞╟╚╔╩╦╠═╬╧' +
  '╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' +
  'αßΓπΣσµτΦΘΩδ∞φε∩' +
  '≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

const encodeMap = new Map<string, number>();
[...PC437_HIGH].forEach((ch, i) => encodeMap.set(ch, 0x80 + i));

// Replacements for characters PC437 lacks; checked before stripping accents.
const TRANSLIT: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2033': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2026': '...',
  '\u2022': '-',
  '\u00b7': '-',
  '\u2023': '-',
  '\u25cf': '-',
  '\u20ac': 'EUR',
  '\u2122': 'TM',
  '\u00a9': '(c)',
  '\u00ae': '(R)',
  '\u00d7': 'x',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2248': '~',
  '\u00df': 'ss',
  '\u00c6': 'AE',
  '\u00e6': 'ae',
  '\u0152': 'OE',
  '\u0153': 'oe',
  '\u00d8': 'O',
  '\u00f8': 'o',
  '\u0141': 'L',
  '\u0142': 'l',
  '\u0110': 'D',
  '\u0111': 'd',
  '\u00de': 'Th',
  '\u00fe': 'th',
  '\u00a0': ' ',
  '\u2007': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '\t': ' ',
};

function isPrintableAscii(code: number): boolean {
  return code >= 0x20 && code < 0x7f;
}

/** Makes text printable in PC437: keeps what the page has, transliterates the rest, drops control bytes (no command injection). */
export function toPrintable(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0) ?? 0;
    if (isPrintableAscii(code)) out += ch;
    else if (ch === '\n') out += '\n';
    else if (TRANSLIT[ch] !== undefined) out += TRANSLIT[ch];
    else if (encodeMap.has(ch)) out += ch;
    else {
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      if (base !== ch && [...base].every((c) => isPrintableAscii(c.codePointAt(0) ?? 0) || encodeMap.has(c))) out += base;
      else if (code < 0x20 || (code >= 0x7f && code < 0xa0))
        continue; // control characters
      else out += '?';
    }
  }
  return out;
}

/** Encodes text that went through toPrintable into PC437 bytes (unknown characters become '?'). */
export function encodePc437(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else bytes.push(encodeMap.get(ch) ?? 0x3f);
  }
  return Buffer.from(bytes);
}

// WPC1252 0x80..0x9F (the rest is Latin-1); written out because Node's TextDecoder reads this range as Latin-1.
const WPC1252_80 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Decodes printed bytes back to Unicode for the given ESC t page (PC437 or WPC1252; others read as PC437). */
export function decodeCodePage(bytes: Uint8Array, page: number): string {
  let out = '';
  if (page === CODE_PAGE_WPC1252) {
    for (const b of bytes) out += b >= 0x80 && b < 0xa0 ? WPC1252_80[b - 0x80] : String.fromCharCode(b);
    return out;
  }
  for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : PC437_HIGH[b - 0x80];
  return out;
}
