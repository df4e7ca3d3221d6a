import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, ROOT, login, post, startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };

let server: ServerProcess;
let browser: Browser;
let admin: string;

/** Words of the elements' text that the browser broke across two lines (a word in two pieces). */
function brokenWords(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (els) => {
    const out: string[] = [];
    for (const el of els) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent ?? '';
        for (const m of text.matchAll(/\S+/g)) {
          const r = document.createRange();
          r.setStart(n, m.index);
          r.setEnd(n, m.index + m[0].length);
          const lines = new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top)));
          if (lines.size > 1) out.push(m[0]);
        }
      }
    }
    return out;
  });
}

/** How many lines the element's text takes. */
function lineCount(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (el) => {
    const r = document.createRange();
    r.selectNodeContents(el);
    return new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top))).size;
  });
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'kiosk-ui/dist/index.html'))) throw new Error('kiosk-ui is not built: run `npm run build -w kiosk-ui` first');
  server = await startServerProcess({ venue: join(ROOT, 'server/venues/mpp-simpurusiang.json'), env: { ANTRE_IGNORE_HOURS: '1' } });
  admin = await login(server.url, 'admin', ADMIN_PASSWORD);
  browser = await launchBrowser({ touch: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.kill();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

describe('kiosk text on the real venue', () => {
  it('numbers never wrap, agency names break only between words, and Selesai is free to tap', async () => {
    const dev = await post(server.url, '/api/devices', admin, { kind: 'kiosk', name: 'Kios teks', ref: 'kiosk-1' });
    const page = await browser.page(PORTRAIT);
    await page.goto(dev.body.pairingUrl);
    await page.locator('[data-screen="welcome"]').waitFor({ timeout: 10000 });
    for (const [name, size] of [
      ['portrait', PORTRAIT],
      ['landscape', LANDSCAPE],
    ] as const) {
      await page.setViewportSize(size);
      await page.getByTestId('start').tap();
      await page.locator('[data-screen="agencies"]').waitFor();
      await screenshot(page, `kiosk-text-${name}-agencies`);
      expect(await brokenWords(page, '.agency-short, .agency-name'), `agency names at ${name}`).toEqual([]);
      await page.getByTestId('agency-pdam').tap();
      await page.locator('[data-screen="services"]').waitFor();
      await page.getByTestId('service-pdam-rekening').tap();
      await page.locator('[data-screen="confirm"]').waitFor();
      await page.getByTestId('take').tap();
      await page.locator('[data-screen="ticket"]').waitFor();
      await page.locator('[data-testid="ticket-qr"] svg').waitFor();
      await screenshot(page, `kiosk-text-${name}-ticket`);
      expect(await page.textContent('[data-testid=ticket-number]')).toMatch(/^WA-\d{3}$/);
      expect(await lineCount(page, '[data-testid=ticket-number]'), `ticket number at ${name}`).toBe(1);
      // The done button is on the screen and nothing lies over it.
      const free = await page.getByTestId('done').evaluate((el) => {
        const r = el.getBoundingClientRect();
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return r.bottom <= window.innerHeight && !!top && el.contains(top);
      });
      expect(free, `Selesai at ${name}`).toBe(true);
      await page.getByTestId('done').tap();
      await page.locator('[data-screen="welcome"]').waitFor();
    }
    await page.close();
  }, 120_000);
});

describe('an unpaired kiosk', () => {
  it('shows the public a calm "Kios belum siap" and the pairing keypad only after a long press', async () => {
    const page = await browser.page(PORTRAIT);
    await page.goto(`${server.url}/kiosk`);
    await page.evaluate(() => localStorage.clear()); // the kiosk above paired this browser
    await page.reload();
    await page.getByTestId('not-ready').waitFor({ timeout: 10000 });
    expect(await page.textContent('[data-testid=not-ready]')).toContain('Kios belum siap');
    expect(await page.locator('.keys, [data-testid=pair-code]').count()).toBe(0);
    await screenshot(page, 'kiosk-not-ready-portrait');
    // A short tap does nothing; holding a finger on the screen for two seconds opens the keypad for staff.
    await page.mouse.click(540, 1000);
    expect(await page.locator('[data-testid=pair-code]').count()).toBe(0);
    await page.mouse.move(540, 1000);
    await page.mouse.down();
    await page.waitForTimeout(2300);
    await page.mouse.up();
    await page.getByTestId('pair-code').waitFor();
    expect(await page.locator('.keys').count()).toBe(1);
    await page.close();
  }, 60_000);
});
