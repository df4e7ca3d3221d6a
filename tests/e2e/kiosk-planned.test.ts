/**
 * The kiosk at 08:05 on the real venue with its roster, before any officer has opened a counter:
 * a planned service takes tickets and says when service starts; an agency marked absent shows
 * closed and is refused with its reason. The clock is moved by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startHarness, type Harness } from '../../server/src/testing/harness.ts';
import { loadVenueFile } from '../../server/src/venue/load-venue.ts';
import { ROOT } from '../support/server-process.ts';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';

const wita = (hhmm: string) => Date.parse(`2026-11-25T${hhmm}:00+08:00`);
let h: Harness;
let b: Browser;

beforeAll(async () => {
  h = await startHarness({ venue: loadVenueFile(join(ROOT, 'server/venues/mpp-simpurusiang.json')), uiRoot: ROOT, demo: false });
  b = await launchBrowser({ touch: true });
});
afterAll(async () => {
  await b?.close();
  await h?.close();
});

describe('the kiosk before the officers sit down', () => {
  it('takes a ticket for a planned service and says when service starts', { timeout: 120_000 }, async () => {
    h.clock.t = wita('07:40');
    // Dukcapil comes late today: 08:30.
    expect((await h.api('/api/agencies/dukcapil/day', { token: h.adminToken, body: { status: 'late', from: '08:30' } })).status).toBe(200);
    expect((await h.api('/api/agencies/polres/day', { token: h.adminToken, body: { status: 'absent', reason: 'Petugas mengikuti apel' } })).status).toBe(200);
    h.clock.t = wita('08:05');
    const created = await h.api('/api/devices', { token: h.adminToken, body: { kind: 'kiosk', name: 'Kios 1', ref: 'kiosk-1' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const page = await b.page({ width: 1080, height: 1920 }, { touch: true });
    await page.goto(`${h.server.url}/kiosk?pair=${created.body.code}`);
    const screen = () => page.locator('[data-screen]').first().getAttribute('data-screen');
    await expect.poll(screen, { timeout: 10000 }).toBe('welcome');
    await page.getByTestId('start').tap();
    await page.getByTestId('agency-dukcapil').tap();
    await page.getByTestId('service-dukcapil-ktp-el').tap();
    await expect.poll(screen).toBe('confirm');
    await page.waitForSelector('[data-testid=service-starts]', { timeout: 5000 });
    expect(await page.textContent('[data-testid=service-starts]')).toContain('Pelayanan dimulai pukul 08.30 WITA');
    await screenshot(page, 'kiosk-before-opening');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/tickets') && r.request().method() === 'POST'),
      page.getByTestId('take').tap(),
    ]);
    expect(res.status()).toBe(201);
    await page.waitForSelector('[data-testid=ticket-starts]');
    await screenshot(page, 'kiosk-ticket-before-opening');
    // The absent agency is shown closed among the agencies (no ticket is taken for it).
    await page.getByTestId('done').tap();
    await page.getByTestId('start').tap();
    await page.waitForSelector('[data-testid=agency-polres]');
    await screenshot(page, 'kiosk-agency-absent');
    const refused = await h.api('/api/tickets', { token: h.adminToken, body: { serviceId: 'polres-skck' } });
    expect(refused.body.error).toMatchObject({ code: 'SERVICE_CLOSED', details: { reason: 'Petugas mengikuti apel' } });
  });
});
