// Word wrapping for fixed-width receipt columns.

/**
 * Wraps text to `width` columns at spaces so words (and numbers like "A-007" or "Rp30.000") stay whole;
 * only a single word longer than the line is hard-split. Explicit newlines are kept.
 */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, Math.floor(width));
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const words = paragraph.split(/\s+/).filter((x) => x.length > 0);
    if (words.length === 0) {
      lines.push('');
      continue;
    }
    let line = '';
    for (let word of words) {
      if (line.length > 0 && line.length + 1 + word.length <= w) {
        line += ' ' + word;
        continue;
      }
      if (line.length > 0) lines.push(line);
      while (word.length > w) {
        lines.push(word.slice(0, w));
        word = word.slice(w);
      }
      line = word;
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Wraps `text` after a `prefix` ("- " or "Tanggal  : ") and indents continuation lines to line up under the
 * text, which keeps lists and label/value rows readable on a 32-column ticket.
 */
export function wrapHanging(prefix: string, text: string, width: number): string[] {
  const indent = prefix.length <= width / 2 ? prefix.length : 2;
  const pieces = wrapText(text, width - indent);
  if (prefix.length > indent) return [...wrapText(prefix, width), ...pieces.map((p) => ' '.repeat(indent) + p)];
  return pieces.map((p, i) => (i === 0 ? prefix : ' '.repeat(indent)) + p);
}
