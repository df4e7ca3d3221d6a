import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, ROOT, login, post, startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';

const PASSWORD = 'demo-uji-12345';
const SLOW = 120_000;
/** The officer laptops and supervisor PCs of the building. */
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1280, height: 800 },
];

let server: ServerProcess;
let browser: Browser;
let admin: string;

async function logIn(page: Page, path: string, username: string): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', username === 'admin' ? ADMIN_PASSWORD : PASSWORD);
  await page.click('button[type=submit]');
}

/** Buttons a user cannot press: outside the page's width, or covered by something else at their centre. */
async function unpressable(page: Page, selector: string): Promise<string[]> {
  const out: string[] = [];
  for (const b of await page.$$(selector)) {
    await b.scrollIntoViewIfNeeded();
    const hit = await b.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      if (r.right > window.innerWidth || r.left < 0)
        return `${el.textContent} is outside the window (${Math.round(r.left)}..${Math.round(r.right)} of ${window.innerWidth})`;
      const top = document.elementFromPoint(x, y);
      return top && (top === el || el.contains(top)) ? null : `${el.textContent} is covered by ${top?.className ?? 'nothing'}`;
    });
    if (hit) out.push(hit);
  }
  return out;
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'counter-ui/dist/index.html'))) throw new Error('counter-ui is not built: run `npm run build -w counter-ui` first');
  server = await startServerProcess({ venue: join(ROOT, 'server/venues/mpp-simpurusiang.json'), env: { ANTRE_IGNORE_HOURS: '1' } });
  admin = await login(server.url, 'admin', ADMIN_PASSWORD);
  browser = await launchBrowser();
  for (const serviceId of ['dukcapil-ktp-el', 'dukcapil-kk', 'samsat-pajak-tahunan', 'bpjs-kes-daftar', 'polres-skck']) {
    await post(server.url, '/api/tickets', admin, { serviceId });
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.kill();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

describe('staff pages on the building’s laptops', () => {
  it(
    'the supervisor can press every Alihkan and close button at 1366x768 and 1280x800',
    async () => {
      const page = await browser.page(SIZES[0]);
      await logIn(page, '/counter/supervisor', 'supervisor');
      await page.waitForSelector('.sv-services tr[data-service]');
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.evaluate(() => window.scrollTo(0, 0));
        await screenshot(page, `supervisor-monitor-${size.width}x${size.height}`);
        expect(await unpressable(page, '.sv-services .sv-actions button'), `at ${size.width}x${size.height}`).toEqual([]);
      }
      await page.close();
    },
    SLOW,
  );

  it(
    'a closed counter is marked and cannot be chosen as a transfer target, and the server refuses it',
    async () => {
      // Samsat's counter closes; an officer of Dukcapil transfers a visitor.
      const samsat = (await (await fetch(`${server.url}/api/venue`)).json()).counters.find((c: { agencyId: string }) => c.agencyId === 'samsat') as {
        id: string;
        name: string;
      };
      expect((await post(server.url, `/api/counters/${samsat.id}/status`, admin, { status: 'closed' })).status).toBe(200);
      const page = await browser.page(SIZES[0]);
      await logIn(page, '/counter', 'petugas1');
      await page.waitForSelector('[data-action=call-next]:not([disabled])');
      await page.keyboard.press('KeyN');
      await page.waitForSelector('[data-testid=current-number]:not([data-number=""])');
      await page.keyboard.press('KeyA');
      await page.click('[role=dialog] input[name=mode] >> nth=1');
      const option = page.locator(`select[name=toCounterId] option[value="${samsat.id}"]`);
      expect(await option.isDisabled()).toBe(true);
      expect(await option.textContent()).toContain('(Tutup)');
      await screenshot(page, 'console-transfer-closed-counter');
      await page.keyboard.press('Escape');
      // The API refuses it as well, and nothing changes.
      const token = await page.evaluate(() => (JSON.parse(localStorage.getItem('antre.session')!) as { token: string }).token);
      const r = await post(server.url, '/api/counters/loket-1/transfer', token, { toCounterId: samsat.id });
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('COUNTER_CLOSED');
      expect(r.body.error.message.id).toBe('Loket tujuan tutup.');
      // The officer desk is usable at both laptop sizes.
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await screenshot(page, `console-desk-${size.width}x${size.height}`);
        expect(await unpressable(page, '.actions button'), `at ${size.width}x${size.height}`).toEqual([]);
      }
      await page.close();
    },
    SLOW,
  );

  it(
    'an over-long running text is refused in both languages, naming the line, before anything is sent',
    async () => {
      const page = await browser.page(SIZES[0]);
      await logIn(page, '/counter/supervisor', 'supervisor');
      const box = page.locator('textarea.sv-running');
      await box.waitFor();
      await box.fill(`Selamat datang\n${'x'.repeat(320)}`);
      const problems = page.locator('[data-testid=running-problems]');
      await problems.waitFor();
      expect(await problems.textContent()).toContain('Baris 2 terlalu panjang: 320 huruf, paling banyak 300.');
      expect(await problems.textContent()).toContain('Line 2 is too long: 320 characters, at most 300.');
      expect(await page.locator('.sv-panel button.sv-btn--primary', { hasText: 'Simpan' }).first().isDisabled()).toBe(true);
      await problems.scrollIntoViewIfNeeded();
      await screenshot(page, 'supervisor-running-text-too-long');
      await page.close();
    },
    SLOW,
  );

  it(
    'admin pages fit 1366x768 and 1280x800',
    async () => {
      const page = await browser.page(SIZES[0]);
      await logIn(page, '/counter/admin', 'admin');
      await page.waitForSelector('.sv-tabs, nav');
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await screenshot(page, `admin-${size.width}x${size.height}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `horizontal overflow at ${size.width}x${size.height}`).toBeLessThanOrEqual(0);
      }
      await page.close();
    },
    SLOW,
  );
});
