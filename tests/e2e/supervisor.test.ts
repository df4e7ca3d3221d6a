import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { io as connect, type Socket } from 'socket.io-client';
import { localDay, weekdayOfDay, type ClientToServerEvents, type ServerToClientEvents, type Venue } from '@antre/server/contract';
import { ADMIN_PASSWORD, ROOT, login, post, startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { startHarness, ADMIN_PASSWORD as HARNESS_PASSWORD, type Harness } from '../../server/src/testing/harness.ts';
import { loadVenueFile } from '../../server/src/venue/load-venue.ts';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';

const PASSWORD = 'demo-uji-12345';

/** The supervisor pages as a test sees them: log in, read alerts, tiles, hours, the report. */
class SupervisorPage {
  constructor(
    readonly page: Page,
    readonly url: string,
  ) {}

  /** Opens a page logged out, whatever an earlier test left in this browser's storage. */
  async open(path = '/counter/supervisor'): Promise<this> {
    await this.page.goto(`${this.url}${path}`);
    await this.page.evaluate(() => localStorage.removeItem('antre.session'));
    await this.page.reload();
    return this;
  }

  async login(username: string, password = PASSWORD): Promise<void> {
    await this.page.fill('input[name=username]', username);
    await this.page.fill('input[name=password]', password);
    await this.page.click('button[type=submit]');
  }

  alert(serviceId: string, kind: string): string {
    return `.sv-alert[data-service="${serviceId}"][data-kind="${kind}"]`;
  }

  async hours(serviceId: string): Promise<string> {
    return (await this.page.textContent(`tr[data-service="${serviceId}"] [data-testid=hours]`)) ?? '';
  }
}

/** The admin's venue editor: pick a service, set one weekday's hours, save, read the outcome. */
class AdminPage extends SupervisorPage {
  async editServiceHours(serviceId: string, day: string, open: string, close: string): Promise<string> {
    await this.page.click(`.sv-list button[data-service="${serviceId}"]`);
    const form = this.page.locator('[data-testid=service-form]');
    if (!(await form.locator('input[name=ownHours]').isChecked())) await form.locator('input[name=ownHours]').check();
    const dayBox = form.locator(`tr[data-day=${day}] input[type=checkbox]`);
    if (!(await dayBox.isChecked())) await dayBox.check();
    await form.locator(`input[name=${day}-open]`).fill(open);
    await form.locator(`input[name=${day}-close]`).fill(close);
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    const feedback = form.locator('[data-testid=save-feedback]');
    await feedback.waitFor();
    return (await feedback.textContent()) ?? '';
  }
}

let server: ServerProcess;
let supBrowser: Browser;
let adminBrowser: Browser;
let admin: string;
let venue: Venue;
let monitor: SupervisorPage;

async function api(path: string, token = admin): Promise<any> {
  const r = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return r.json();
}

async function issue(serviceId: string): Promise<{ id: string; number: string }> {
  const r = await post(server.url, '/api/tickets', admin, { serviceId });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'counter-ui/dist/index.html'))) throw new Error('counter-ui is not built: run `npm run build -w counter-ui` first');
  // The real venue, except that officers may mark absent at once: the report test plays its day in seconds.
  const dataDir = mkdtempSync(join(tmpdir(), 'antre-e2e-sup-'));
  const real = JSON.parse(readFileSync(join(ROOT, 'server/venues/mpp-simpurusiang.json'), 'utf8')) as { settings?: object };
  real.settings = { ...real.settings, minRecallSeconds: 0, minNoShowSeconds: 0 };
  writeFileSync(join(dataDir, 'venue.json'), JSON.stringify(real));
  server = await startServerProcess({ dataDir, venue: join(dataDir, 'venue.json'), env: { ANTRE_IGNORE_HOURS: '1' } });
  admin = await login(server.url, 'admin', ADMIN_PASSWORD);
  venue = (await api('/api/venue/raw')).venue;
  [supBrowser, adminBrowser] = await Promise.all([launchBrowser(), launchBrowser()]);
});

