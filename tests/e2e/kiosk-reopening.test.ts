import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, ROOT, login, post } from '../support/server-process.ts';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';
import { startSimServer, type SimServer } from './sim-server.ts';

const PORTRAIT = { width: 1080, height: 1920 };
const DAY = { open: '08:00', close: '15:00', breaks: [] };
/** The building's weekdays; no Saturday or Sunday service. */
const HOURS = { mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: DAY, sat: null, sun: null };
/** Wednesday 2 December 2026, 07:00 WITA: an hour before the building opens. */
const WED_0700 = Date.parse('2026-12-02T07:00:00+08:00');

let browser: Browser;
const servers: SimServer[] = [];

/** A kiosk paired to `server`, on the services of `agency`. */
async function kioskAt(server: SimServer, agency: string): Promise<Page> {
  const admin = await login(server.url, 'admin', ADMIN_PASSWORD);
  const dev = await post(server.url, '/api/devices', admin, { kind: 'kiosk', name: 'Kios', ref: 'kiosk-1' });
  const page = await browser.page(PORTRAIT);
  await page.goto(dev.body.pairingUrl);
  await page.locator('[data-screen="welcome"]').waitFor({ timeout: 10000 });
  await page.getByTestId('start').tap();
  await page.getByTestId(`agency-${agency}`).tap();
  await page.locator('[data-screen="services"]').waitFor();
  return page;
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'kiosk-ui/dist/index.html'))) throw new Error('kiosk-ui is not built: run `npm run build -w kiosk-ui` first');
  browser = await launchBrowser({ touch: true });
});

afterAll(async () => {
  await browser?.close();
  for (const s of servers) {
    await s.kill();
    rmSync(s.dataDir, { recursive: true, force: true });
  }
});

describe('when a service opens again, as the kiosk says it', () => {
  it('a service closed for today opens tomorrow, not at this morning’s 08.00', async () => {
    const server = await startSimServer({ hours: HOURS }, { start: WED_0700, env: { ANTRE_IGNORE_HOURS: '0' } });
    servers.push(server);
    const admin = await login(server.url, 'admin', ADMIN_PASSWORD);
    expect((await post(server.url, '/api/services/kk/status', admin, { closedToday: true, reason: 'Petugas dinas luar' })).status).toBe(200);
    const page = await kioskAt(server, 'dukcapil');
    const reason = page.getByTestId('reason-kk');
    await expect.poll(() => reason.textContent()).toContain('Petugas dinas luar');
    await screenshot(page, 'kiosk-reopening-closed-today');
    expect(await reason.textContent()).toContain('Buka lagi besok pukul 08.00');
    // KTP-el is only before its hours: it does open at 08.00 today.
    expect(await page.getByTestId('reason-ktp').textContent()).toContain('Buka pukul 08.00');
    await page.close();
  }, 120_000);

  it('with hours ignored (demo), a full service opens tomorrow and one with no counter open names no time', async () => {
    const server = await startSimServer({ hours: HOURS }, { start: WED_0700, env: { ANTRE_IGNORE_HOURS: '1' } });
    servers.push(server);
    const admin = await login(server.url, 'admin', ADMIN_PASSWORD);
    for (let i = 0; i < 3; i++) expect((await post(server.url, '/api/tickets', admin, { serviceId: 'skck' })).status).toBe(201);
    const polres = await kioskAt(server, 'polres');
    const full = polres.getByTestId('reason-skck');
    await expect.poll(() => full.textContent()).toContain('Kuota hari ini sudah habis');
    await screenshot(polres, 'kiosk-reopening-quota-full');
    expect(await full.textContent()).toContain('Buka lagi besok pukul 08.00');
    await polres.close();

    expect((await post(server.url, '/api/counters/loket-4/status', admin, { status: 'closed' })).status).toBe(200);
    const bpn = await kioskAt(server, 'bpn');
    const none = bpn.getByTestId('reason-sertipikat');
    await expect.poll(() => none.textContent()).toContain('Belum ada loket yang buka');
    await screenshot(bpn, 'kiosk-reopening-no-counter');
    expect(await none.textContent()).not.toContain('Buka pukul');
    await bpn.close();
  }, 120_000);
});
