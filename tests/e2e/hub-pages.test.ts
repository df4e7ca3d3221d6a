// The hub's pages in Chromium against the real hub (PostgreSQL started by the test): sites created
// through the admin API, batches posted as a site's sender posts them, one site in trouble and one
// silent, then every page looked at and photographed at 1366x768.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { HubBatch, HubBatchAnswer, HubSitesResponse, PublicVenue } from '@antre/server/contract';
import { ROOT } from '../support/server-process.ts';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';
import { addDays } from '@antre/server/contract';
import { batch, counterRowEvent, counterStates, dayOf, feedEvents, liveOf, noCallAlert, siteVenue, survey, ticket } from './hub-site-fixtures.ts';

const HUB_ENTRY = join(ROOT, 'hub/src/index.ts');
import { HAVE_POSTGRES } from '../hub/support.ts';

/** The hub's library entry as its interface describes it. */
interface HubModule {
  startThrowawayPostgres(opts?: unknown): Promise<{ url: string; stop(): Promise<void> }>;
  startHub(opts: {
    databaseUrl: string;
    port: number;
    adminPassword: string;
    uiDir?: string;
    clock?: () => number;
  }): Promise<{ url: string; close(): Promise<void> }>;
}

const ADMIN_PASSWORD = 'pusat-uji-12345';
const VIEW = { width: 1366, height: 768 };
const MIN = 60_000;
const SITES = {
  trouble: { siteId: 'luwu-belopa', name: 'MPP Kabupaten Luwu (Belopa)', region: 'Kabupaten Luwu' },
  fine: { siteId: 'luwu-walmas', name: 'MPP Walenrang-Lamasi', region: 'Kabupaten Luwu' },
  silent: { siteId: 'palopo', name: 'MPP Kota Palopo', region: 'Kota Palopo' },
};

/** The hub's pages as a person uses them. */
class HubPages {
  constructor(
    readonly page: Page,
    readonly url: string,
  ) {}
  async login(username: string, password: string): Promise<void> {
    await this.page.goto(`${this.url}/`);
    await this.page.fill('input[name=username]', username);
    await this.page.fill('input[name=password]', password);
    await this.page.click('button[type=submit]');
    await this.page.waitForSelector('.hub-main');
  }
  async go(hash: string): Promise<void> {
    await this.page.evaluate((h) => (window.location.hash = h), hash);
  }
  card(siteId: string) {
    return this.page.locator(`.hub-card[data-site="${siteId}"]`);
  }
  async cardOrder(): Promise<string[]> {
    return this.page.locator('.hub-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-site') ?? ''));
  }
}

let hubUrl: string;
let hub: { close(): Promise<void> } | undefined;
let db: { stop(): Promise<void> } | undefined;
let browser: Browser | undefined;
let pages: HubPages;
let adminToken: string;
/** The hub's clock: moved by the test, so "silent for five minutes" takes no five minutes. */
let hubNow = Date.now();
const credentials = new Map<string, string>();
let troubleTickets = 0;
/** What the site in trouble last sent, to send it again changed. */
let troubleLive: HubBatch['live'];
let troubleNextSeq = 1;

