import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_PASSWORD, ROOT, login, post, startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';

/**
 * Type heights as shares of the screen's shorter side (a 55" TV's 68 cm, whichever way it hangs):
 * 5% is about 3.4 cm, what reads at 10 m; 3.5% about 2.4 cm.
 */
const TILE_MIN = 0.05;
const RECENT_MIN = 0.035;

let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'display-ui/dist/index.html'))) throw new Error('display-ui is not built: run `npm run build -w display-ui` first');
  server = await startServerProcess({ venue: join(ROOT, 'server/venues/mpp-simpurusiang.json'), env: { ANTRE_IGNORE_HOURS: '1' } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.kill();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

describe('the hall board read from 10 m', () => {
  it('counter tile numbers are at least 5% of the screen and recent calls 3.5%, with every counter of floor 1 busy', async () => {
    const admin = await login(server.url, 'admin', ADMIN_PASSWORD);
    const venue = (await (await fetch(`${server.url}/api/venue`)).json()) as { counters: { id: string; floor: number; serviceIds: string[] }[] };
    const floor1 = venue.counters.filter((c) => c.floor === 1);
    for (const c of floor1) {
      expect((await post(server.url, '/api/tickets', admin, { serviceId: c.serviceIds[0] })).status).toBe(201);
      expect((await post(server.url, `/api/counters/${c.id}/call-next`, admin, { serviceId: c.serviceIds[0] })).status).toBe(200);
    }
    const dev = await post(server.url, '/api/devices', admin, { kind: 'display', name: 'TV Lantai 1', floor: 1 });
    const page = await browser.page({ width: 1920, height: 1080 });
    await page.goto(dev.body.pairingUrl);
    await page.waitForSelector('[data-testid=hall-board][data-ready=true]', { timeout: 15000 });
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=tile-number]').length >= n, floor1.length);
    for (const [name, size] of [
      ['landscape', { width: 1920, height: 1080 }],
      ['portrait', { width: 1080, height: 1920 }],
    ] as const) {
      await page.setViewportSize(size);
      await page.waitForTimeout(300); // the grid re-measures its panel on resize
      await screenshot(page, `board-readability-${name}`);
      const m = await page.evaluate(() => {
        const px = (sel: string) => Math.min(...[...document.querySelectorAll(sel)].map((e) => parseFloat(getComputedStyle(e).fontSize)));
        const side = Math.min(window.innerWidth, window.innerHeight);
        return { tile: px('[data-testid=tile-number]') / side, recent: px('.recent-number') / side };
      });
      expect(m.tile, `tile numbers (${name})`).toBeGreaterThanOrEqual(TILE_MIN);
      expect(m.recent, `recent calls (${name})`).toBeGreaterThanOrEqual(RECENT_MIN);
    }
    await page.close();
  }, 120_000);
});
