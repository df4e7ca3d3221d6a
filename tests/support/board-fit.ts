import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** The numbers and counter names on tiles and in the big panel fit their boxes. */
export async function expectNothingClipped(page: Page): Promise<void> {
  const clipped = await page.$$eval('.tile-number, .tile-name, .latest-number, .latest-counter, .recent-number, .recent-counter, .board-clock', (els) =>
    els
      .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().width > (e.parentElement?.getBoundingClientRect().width ?? Infinity) + 1)
      .map((e) => e.textContent),
  );
  expect(clipped).toEqual([]);
}

/**
 * Every booked mark lies whole inside its panel and over none of its row's words, and the big
 * panel's lines all still fit in it (it hides what overflows, so a mark that pushed the counter
 * name down would otherwise go unseen).
 */
export async function expectMarksFit(page: Page): Promise<void> {
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    const r = (e: Element) => e.getBoundingClientRect();
    const inside = (a: DOMRect, b: DOMRect) => a.left >= b.left - 1 && a.right <= b.right + 1 && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
    const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    for (const mark of document.querySelectorAll('.booked-mark')) {
      const panel = mark.closest('.latest, .recent-row, .cs-main');
      if (!panel) continue;
      if (!inside(r(mark), r(panel))) out.push(`mark outside ${panel.className}`);
      if (mark.scrollWidth > mark.clientWidth + 1) out.push('mark text cut');
      for (const word of panel.querySelectorAll('.recent-number, .recent-arrow, .recent-counter, .latest-number, .latest-counter, .cs-number'))
        if (overlap(r(mark), r(word))) out.push(`mark over ${word.textContent}`);
    }
    const latest = document.querySelector('.latest');
    if (latest)
      for (const line of latest.querySelectorAll('.latest-label, .latest-number, .latest-goto, .latest-counter, .latest-agency'))
        if (!inside(r(line), r(latest))) out.push(`${line.className} outside the latest call`);
    return out;
  });
  expect(problems).toEqual([]);
}
