import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, ROOT, login, post, startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';

const PASSWORD = 'demo-uji-12345';
const SLOW = 120_000;
const PRINTER = 'printer-kiosk-1';

let dataDir: string;
let server: ServerProcess;
let browser: Browser;
/** The admin's token on the running server (logged in once per start: logins are rate-limited). */
let admin: string | undefined;

/** The server with the built-in virtual printer at the kiosk, over a data folder that outlives a restart. */
async function start(): Promise<ServerProcess> {
  return startServerProcess({ dataDir, env: { ANTRE_PRINTER: 'virtual' } });
}

/** What the virtual printer received, as text, newest last. */
async function printed(): Promise<string[]> {
  admin ??= await login(server.url, 'admin', ADMIN_PASSWORD);
  const r = await fetch(`${server.url}/api/printers/virtual/jobs`, { headers: { authorization: `Bearer ${admin}` } });
  const body = (await r.json()) as { jobs?: { text: string }[] };
  if (!body.jobs) throw new Error(`virtual printer jobs: ${r.status} ${JSON.stringify(body)}`);
  return body.jobs.map((j) => j.text);
}

async function supervisor(): Promise<Page> {
  const page = await browser.page({ width: 1366, height: 768 });
  await page.goto(`${server.url}/counter/supervisor`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.fill('input[name=username]', 'supervisor');
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector(`[data-printer="${PRINTER}"] [data-action=jobs]`);
  await page.click(`[data-printer="${PRINTER}"] [data-action=jobs]`);
  return page;
}

/** Opens a job's preview and waits until its image has loaded. */
async function preview(page: Page, jobId: string, name: string): Promise<void> {
  await page.click(`[data-job="${jobId}"] [data-action=preview]`);
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('[data-testid=job-preview]');
    return !!img && img.complete && img.naturalWidth > 300 && img.naturalHeight > 400;
  });
  await screenshot(page, name);
  await page.click('.sv-modal .sv-modal__actions button');
  await page.waitForSelector('[data-testid=job-preview]', { state: 'detached' });
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'counter-ui/dist/index.html'))) throw new Error('counter-ui is not built: run `npm run build -w counter-ui` first');
  dataDir = mkdtempSync(join(tmpdir(), 'antre-e2e-print-'));
  server = await start();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('printed tickets in the supervisor pages', () => {
  it(
    'lists the day’s jobs with preview and reprint, a test print says CONTOH, and tickets survive a restart',
    async () => {
      admin = await login(server.url, 'admin', ADMIN_PASSWORD);
      const dev = await post(server.url, '/api/devices', admin, { kind: 'kiosk', name: 'Kios 1', ref: 'kiosk-1' });
      const kiosk = (await post(server.url, '/api/devices/pair', null, { code: dev.body.code })).body.token as string;
      const a = await post(server.url, '/api/tickets', kiosk, { serviceId: 'ktp' });
      const b = await post(server.url, '/api/tickets', kiosk, { serviceId: 'skck', priority: 'lansia' });
      expect([a.status, b.status]).toEqual([201, 201]);

      const page = await supervisor();
      await page.click(`[data-printer="${PRINTER}"] [data-action=test-print]`);
      await page.waitForSelector(`[data-job="job-${a.body.id}"][data-state=printed]`);
      await page.waitForSelector(`[data-job="job-${b.body.id}"]`);
      const test = await page.waitForSelector('[data-job^="test-"]');
      const testId = (await test.getAttribute('data-job'))!;
      await screenshot(page, 'supervisor-printer-jobs');
      await preview(page, testId, 'supervisor-preview-test-print');
      await preview(page, `job-${b.body.id}`, 'supervisor-preview-ticket');

      // The test print as the printer got it: CONTOH / TEST, no ticket number, no QR caption.
      await expect.poll(async () => (await printed()).some((t) => t.includes('CONTOH / TEST'))).toBe(true);
      const sample = (await printed()).find((t) => t.includes('CONTOH / TEST'))!;
      expect(sample).not.toMatch(/[A-Z]-\d{3}/);
      expect(sample).not.toContain('Pindai kode QR');
      expect(sample).not.toContain('Prioritas');

      // Reprint from the list: the printer gets the same ticket again.
      const before = (await printed()).filter((t) => t.includes(a.body.number)).length;
      await page.click(`[data-job="job-${a.body.id}"] [data-action=reprint]`);
      await expect.poll(async () => (await printed()).filter((t) => t.includes(a.body.number)).length).toBe(before + 1);
      await page.close();

      // After a restart the day's tickets are still listed, previewed and reprinted.
      await server.kill('SIGTERM');
      server = await start();
      admin = undefined;
      const again = await supervisor();
      await again.waitForSelector(`[data-job="job-${b.body.id}"][data-state=unknown]`);
      await preview(again, `job-${b.body.id}`, 'supervisor-preview-after-restart');
      await again.click(`[data-job="job-${b.body.id}"] [data-action=reprint]`);
      await expect.poll(async () => (await printed()).some((t) => t.includes(b.body.number))).toBe(true);
      await again.close();
    },
    SLOW,
  );
});