async function call<T = any>(method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(`${hubUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, body: (text ? JSON.parse(text) : null) as T };
}

async function send(siteId: string, b: HubBatch): Promise<HubBatchAnswer> {
  const r = await call<HubBatchAnswer>('POST', '/hub/v1/ingest', credentials.get(siteId)!, b);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

/** A site's day so far: `waiting` visitors waiting, `done` served (with SKM answers), one at a desk. */
function siteDay(venue: PublicVenue, opts: { waiting: number; done: number; noCallMinutes: number | null; openCounters: number }, now: number) {
  const day = dayOf(now);
  const svc = venue.services[0]!;
  const tickets = [
    ...Array.from({ length: opts.done }, (_, i) => ticket(day, i + 1, svc.id, svc.agencyId, 'done', now - 180 * MIN + i * MIN, 'loket-1')),
    ticket(day, opts.done + 1, svc.id, svc.agencyId, 'serving', now - 40 * MIN, 'loket-1'),
    ...Array.from({ length: opts.waiting }, (_, i) => ticket(day, opts.done + 2 + i, svc.id, svc.agencyId, 'waiting', now - 35 * MIN + i * MIN)),
  ];
  const surveys = tickets
    .filter((t) => t.status === 'done')
    .slice(0, 4)
    .map((t) => survey(t, [4, 3, 4, 3, 4, 4, 3, 4, 4]));
  const lastCall = now - (opts.noCallMinutes ?? 2) * MIN;
  const counters = counterStates(venue, opts.openCounters, lastCall, tickets[opts.done]!);
  const alerts = opts.noCallMinutes === null ? [] : [noCallAlert(venue, svc.id, opts.waiting, opts.noCallMinutes, now)];
  return { tickets, surveys, live: liveOf(day, tickets, counters, alerts, 18) };
}

// Skipped (with the hub tests' message) only where PostgreSQL is not installed.
describe.skipIf(!HAVE_POSTGRES)('hub pages on the real hub', () => {
  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'hub-ui/dist/index.html'))) throw new Error('hub-ui is not built: run `npm run build -w hub-ui` first');
    const mod = (await import(/* @vite-ignore */ HUB_ENTRY)) as HubModule;
    const pg = await mod.startThrowawayPostgres();
    db = pg;
    const started = await mod.startHub({ databaseUrl: pg.url, port: 0, adminPassword: ADMIN_PASSWORD, uiDir: join(ROOT, 'hub-ui/dist'), clock: () => hubNow });
    hub = started;
    hubUrl = started.url.replace(/\/$/, '');
    const login = await call('POST', '/hub/v1/auth/login', null, { username: 'admin', password: ADMIN_PASSWORD });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    adminToken = login.body.token;
    for (const s of Object.values(SITES)) {
      const r = await call('POST', '/hub/v1/sites', adminToken, s);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      credentials.set(s.siteId, r.body.credential);
    }

    // The silent site reports once, then nothing for five minutes.
    const silentVenue = siteVenue(SITES.silent.siteId, SITES.silent.name);
    const silent = siteDay(silentVenue, { waiting: 3, done: 5, noCallMinutes: null, openCounters: 2 }, hubNow);
    await send(SITES.silent.siteId, batch(SITES.silent.siteId, 1, feedEvents(1, hubNow, silent.tickets, []), silent.live, hubNow, silentVenue));
    hubNow += 5 * MIN;

    // The site in trouble: 14 waiting, nobody called for 32 minutes.
    const troubleVenue = siteVenue(SITES.trouble.siteId, SITES.trouble.name);
    const trouble = siteDay(troubleVenue, { waiting: 14, done: 20, noCallMinutes: 32, openCounters: 3 }, hubNow);
    troubleTickets = trouble.tickets.length;
    const yesterday = addDays(dayOf(hubNow), -1);
    const events = [
      counterRowEvent(1, hubNow - 20 * 60 * MIN, yesterday, 'loket-1', 'Loket 1'),
      ...feedEvents(2, hubNow - MIN, trouble.tickets, trouble.surveys),
    ];
    // Two batches, as a sender that caught up in steps sends them.
    await send(SITES.trouble.siteId, batch(SITES.trouble.siteId, 1, events.slice(0, 10), trouble.live, hubNow, troubleVenue));
    const second = await send(SITES.trouble.siteId, batch(SITES.trouble.siteId, 11, events.slice(10), trouble.live, hubNow));
    expect(second.nextSeq).toBe(events.length + 1);
    troubleLive = trouble.live;
    troubleNextSeq = second.nextSeq;

    const fineVenue = siteVenue(SITES.fine.siteId, SITES.fine.name);
    const fine = siteDay(fineVenue, { waiting: 6, done: 6, noCallMinutes: null, openCounters: 4 }, hubNow);
    // Its queues are fine, but its server's clock runs three minutes fast.
    await send(
      SITES.fine.siteId,
      batch(SITES.fine.siteId, 1, feedEvents(1, hubNow + 3 * MIN, fine.tickets, fine.surveys), fine.live, hubNow + 3 * MIN, fineVenue),
    );

    browser = await launchBrowser();
    pages = new HubPages(await browser.page(VIEW), hubUrl);
    await pages.login('admin', ADMIN_PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    await db?.stop();
  });

  it('shows every site live, the one in trouble first with its alert, the silent one offline', async () => {
    const sites = await call<HubSitesResponse>('GET', '/hub/v1/sites', adminToken);
    expect(sites.body.sites.map((s) => s.siteId).sort()).toEqual(
      Object.values(SITES)
        .map((s) => s.siteId)
        .sort(),
    );
    const trouble = pages.card(SITES.trouble.siteId);
    await trouble.locator('.hub-alert--critical[data-kind=idle_queue]').waitFor({ timeout: 10_000 });
    expect((await pages.cardOrder())[0]).toBe(SITES.trouble.siteId);
    expect(await trouble.getAttribute('data-level')).toBe('critical');
    expect(await trouble.locator('.hub-alert--critical .hub-alert__minutes').textContent()).toBe('32 mnt');
    expect(await trouble.locator('.hub-alert--critical').textContent()).toContain('tidak ada panggilan selama 32 menit');
    expect(await trouble.locator('[data-testid=waiting] strong').textContent()).toBe('14');

    const silent = pages.card(SITES.silent.siteId);
    expect(await silent.getAttribute('data-level')).toBe('offline');
    expect(await silent.locator('[data-testid=presence]').textContent()).toBe('LURING');
    expect(await silent.locator('[data-testid=offline]').textContent()).toContain('5 mnt');
    const skewed = pages.card(SITES.fine.siteId);
    expect(await skewed.getAttribute('data-level')).toBe('notice');
    expect(await skewed.locator('[data-testid=skew]').textContent()).toBe('selisih jam +3 mnt');
    expect(await skewed.locator('[data-testid=notices]').textContent()).toContain('Jam MPP selisih +3 mnt dari pusat');
    expect(await skewed.locator('[data-testid=notices]').textContent()).toContain('Jam MPP tidak sesuai');
    expect(await pages.cardOrder()).toEqual([SITES.trouble.siteId, SITES.silent.siteId, SITES.fine.siteId]);
    // Province totals count the online sites only: 14 + 6 waiting (not the silent site's 3).
    expect(await pages.page.locator('[data-total=tWaiting] strong').textContent()).toBe('20');
    expect(await pages.page.locator('[data-total=tSites] strong').textContent()).toBe('2 / 3');
    await screenshot(pages.page, 'hub-all-sites-1366x768');
    // English on request, remembered; Bahasa Indonesia again for the rest.
    await pages.page.getByRole('button', { name: 'English' }).click();
    expect(await silent.locator('[data-testid=presence]').textContent()).toBe('OFFLINE');
    expect(await trouble.locator('.hub-alert--critical').textContent()).toContain('no call for 32 min');
    await screenshot(pages.page, 'hub-all-sites-en-1366x768');
    await pages.page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    // One regency or city at a time, the totals with it.
    await pages.page.locator('.hub-regions [data-region="Kota Palopo"]').click();
    expect(await pages.cardOrder()).toEqual([SITES.silent.siteId]);
    expect(await pages.page.locator('[data-total=tSites] strong').textContent()).toBe('0 / 1');
    await pages.page.locator('.hub-regions [data-region="*"]').click();
    expect(await pages.cardOrder()).toHaveLength(3);
  });

  it("follows a site's next summary without a reload", async () => {
    const waiting = pages.card(SITES.trouble.siteId).locator('[data-testid=waiting] strong');
    expect(await waiting.textContent()).toBe('14');
    const sentAt = Date.now();
    await send(SITES.trouble.siteId, batch(SITES.trouble.siteId, troubleNextSeq, [], { ...troubleLive, waiting: 15 }, hubNow));
    await expect.poll(() => waiting.textContent(), { timeout: 15_000, interval: 100 }).toBe('15');
    // A liveness bound, not a speed target: the page polls every 3 s.
    console.log(`hub-pages: a site's summary reached the all-sites page ${Date.now() - sentAt} ms after its batch was sent`);
    await send(SITES.trouble.siteId, batch(SITES.trouble.siteId, troubleNextSeq, [], troubleLive, hubNow));
    await expect.poll(() => waiting.textContent(), { timeout: 15_000 }).toBe('14');
  });

  it('shows a site with the supervisor tiles of its counters per floor and its alert', async () => {
    await pages.card(SITES.trouble.siteId).locator('h2 a').click();
    await pages.page.locator('.sv-tile').first().waitFor({ timeout: 10_000 });
    const venue = siteVenue(SITES.trouble.siteId, SITES.trouble.name);
    expect(await pages.page.locator('.sv-floor').count()).toBe(venue.floors.length);
    expect(await pages.page.locator('.sv-tile').count()).toBe(venue.counters.length);
    expect(await pages.page.locator('.sv-tile[data-counter="loket-1"]').getAttribute('data-status')).toBe('open');
    expect(await pages.page.locator('.sv-tile[data-counter="loket-1"] .sv-tile__number').textContent()).toBe('A-021');
    expect(await pages.page.locator(`.sv-tile[data-counter="${venue.counters.at(-1)!.id}"]`).getAttribute('data-status')).toBe('closed');
    await pages.page.locator('.sv-alert--critical[data-kind=idle_queue]').waitFor();
    // Read-only: nobody acknowledges or re-routes a site's alert from the hub.
    expect(await pages.page.locator('.sv-alert button').count()).toBe(0);
    const record = pages.page.locator('[data-testid=accountability] li').first();
    await record.waitFor({ timeout: 10_000 });
    expect(await record.textContent()).toContain('Loket · Loket 1');
    expect(await record.textContent()).toContain('41 panggilan, 38 dilayani, 3 tidak hadir · buka telat 12 mnt · diam 35 mnt saat ada antrean');
    await screenshot(pages.page, 'hub-site-1366x768');
  });

  it('reports each site and every site together over a range, with the IKM', async () => {
    await pages.go('#/reports');
    const row = pages.page.locator(`table[data-testid=report] tr[data-site="${SITES.trouble.siteId}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.locator('td').first().textContent()).toBe(String(troubleTickets));
    expect(await row.locator('[data-testid=ikm]').textContent()).toMatch(/\d/);
    expect(await pages.page.locator('table[data-testid=report] tfoot tr').count()).toBe(1);
    // The CSV says what the table says.
    const [download] = await Promise.all([pages.page.waitForEvent('download'), pages.page.getByRole('button', { name: 'Unduh CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .replace(/^\ufeff/, '')
      .split('\r\n');
    expect(csv[0]).toMatch(/^Kode MPP,MPP,Diambil,Selesai,/);
    expect(csv.find((l) => l.startsWith(`${SITES.trouble.siteId},`))).toMatch(
      new RegExp(`^${SITES.trouble.siteId},${SITES.trouble.name.replace(/[()]/g, '\\$&')},${troubleTickets},20,`),
    );
    await screenshot(pages.page, 'hub-reports-1366x768');
  });

  it('adds a site and shows its credential once, which the hub then accepts from that site', async () => {
    await pages.go('#/admin');
    const form = pages.page.locator('[data-testid=add-site]');
    // A site id the hub refuses: its reason in both languages, field by field, and nothing added.
    await form.locator('input[name=siteId]').fill('Bajo Baru');
    await form.locator('input[name=name]').fill('MPP Bajo');
    await form.locator('input[name=region]').fill('Kabupaten Luwu');
    await form.locator('button[type=submit]').click();
    const refusal = pages.page.locator('[data-testid=admin-sites] .sv-note--error');
    await refusal.waitFor({ timeout: 10_000 });
    expect(await refusal.textContent()).toContain('Data yang dikirim tidak valid.');
    expect(await refusal.textContent()).toContain('The request data is invalid.');
    expect(await refusal.locator('li').first().textContent()).toMatch(/^siteId: /);
    expect((await call<HubSitesResponse>('GET', '/hub/v1/sites', adminToken)).body.sites).toHaveLength(3);
    await form.locator('input[name=siteId]').fill('luwu-bajo');
    await form.locator('input[name=name]').fill('MPP Bajo');
    await form.locator('input[name=region]').fill('Kabupaten Luwu');
    await form.locator('button[type=submit]').click();
    const shown = pages.page.locator('[data-testid=credential]');
    await shown.waitFor({ timeout: 10_000 });
    const credential = (await shown.textContent()) ?? '';
    expect(credential).toMatch(/^hs_luwu-bajo_/);
    credentials.set('luwu-bajo', credential);
    await screenshot(pages.page, 'hub-admin-credential-1366x768');
    const venue = siteVenue('luwu-bajo', 'MPP Bajo');
    const day = siteDay(venue, { waiting: 0, done: 0, noCallMinutes: null, openCounters: 1 }, hubNow);
    await send('luwu-bajo', batch('luwu-bajo', 1, [], day.live, hubNow, venue));
    await pages.page.getByRole('button', { name: 'Selesai' }).click();
    await pages.page.locator('[data-testid=admin-sites] tr[data-site="luwu-bajo"]').waitFor();
    await screenshot(pages.page, 'hub-admin-1366x768');
  });

  it('gives a site a new credential (the old one stops working), then revokes it: the site is refused and shown revoked', async () => {
    const old = credentials.get('luwu-bajo')!;
    const venue = siteVenue('luwu-bajo', 'MPP Bajo');
    const heartbeat = batch('luwu-bajo', 1, [], siteDay(venue, { waiting: 0, done: 0, noCallMinutes: null, openCounters: 1 }, hubNow).live, hubNow);
    pages.page.once('dialog', (d) => void d.accept());
    await pages.page.locator('[data-testid=admin-sites] tr[data-site="luwu-bajo"] button[data-action=rotate]').click();
    const shown = pages.page.locator('[data-testid=credential]');
    await shown.waitFor({ timeout: 10_000 });
    const fresh = (await shown.textContent()) ?? '';
    expect(fresh).toMatch(/^hs_luwu-bajo_/);
    expect(fresh).not.toBe(old);
    await pages.page.getByRole('button', { name: 'Selesai' }).click();
    expect((await call('POST', '/hub/v1/ingest', old, heartbeat)).status).toBe(401);
    credentials.set('luwu-bajo', fresh);
    await send('luwu-bajo', heartbeat);

    pages.page.once('dialog', (d) => void d.accept());
    await pages.page.locator('[data-testid=admin-sites] tr[data-site="luwu-bajo"] button[data-action=revoke]').click();
    await pages.page.locator('[data-testid=admin-sites] .sv-note--ok').waitFor({ timeout: 10_000 });
    const refused = await call('POST', '/hub/v1/ingest', fresh, heartbeat);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('SITE_REVOKED');
    await pages.go('#/');
    await expect.poll(() => pages.card('luwu-bajo').locator('[data-testid=presence]').textContent(), { timeout: 10_000 }).toBe('Kredensial dicabut');
  });

  it("sends a venue to a site and shows the site's refusal with its reason", async () => {
    await pages.go('#/admin');
    const form = pages.page.locator('[data-testid=config-form]');
    await form.locator('select[name=site]').selectOption(SITES.fine.siteId);
    await form.locator('textarea[name=venue]').fill('{ not json');
    await form.locator('button[type=submit]').click();
    expect(await pages.page.locator('[data-testid=admin-config] .sv-note--error').textContent()).toContain('JSON tidak valid');
    await form.locator('textarea[name=venue]').fill(JSON.stringify({ id: 'walmas', floors: [] }));
    await form.locator('button[type=submit]').click();
    await pages.page.locator('[data-testid=admin-config] .sv-note--ok').waitFor({ timeout: 10_000 });
    const pulled = await call('GET', '/hub/v1/site/config?since=0', credentials.get(SITES.fine.siteId)!);
    expect(pulled.status).toBe(200);
    const reason = { id: 'Denah tidak valid: floors kosong', en: 'Invalid venue: no floors' };
    const res = await call('POST', '/hub/v1/site/config/result', credentials.get(SITES.fine.siteId)!, {
      version: pulled.body.version,
      outcome: 'refused',
      reason,
    });
    expect(res.status).toBe(204);
    const row = pages.page.locator(`[data-testid=config-history] tr[data-version="${pulled.body.version}"]`);
    await expect.poll(() => row.getAttribute('data-outcome'), { timeout: 15_000 }).toBe('refused');
    expect(await row.textContent()).toContain(reason.id);
    await row.scrollIntoViewIfNeeded();
    await screenshot(pages.page, 'hub-admin-config-refused-1366x768');
  });

  it('adds a viewer, who sees every site but not the central admin', async () => {
    const form = pages.page.locator('[data-testid=add-user]');
    await form.locator('input[name=new-username]').fill('pemantau1');
    await form.locator('input[name=new-password]').fill('lihat-saja-123');
    await form.locator('button[type=submit]').click();
    await pages.page.locator('[data-testid=admin-users] tr[data-user="pemantau1"]').waitFor({ timeout: 10_000 });
    await pages.page.getByRole('button', { name: 'Keluar' }).click();
    // A wrong password: the hub's refusal in both languages, still on the log-in card.
    await pages.page.fill('input[name=username]', 'pemantau1');
    await pages.page.fill('input[name=password]', 'salah-sandi-999');
    await pages.page.click('button[type=submit]');
    const refusal = pages.page.locator('.sv-login [role=alert]');
    await refusal.waitFor({ timeout: 10_000 });
    expect(await refusal.textContent()).toBe('Nama pengguna atau kata sandi salah.Wrong username or password.');
    await pages.login('pemantau1', 'lihat-saja-123');
    await pages.card(SITES.trouble.siteId).waitFor({ timeout: 10_000 });
    expect(await pages.page.locator('.sv-top__nav a').allTextContents()).toEqual(['Semua MPP', 'Laporan']);
    await pages.go('#/admin');
    expect(await pages.page.locator('.hub-main [role=alert]').textContent()).toContain('hanya untuk admin pusat');
    expect(await pages.page.locator('[data-testid=admin-sites]').count()).toBe(0);
    // A token the hub no longer accepts ends the session and says why.
    await pages.go('#/');
    await pages.page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem('antre.hub.session')!);
      localStorage.setItem('antre.hub.session', JSON.stringify({ ...s, token: 'not-a-token' }));
    });
    await pages.page.reload();
    await pages.page.locator('.sv-login [role=status]').waitFor({ timeout: 10_000 });
    expect(await pages.page.locator('.sv-login [role=status]').textContent()).toBe('Sesi Anda berakhir. Silakan masuk lagi.');
    await pages.login('pemantau1', 'lihat-saja-123');
  });

  it('says plainly when the hub stops answering, and does not then call the sites offline', async () => {
    await pages.go('#/');
    await pages.card(SITES.trouble.siteId).waitFor();
    await hub!.close();
    hub = undefined;
    const status = pages.page.locator('.sv-top .sv-conn.is-off');
    await status.waitFor({ timeout: 20_000 });
    expect(await status.textContent()).toMatch(/^Pusat tidak menjawab — data terakhir \d\d:\d\d$/);
    // A minute on, the sites are still shown as they were last reported, not as gone silent.
    await pages.page.clock.install();
    await pages.page.clock.runFor(60_000);
    // Any render reads the clock: switching the language twice makes one for sure.
    await pages.page.getByRole('button', { name: 'English' }).click();
    await pages.page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    expect(await pages.card(SITES.trouble.siteId).getAttribute('data-level')).toBe('critical');
    expect(await pages.card(SITES.fine.siteId).locator('[data-testid=presence]').textContent()).toMatch(/^Daring/);
    await screenshot(pages.page, 'hub-unreachable-1366x768');
  });
});