afterAll(async () => {
  await supBrowser?.close();
  await adminBrowser?.close();
  await server?.kill();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

describe('supervisor pages', () => {
  it('tells an officer the supervisor pages are not for them', async () => {
    const p = new SupervisorPage(await adminBrowser.page(), server.url);
    await p.open();
    await p.login('petugas2');
    await p.page.waitForSelector('text=Halaman ini hanya untuk supervisor dan admin');
    expect(await p.page.textContent('[role=alert]')).toContain('This page is for supervisors and admins only');
    await p.page.getByRole('button', { name: 'Masuk dengan akun lain' }).click();
    await p.page.waitForSelector('input[name=username]');
    await p.page.close();
  });

  it('shows the alert live when visitors wait and no counter serving their service is open', async () => {
    // Akta kelahiran is served at loket-4 only (with akta kematian, KK and KIA).
    const serviceId = 'dukcapil-akta-kelahiran';
    const counters = venue.counters.filter((c) => c.serviceIds.includes(serviceId)).map((c) => c.id);
    expect(counters).toEqual(['loket-4']);
    monitor = new SupervisorPage(await supBrowser.page({ width: 1440, height: 900 }), server.url);
    await monitor.open();
    await monitor.login('supervisor');
    await monitor.page.waitForSelector('.sv-alerts--none');
    await monitor.page.waitForSelector('.sv-conn.is-on');

    await issue(serviceId);
    await issue(serviceId);
    for (const id of counters) expect((await post(server.url, `/api/counters/${id}/status`, admin, { status: 'closed' })).status).toBe(200);

    const alert = await monitor.page.waitForSelector(monitor.alert(serviceId, 'waiting_no_counter'), { timeout: 5000 });
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Akta kelahiran: 2 orang menunggu, tidak ada loket yang buka');
    expect(text).toContain('Birth certificate: 2 waiting and no counter open');
    // The alert may arrive before the board update that closes the tile (updates are gathered for up to a second).
    await expect.poll(() => monitor.page.getAttribute('.sv-tile[data-counter="loket-4"]', 'data-status'), { timeout: 3000 }).toBe('closed');
    await expect.poll(() => monitor.page.textContent(`tr[data-service="${serviceId}"] .sv-services__waiting`), { timeout: 3000 }).toBe('2');
    // The server's GET /api/alerts, computed by the same function, agrees.
    const server_ = await api('/api/alerts');
    const ids = server_.alerts.map((a: { id: string }) => a.id) as string[];
    expect(ids).toContain(`${serviceId}:waiting_no_counter`);
    // During opening hours the counters of today's plan that were closed also read as not open (late opening).
    expect(
      ids.filter((id) => id !== `${serviceId}:waiting_no_counter`).every((id) => /^loket-\d+:late_open$/.test(id)),
      ids.join(', '),
    ).toBe(true);
    await screenshot(monitor.page, 'supervisor-alert');

    // A counter opens again: the alert goes away by itself.
    await post(server.url, '/api/counters/loket-4/status', admin, { status: 'open' });
    await monitor.page.waitForSelector(monitor.alert(serviceId, 'waiting_no_counter'), { state: 'detached', timeout: 5000 });
    await monitor.page.waitForSelector('.sv-alerts--none');
  });

  it('shows an admin’s edit of a service’s hours: GET /api/venue, a venue event, the open monitor, no reload', async () => {
    const serviceId = 'dukcapil-kk';
    const day = weekdayOfDay(localDay(Date.now(), venue.timeZone));
    await monitor.page.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));
    const before = await monitor.hours(serviceId);
    const sock: Socket<ServerToClientEvents, ClientToServerEvents> = connect(server.url, {
      auth: { token: await login(server.url, 'supervisor', PASSWORD) },
      transports: ['websocket'],
    });
    const venueEvent = new Promise<{ version: number }>((resolve) => sock.once('venue', resolve));

    const adminPage = new AdminPage(await adminBrowser.page({ width: 1440, height: 900 }), server.url);
    await adminPage.open('/counter/admin');
    await adminPage.login('admin', ADMIN_PASSWORD);
    await adminPage.page.waitForSelector('[data-testid=service-form]');
    // A wrong time is refused with a message naming the field, and nothing changes.
    const refused = await adminPage.editServiceHours(serviceId, day, '25:00', '16:00');
    expect(refused).toContain('Konfigurasi tempat tidak valid.');
    expect(refused).toMatch(new RegExp(`services\\[1\\] «Kartu Keluarga[^»]*»\\.hours\\.${day}\\.open: must be a time HH:MM`));
    expect(await monitor.hours(serviceId)).toBe(before);

    const saved = await adminPage.editServiceHours(serviceId, day, '07:30', '16:00');
    expect(saved).toContain('sudah tampil di semua layar');
    await screenshot(adminPage.page, 'admin-service-hours');
    const pub = await (await fetch(`${server.url}/api/venue`)).json();
    expect(pub.services.find((s: { id: string }) => s.id === serviceId).hours[day]).toMatchObject({ open: '07:30', close: '16:00' });
    expect((await venueEvent).version).toBe(pub.version);
    sock.disconnect();
    await monitor.page.waitForFunction(
      ([sid]) => document.querySelector(`tr[data-service="${sid}"] [data-testid=hours]`)?.textContent === '07:30–16:00',
      [serviceId],
      { timeout: 5000 },
    );
    expect(await monitor.page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
    await adminPage.page.close();
  });

  it('downloads a report whose CSV matches the day that was played', async () => {
    // The day at loket-1 (petugas1): KTP-el A-001 served, A-002 no-show, A-003 served, A-004 re-routed to KK while waiting.
    const ktp = 'dukcapil-ktp-el';
    const officer = await login(server.url, 'petugas1', PASSWORD);
    const sup = await login(server.url, 'supervisor', PASSWORD);
    const t = [await issue(ktp), await issue(ktp), await issue(ktp), await issue(ktp)];
    const act = async (action: string) => expect((await post(server.url, `/api/counters/loket-1/${action}`, officer)).status).toBe(200);
    await act('call-next');
    await act('start');
    await act('finish');
    await act('call-next');
    await act('no-show');
    const moved = await post(server.url, `/api/tickets/${t[3]!.id}/transfer`, sup, { toServiceId: 'dukcapil-kk', note: 'urus KK dulu' });
    expect(moved.status).toBe(200);
    await act('call-next');
    await act('finish');
    // Some life on the other counters for the monitor's picture.
    for (const s of ['dpmptsp-nib', 'bpjs-kes-daftar', 'samsat-pajak-tahunan', 'polres-skck', 'dpmptsp-nib']) await issue(s);
    for (const c of ['loket-5', 'loket-7', 'loket-12']) await post(server.url, `/api/counters/${c}/call-next`, admin);
    await post(server.url, '/api/counters/loket-9/status', admin, { status: 'break', reason: 'Sholat Dzuhur', minutes: 20 });
    await monitor.page.waitForSelector('.sv-tile[data-counter="loket-9"][data-status=break]');
    await screenshot(monitor.page, 'supervisor-monitor');

    const page = monitor.page;
    await page.click('.sv-top__nav >> text=Laporan');
    await page.waitForSelector('.sv-kpis');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Unduh CSV' }).click();
    const file = await (await download).path();
    const lines = readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    const head = lines[0]!.split(',');
    const rows = new Map(
      lines
        .slice(1)
        .map((l) => l.split(','))
        .map((cells) => [cells[head.indexOf('key')]!, Object.fromEntries(head.map((h, i) => [h, cells[i]!]))]),
    );
    expect(rows.get(ktp)).toMatchObject({
      name: 'KTP-el baru',
      issued: '4',
      served: '2',
      no_show: '1',
      transferred: '1',
      transferred_in: '0',
      expired: '0',
      in_progress: '0',
    });
    expect(rows.get('dukcapil-kk')).toMatchObject({ issued: '0', transferred_in: '1', in_progress: '1' });
    expect(rows.get('dukcapil-akta-kelahiran')).toMatchObject({ issued: '2', in_progress: '2' });
    const total = rows.get('total')!;
    const sum = (col: string) => [...rows.entries()].filter(([k]) => k !== 'total').reduce((n, [, r]) => n + Number(r[col]), 0);
    expect(Number(total.issued)).toBe(sum('issued'));
    expect(Number(total.issued)).toBe(2 + 4 + 5);
    for (const col of ['wait_mean_min', 'wait_p90_min', 'service_mean_min']) expect(Number(rows.get(ktp)![col])).toBeGreaterThanOrEqual(0);
    // The table on the page shows the same row.
    const cells = await page.$$eval(`.sv-report tr[data-key="${ktp}"] td`, (tds) => tds.map((td) => td.textContent));
    expect(cells.slice(0, 5)).toEqual(['4', '0', '2', '1', '1']);
    await page.click(`.sv-report tr[data-key="${ktp}"]`);
    await page.waitForSelector('.sv-chart figcaption:has-text("KTP-el baru")');
    await screenshot(page, 'supervisor-report');
  });
});

/** Seeded random numbers, so the played day is the same on every run. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('a service day played on a test clock', () => {
  let h: Harness;
  let b: Browser;
  afterAll(async () => {
    await b?.close();
    await h?.close();
  });

  it('shows the morning on the monitor and the whole day in the report, hour by hour', async () => {
    h = await startHarness({ venue: loadVenueFile(join(ROOT, 'server/venues/mpp-simpurusiang.json')), uiRoot: ROOT });
    h.clock.t = Date.parse('2026-11-25T00:00:00Z'); // 08:00 WITA, a Wednesday
    const random = rng(20261125);
    // Chances of a visitor per service per three-minute step: about 25 visitors an hour.
    const arrivals: Record<string, number> = {
      'dukcapil-ktp-el': 0.3,
      'dukcapil-kk': 0.15,
      'dukcapil-akta-kelahiran': 0.08,
      'dpmptsp-nib': 0.1,
      'bpjs-kes-daftar': 0.12,
      'samsat-pajak-tahunan': 0.35,
      'polres-skck': 0.12,
    };
    const desks = ['loket-1', 'loket-2', 'loket-3', 'loket-4', 'loket-5', 'loket-7', 'loket-8', 'loket-12', 'loket-13'];
    const busyUntil = new Map<string, number>();
    const perHour = new Array<number>(24).fill(0);
    let issued = 0;
    const call = (path: string, body?: unknown) => h.api(path, { token: h.adminToken, method: 'POST', body });
    const minute = async (m: number, paused: Set<string>) => {
      h.clock.t = Date.parse('2026-11-25T00:00:00Z') + m * 60000;
      if (m <= 390) {
        for (const [serviceId, p] of Object.entries(arrivals)) {
          if (random() >= p) continue;
          const r = await call('/api/tickets', { serviceId });
          if (r.status !== 201) {
            expect(r.status, JSON.stringify(r.body)).toBe(409); // quota full, no counter, outside its hours: a kiosk says no
            continue;
          }
          issued++;
          perHour[8 + Math.floor(m / 60)]!++;
        }
      }
      for (const desk of desks) {
        if (paused.has(desk)) continue;
        const until = busyUntil.get(desk);
        if (until !== undefined && m < until) continue;
        if (until !== undefined) {
          await call(`/api/counters/${desk}/${random() < 0.06 ? 'no-show' : 'finish'}`);
          busyUntil.delete(desk);
        }
        if ((await call(`/api/counters/${desk}/call-next`)).status === 200) busyUntil.set(desk, m + 3 * (2 + Math.floor(random() * 4)));
      }
    };
    // 08:00-10:00 everyone works; then loket-12 (Samsat) stops calling and loket-4 (the only akta desk) closes.
    for (let m = 0; m < 120; m += 3) await minute(m, new Set());
    const paused = new Set(['loket-12', 'loket-4']);
    if (busyUntil.has('loket-4')) await call('/api/counters/loket-4/finish');
    busyUntil.delete('loket-4');
    for (let i = 0; i < 2; i++) {
      expect((await call('/api/tickets', { serviceId: 'dukcapil-akta-kelahiran' })).status).toBe(201);
      issued++;
      perHour[9]!++;
    }
    expect((await call('/api/counters/loket-4/status', { status: 'closed' })).status).toBe(200);
    await call('/api/counters/loket-9/status', { status: 'break', reason: 'Sholat Dhuha', minutes: 30 });
    for (let m = 120; m < 150; m += 3) await minute(m, paused);

    b = await launchBrowser();
    const page = new SupervisorPage(await b.page({ width: 1440, height: 900 }), h.server.url);
    await page.open();
    await page.login('admin', HARNESS_PASSWORD);
    await page.page.waitForSelector(page.alert('dukcapil-akta-kelahiran', 'waiting_no_counter'));
    await page.page.waitForSelector(page.alert('samsat-pajak-tahunan', 'idle_queue'));
    await screenshot(page.page, 'supervisor-monitor-morning');

    // The rest of the day: the desks come back, tickets stop at 14:30, the last visitors are served by 15:00.
    await call('/api/counters/loket-4/status', { status: 'open' });
    for (let m = 150; m <= 420; m += 3) await minute(m, new Set());
    await page.page.click('.sv-top__nav >> text=Laporan');
    await page.page.waitForSelector('.sv-reports__form');
    await page.page.fill('input[name=from]', '2026-11-25');
    await page.page.fill('input[name=to]', '2026-11-25');
    await page.page.getByRole('button', { name: 'Tampilkan' }).click();
    await page.page.waitForFunction((n) => document.querySelector('[data-kpi=kIssued] strong')?.textContent === String(n), issued);
    const bars = await page.page.$$eval('.sv-chart [data-hour]', (gs) =>
      gs.map((g) => [Number(g.getAttribute('data-hour')), Number(g.getAttribute('data-count'))]),
    );
    expect(Object.fromEntries(bars.filter(([, n]) => n! > 0))).toEqual(Object.fromEntries(perHour.map((n, hr) => [hr, n]).filter(([, n]) => n! > 0)));
    const report = (await h.api('/api/reports?from=2026-11-25', { token: h.adminToken })).body;
    expect(report.total.issued).toBe(issued);
    expect(report.total.waitP90Minutes).toBeGreaterThan(report.total.waitMeanMinutes);
    await screenshot(page.page, 'supervisor-report-day');
  }, 120000);
});
