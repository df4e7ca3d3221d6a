/**
 * The real day on the supervisor pages: a lunch break overrun raising its alert on the monitor
 * (acknowledged there), an agency marked absent, and the daily summary with the alert history and
 * the accountability record, on the real venue with its roster and hours, the clock moved by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../../server/src/testing/harness.ts';
import { loadVenueFile } from '../../server/src/venue/load-venue.ts';
import { ROOT } from '../support/server-process.ts';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';

const DAY = '2026-11-25'; // a Wednesday
const wita = (hhmm: string) => Date.parse(`${DAY}T${hhmm}:00+08:00`);
let h: Harness;
let b: Browser;
let officer: string;
/** A-002, the elderly visitor who waited through lunch. */
let elderly: { id: string; number: string };

const post = async (path: string, token: string, body?: unknown) => {
  const r = await h.api(path, { token, method: 'POST', body });
  expect(r.status, `${path} ${JSON.stringify(r.body)}`).toBeLessThan(300);
  return r.body;
};
async function at(hhmm: string): Promise<void> {
  h.clock.t = wita(hhmm);
  await h.server.ticker.tick();
}
async function login(page: Page, path: string, username: string): Promise<void> {
  await page.goto(`${h.server.url}${path}`);
  // One browser profile for both tests: start logged out whatever the last page left.
  await page.evaluate(() => localStorage.removeItem('antre.session'));
  await page.reload();
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', 'sandi-uji-12345');
  await page.click('button[type=submit]');
}

beforeAll(async () => {
  h = await startHarness({ venue: loadVenueFile(join(ROOT, 'server/venues/mpp-simpurusiang.json')), uiRoot: ROOT, demo: false });
  h.clock.t = wita('07:45');
  await post('/api/users', h.adminToken, { username: 'kepala', name: 'Kepala MPP', password: 'sandi-uji-12345', role: 'supervisor' });
  await post('/api/users', h.adminToken, {
    username: 'petugas1',
    name: 'Andi (Loket 1)',
    password: 'sandi-uji-12345',
    role: 'officer',
    counterIds: ['loket-1'],
  });
  officer = await h.login('petugas1', 'sandi-uji-12345');
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
  await h?.close();
});

