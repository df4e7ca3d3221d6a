import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startFakeHub, type FakeHub } from '../../server/src/testing/fake-hub.ts';
import { ADMIN_PASSWORD, ROOT, login, post, startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';

const SITE = 'belopa';
const CREDENTIAL = 'hs_belopa_rahasia-situs-uji-123';

let hub: FakeHub;
let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'counter-ui/dist/index.html'))) throw new Error('counter-ui is not built: run `npm run build -w counter-ui` first');
  hub = await startFakeHub({ siteId: SITE, credential: CREDENTIAL });
  server = await startServerProcess({ env: { ANTRE_HUB_URL: hub.url, ANTRE_SITE_ID: SITE, ANTRE_HUB_CREDENTIAL: CREDENTIAL, ANTRE_HUB_INTERVAL_MS: '200' } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.kill();
  await hub?.close();
});

async function supervisor(): Promise<Page> {
  const page = await browser.page({ width: 1366, height: 768 });
  await page.goto(`${server.url}/counter/supervisor`);
  await page.fill('input[name=username]', 'supervisor');
  await page.fill('input[name=password]', 'demo-uji-12345');
  await page.click('button[type=submit]');
  return page;
}

describe('the supervisor sees the link to the hub', () => {
  it('shows reports delivered, then the hub unreachable with what waits, while the queue runs on', async () => {
    const page = await supervisor();
    const row = page.locator('[data-hub-link]');
    await row.waitFor();
    await page.waitForSelector('[data-hub-link=ok]', { timeout: 20000 });
    await row.scrollIntoViewIfNeeded();
    expect(await row.textContent()).toContain('terhubung, laporan terkirim');
    expect(await row.textContent()).toContain(hub.url);
    await screenshot(page, 'hub-link-ok');

    hub.mode = 'down';
    // The queue takes a ticket at once while the hub is away; its changes wait on the site's disk.
    const admin = await login(server.url, 'admin', ADMIN_PASSWORD);
    expect((await post(server.url, '/api/tickets', admin, { serviceId: 'ktp' })).status).toBe(201);
    await new Promise((r) => setTimeout(r, 1500));
    await page.reload();
    await page.waitForSelector('[data-hub-link=retrying]', { timeout: 20000 });
    const text = (await page.locator('[data-hub-link]').textContent()) ?? '';
    expect(text).toContain('hub tidak terjangkau');
    expect(text).toMatch(/503/);
    expect(text).toMatch(/[1-9]\d* perubahan menunggu/);
    await page.locator('[data-hub-link]').scrollIntoViewIfNeeded();
    await screenshot(page, 'hub-link-down');
    await page.close();
  }, 90000);
});
