import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { localTime } from '@antre/server/contract';
import { ADMIN_PASSWORD, ROOT, login, post } from '../support/server-process.ts';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';
import { startSimServer, type SimServer } from './sim-server.ts';

let server: SimServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'display-ui/dist/index.html'))) throw new Error('display-ui is not built: run `npm run build -w display-ui` first');
  server = await startSimServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.kill();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

describe('a counter on a break, on the hall board', () => {
  it('says until when, and once the time is past, by how much ("lewat 3 mnt") instead of a time already gone', async () => {
    const admin = await login(server.url, 'admin', ADMIN_PASSWORD);
    const br = await post(server.url, '/api/counters/loket-2/status', admin, { status: 'break', reason: 'Shalat', minutes: 5 });
    expect(br.status).toBe(200);
    const dev = await post(server.url, '/api/devices', admin, { kind: 'display', name: 'TV', floor: 1 });
    const page = await browser.page({ width: 1920, height: 1080 });
    await page.goto(dev.body.pairingUrl);
    const text = page.locator('[data-testid=counter-loket-2] [data-testid=break-text]');
    await expect.poll(() => text.textContent()).toBe(`Istirahat s.d. ${localTime(br.body.breakUntil, 'Asia/Makassar')}`);
    // Eight minutes later (three past the return time); the board reloads to follow the moved clock.
    await server.advance(8 * 60_000);
    await page.reload();
    await expect.poll(() => text.textContent()).toBe('Istirahat (lewat 3 mnt)');
    await screenshot(page, 'board-break-overrun');

    // The same screen as a counter display: a wrong id says so; a counter of another floor says where it is not.
    await page.goto(`${server.url}/display/counter/loket-99`);
    await expect.poll(() => page.textContent('.cs-message').catch(() => null)).toContain('Tidak ada loket "loket-99"');
    await page.goto(`${server.url}/display/counter/loket-4`);
    await expect.poll(() => page.textContent('.cs-message').catch(() => null)).toContain('tidak ada di lantai layar ini');
    await page.goto(`${server.url}/display/counter/loket-2`);
    await expect.poll(() => page.textContent('[data-testid=counter-display]')).toContain('Istirahat (lewat 3 mnt)');
    await screenshot(page, 'counter-display-break-overrun');
    await page.close();
  }, 60_000);
});
