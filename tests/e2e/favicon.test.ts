import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { launchBrowser, type Browser } from '../support/browser.ts';

let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  for (const ui of ['kiosk-ui', 'display-ui', 'counter-ui']) {
    if (!existsSync(join(ROOT, ui, 'dist/index.html'))) throw new Error(`${ui} is not built: run \`npm run build -w ${ui}\` first`);
  }
  server = await startServerProcess();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.kill();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

describe('the screens’ icon', () => {
  it('every screen loads its icon and nothing answers 404, /favicon.ico included', async () => {
    for (const path of ['/kiosk', '/display', '/counter', '/counter/supervisor', '/counter/button']) {
      const page = await browser.page({ width: 1280, height: 800 });
      const missing: string[] = [];
      const icons: string[] = [];
      page.on('response', (r) => {
        if (r.status() === 404) missing.push(r.url());
        if (/favicon/.test(r.url()) && r.ok()) icons.push(r.url());
      });
      await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
      expect(missing, path).toEqual([]);
      expect(await page.getAttribute('link[rel=icon]', 'href'), path).toMatch(/favicon\.svg$/);
      await page.close();
    }
    const ico = await fetch(`${server.url}/favicon.ico`);
    expect(ico.status).toBe(200);
    expect(ico.headers.get('content-type')).toContain('image/svg+xml');
  }, 60_000);
});