describe('the daily record on the supervisor pages', () => {
  it('takes tickets at 08:00 before any counter opens, then shows a lunch overrun alert live and lets it be acknowledged', async () => {
    await at('08:00');
    const first = await post('/api/tickets', officer, { serviceId: 'dukcapil-ktp-el' });
    expect(first).toMatchObject({ number: 'A-001', serviceStartsAt: wita('08:00') });
    // Every rostered Wednesday desk opens on time but loket-5 (late) and loket-1 (08:10).
    const plan = (await h.api('/api/plan', { token: h.adminToken })).body as { counters: { counterId: string }[] };
    for (const c of plan.counters)
      if (c.counterId !== 'loket-5' && c.counterId !== 'loket-1') await post(`/api/counters/${c.counterId}/status`, h.adminToken, { status: 'open' });
    await at('08:10');
    await post('/api/counters/loket-1/status', officer, { status: 'open' });
    await post('/api/counters/loket-1/call-next', officer);
    await at('08:20');
    await post('/api/counters/loket-1/finish', officer);
    await at('12:00');
    const c1 = (await h.api('/api/counters')).body.counters.find((c: { counterId: string }) => c.counterId === 'loket-1');
    expect(c1).toMatchObject({ status: 'break', breakUntil: wita('13:00') });
    elderly = await post('/api/tickets', officer, { serviceId: 'dukcapil-ktp-el', priority: 'lansia' });

    // Every other desk is back from lunch on time.
    await at('13:00');
    for (const c of plan.counters)
      if (c.counterId !== 'loket-5' && c.counterId !== 'loket-1') await post(`/api/counters/${c.counterId}/status`, h.adminToken, { status: 'open' });
    const page = await b.page({ width: 1366, height: 768 });
    await login(page, '/counter/supervisor', 'kepala');
    await page.waitForSelector('.sv-conn.is-on');
    await at('13:10');
    const card = await page.waitForSelector('.sv-alert[data-kind="break_overrun"][data-counter="loket-1"]', { timeout: 5000 });
    expect(await card.textContent()).toContain('Loket 1 (Andi (Loket 1)): belum kembali 10 menit setelah istirahat');
    expect(await card.textContent()).toContain('terlama A-002 (lansia)');
    await page.waitForSelector('.sv-alert[data-kind="late_open"][data-counter="loket-5"]');
    await card.$('button[data-action=ack]').then((btn) => btn!.click());
    await page.waitForSelector('.sv-alert[data-kind="break_overrun"].is-acked');
    expect(await page.textContent('.sv-alert[data-kind="break_overrun"] .sv-alert__meta')).toContain('dilihat Kepala MPP 13:10');
    await screenshot(page, 'supervisor-alert-list');
    // The officer comes back: the alert ends by itself.
    await post('/api/counters/loket-1/call-next', officer);
    await at('13:12');
    await page.waitForSelector('.sv-alert[data-kind="break_overrun"][data-counter="loket-1"]', { state: 'detached', timeout: 5000 });
    await page.close();
  });

  it('lets the officer finish with missing papers, and the visitor page lists them', async () => {
    await at('13:20');
    const page = await b.page({ width: 1366, height: 768 });
    await login(page, '/counter', 'petugas1');
    await page.waitForSelector('[data-action=outcome]', { timeout: 10000 });
    await page.click('[data-action=outcome]');
    await page.check('input[name=missing][value="0"]');
    await screenshot(page, 'console-outcome');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/counters/loket-1/finish') && r.request().method() === 'POST'),
      page.click('.modal [type=submit], .modal button:has-text("Selesai")'),
    ]);
    expect(res.status()).toBe(200);
    const view = (await h.api(`/api/tickets/${elderly.id}`)).body;
    expect(view.outcome).toMatchObject({ outcome: 'berkas_tidak_lengkap', missing: [expect.any(String)] });
    const visitor = await b.page({ width: 390, height: 844 });
    await visitor.goto(`${h.server.url}/t/${elderly.id}`);
    await visitor.waitForSelector('[data-testid=tp-missing] li');
    expect(await visitor.textContent('[data-testid=tp-missing]')).toContain(view.outcome.missing[0]);
    await screenshot(visitor, 'ticket-page-missing');
    await visitor.close();
    await page.close();
  });

  it('marks an agency absent from the daily page and prints the daily summary with the alert history', async () => {
    const page = await b.page({ width: 1366, height: 768 });
    page.on('dialog', (d) => void d.accept('Petugas dinas luar'));
    await login(page, '/counter/supervisor/day', 'kepala');
    await page.click('tr[data-agency="kemenag"] >> text=Tidak hadir…');
    await page.waitForSelector('tr[data-agency="kemenag"][data-status="absent"]');
    const refused = await h.api('/api/tickets', { token: officer, method: 'POST', body: { serviceId: 'kemenag-haji' } });
    expect(refused.body.error).toMatchObject({ code: 'SERVICE_CLOSED', details: { reason: 'Petugas dinas luar' } });
    await at('15:30');
    await page.reload();
    const row = await page.waitForSelector('[data-testid=acc-counters] tr[data-row="loket-1"]');
    const cells = await row.$$eval('td', (tds) => tds.map((td) => td.textContent));
    expect(cells.slice(1, 5)).toEqual(['08:00', '08:10', '08:10', '10']);
    expect(cells[6]).toContain('Istirahat 70');
    await page.waitForSelector('[data-testid=alert-history] tr[data-kind="break_overrun"]');
    await screenshot(page, 'supervisor-daily-summary');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'supervisor-daily-summary-print');
    const csv = await fetch(`${h.server.url}/api/accountability.csv?day=${DAY}`, { headers: { authorization: `Bearer ${h.adminToken}` } });
    const bytes = Buffer.from(await csv.arrayBuffer());
    const text = bytes.toString('utf8');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    // UTF-8 BOM, then the separator line Excel reads.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.slice(1).startsWith('sep=;\r\n')).toBe(true);
    expect(text).toContain(';loket;loket-1;Loket 1;dukcapil;Andi (Loket 1);08:00;08:10;08:10;10;');
  });
});
