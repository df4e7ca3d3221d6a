import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeEscPos, textLines } from '../../printers/src/index.ts';
import { FaultPrinter } from '../../printers/src/testing/fault-printer.ts';
import { testVenueInput } from '../../server/src/testing/builders.ts';
import type { Page } from 'playwright-core';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';
import { ADMIN_PASSWORD, freePort, login, post, ROOT, startServerProcess, type ServerProcess } from '../support/server-process.ts';

// The kiosk and the visitor's ticket page in Debian's Chromium, driven by touch, against a real
// server process on a temp data dir (the small all-day test venue; the real demo venue for the
// screenshots). Nothing of the server or socket is mocked.

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };
const PHONE = { width: 390, height: 844 };

interface IssuedTicket {
  id: string;
  number: string;
  serviceId: string;
  status: string;
  ahead: number;
  url: string;
  print: { state: string };
}

/** Page model of the kiosk: every step is a tap, as a visitor's finger would do it. */
class Kiosk {
  constructor(readonly page: Page) {}
  screen() {
    return this.page.locator('[data-screen]').first();
  }
  async expectScreen(name: string, timeout = 5000) {
    await expect.poll(() => this.screen().getAttribute('data-screen'), { timeout }).toBe(name);
  }
  async start() {
    await this.page.getByTestId('start').tap();
    await this.expectScreen('agencies');
  }
  async agency(id: string) {
    await this.page.getByTestId(`agency-${id}`).tap();
    await this.expectScreen('services');
  }
  async service(id: string) {
    await this.page.getByTestId(`service-${id}`).tap();
    await this.expectScreen('confirm');
  }
  /** Taps "take ticket" and answers what the server said (201 body or error body). */
  async take(): Promise<{ status: number; body: any }> {
    const [res] = await Promise.all([
      this.page.waitForResponse((r) => r.url().endsWith('/api/v1/tickets') && r.request().method() === 'POST'),
      this.page.getByTestId('take').tap(),
    ]);
    return { status: res.status(), body: await res.json() };
  }
  async type(text: string) {
    for (const ch of text.toUpperCase()) await this.page.locator(`.key[data-key="${ch}"]`).tap();
  }
  async home() {
    await this.page.getByTestId('home').tap();
    await this.expectScreen('welcome');
  }
}

async function api(url: string, path: string, token?: string): Promise<any> {
  const r = await fetch(`${url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return r.json();
}

/** Registers a kiosk device as the admin and answers its one-time pairing code. */
async function newKioskCode(url: string, admin: string, name: string): Promise<string> {
  const r = await post(url, '/api/devices', admin, { kind: 'kiosk', name, ref: 'kiosk-1' });
  expect(r.status).toBe(201);
  return r.body.code as string;
}

describe('kiosk on the test venue', () => {
  let server: ServerProcess;
  let browser: Browser;
  let admin: string;
  let kiosk: Kiosk;

  beforeAll(async () => {
    server = await startServerProcess();
    admin = await login(server.url, 'admin', ADMIN_PASSWORD);
    browser = await launchBrowser({ touch: true });
    kiosk = new Kiosk(await browser.page(PORTRAIT));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.kill();
    if (server) rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('pairs once from the link, then takes a ticket by touch from welcome to printed', async () => {
    const errors: string[] = [];
    kiosk.page.on('pageerror', (e) => errors.push(e.message));
    const code = await newKioskCode(server.url, admin, 'Kios uji');
    await kiosk.page.goto(`${server.url}/kiosk?pair=${code}`);
    await kiosk.expectScreen('welcome', 10000);
    expect(new URL(kiosk.page.url()).searchParams.has('pair')).toBe(false);
    await kiosk.page.reload();
    await kiosk.expectScreen('welcome');

    await kiosk.start();
    await kiosk.agency('dukcapil');
    await kiosk.service('ktp');
    await expect.poll(() => kiosk.page.getByTestId('take').isEnabled()).toBe(true);
    await kiosk.page.getByTestId('priority-lansia').tap();
    const { status, body } = await kiosk.take();
    expect(status).toBe(201);
    await kiosk.expectScreen('ticket');
    const shown = await kiosk.page.getByTestId('ticket-number').textContent();
    const stored = await api(server.url, `/api/tickets/${body.id}`);
    expect(shown).toBe(stored.number);
    // The kiosk that issued it knows the category; the public ticket page only that it is a priority visit.
    expect(body.priority).toBe('lansia');
    expect(stored.priority).toBeNull();
    expect(stored.prioritized).toBe(true);
    expect(await kiosk.page.locator('[data-testid="ticket-qr"] svg').count()).toBe(1);
    const print = kiosk.page.getByTestId('print-status');
    expect(await print.getAttribute('data-state')).toBe(body.print.state);
    const printing = body.print.state === 'queued' || body.print.state === 'printed';
    expect(await print.textContent()).toContain(printing ? 'Tiket sedang dicetak' : 'Printer bermasalah: foto layar ini');
    // The test venue's kiosk has no printer: the screen is the ticket.
    for (const [name, size] of [
      ['portrait', PORTRAIT],
      ['landscape', LANDSCAPE],
    ] as const) {
      await kiosk.page.setViewportSize(size);
      await screenshot(kiosk.page, `kiosk-${name}-9b-ticket-no-printer`);
    }
    await kiosk.page.setViewportSize(PORTRAIT);
    await kiosk.page.getByTestId('done').tap();
    await kiosk.expectScreen('welcome');
    expect(errors).toEqual([]);
  });

  it('shows a closed or full service with its reason, refuses it, and updates live', async () => {
    expect((await post(server.url, '/api/services/kk/status', admin, { closedToday: true })).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await post(server.url, '/api/tickets', admin, { serviceId: 'skck' })).status).toBe(201);

    await kiosk.start();
    await kiosk.agency('dukcapil');
    const kk = kiosk.page.getByTestId('service-kk');
    await expect.poll(() => kk.isDisabled()).toBe(true);
    expect(await kiosk.page.getByTestId('reason-kk').textContent()).toMatch(/Ditutup hari ini.*Buka lagi besok pukul 00\.00/);
    await kk.tap({ force: true });
    await kiosk.expectScreen('services');

    // Live: the office closes KTP while the visitor looks at the list.
    const ktp = kiosk.page.getByTestId('service-ktp');
    expect(await ktp.isEnabled()).toBe(true);
    await post(server.url, '/api/services/ktp/status', admin, { closedToday: true });
    await expect.poll(() => ktp.isDisabled(), { timeout: 10000 }).toBe(true);
    await post(server.url, '/api/services/ktp/status', admin, { closedToday: false });
    await expect.poll(() => ktp.isEnabled(), { timeout: 10000 }).toBe(true);

    await kiosk.page.getByTestId('back').tap();
    await kiosk.agency('polres');
    await expect.poll(() => kiosk.page.getByTestId('service-skck').isDisabled()).toBe(true);
    expect(await kiosk.page.getByTestId('reason-skck').textContent()).toContain('Kuota hari ini sudah habis');

    // Search finds it too, still refused.
    await kiosk.page.getByTestId('back').tap();
    await kiosk.page.getByTestId('search').tap();
    await kiosk.type('s');
    const keysAt = async () => (await kiosk.page.locator('.keys').boundingBox())?.y;
    const before = await keysAt();
    await kiosk.type('kck');
    expect(await kiosk.page.getByTestId('search-query').textContent()).toContain('SKCK');
    expect(await keysAt(), 'the keys stay under the finger while results change').toBe(before);
    await expect.poll(() => kiosk.page.getByTestId('service-skck').isDisabled()).toBe(true);

    // On the confirm screen the waiting count moves live, and a closure disables the button.
    await kiosk.home();
    await kiosk.start();
    await kiosk.agency('bpn');
    await kiosk.service('sertipikat');
    const waiting = async () => Number((await kiosk.page.getByTestId('waiting').textContent())?.match(/(\d+) orang/)?.[1]);
    const waitingBefore = await waiting();
    await post(server.url, '/api/tickets', admin, { serviceId: 'sertipikat' });
    await expect.poll(waiting, { timeout: 10000 }).toBe(waitingBefore + 1);
    await post(server.url, '/api/services/sertipikat/status', admin, { closedToday: true });
    await expect.poll(() => kiosk.page.getByTestId('take').isDisabled(), { timeout: 10000 }).toBe(true);
    expect(await kiosk.page.getByTestId('closed-reason').textContent()).toContain('Ditutup hari ini');
    await post(server.url, '/api/services/sertipikat/status', admin, { closedToday: false });
    await post(server.url, '/api/services/kk/status', admin, { closedToday: false });
    await expect.poll(() => kiosk.page.getByTestId('take').isEnabled(), { timeout: 10000 }).toBe(true);
    await kiosk.home();
  });

  it('switches to English and back, and the next visitor starts in Bahasa Indonesia', async () => {
    const h1 = () => kiosk.page.locator('h1').first().textContent();
    expect(await kiosk.page.getByTestId('start').textContent()).toContain('Selamat datang');
    await kiosk.page.getByTestId('lang').tap();
    expect(await kiosk.page.getByTestId('start').textContent()).toContain('Welcome');
    await kiosk.start();
    expect(await h1()).toBe('Choose an office');
    await kiosk.agency('dukcapil');
    await kiosk.service('ktp');
    expect(await kiosk.page.getByTestId('take').textContent()).toContain('Take ticket');
    expect(await kiosk.page.textContent('.confirm-screen')).toContain('What to bring');
    await kiosk.page.getByTestId('lang').tap();
    expect(await kiosk.page.getByTestId('take').textContent()).toContain('Ambil tiket');
    await kiosk.page.getByTestId('lang').tap();
    await kiosk.home();
    expect(await kiosk.page.getByTestId('start').textContent()).toContain('Selamat datang');
  });

  it('returns to the welcome screen after the idle time', async () => {
    await kiosk.page.goto(`${server.url}/kiosk?idle=2`);
    await kiosk.expectScreen('welcome', 10000);
    await kiosk.start();
    await kiosk.agency('dukcapil');
    await kiosk.page.waitForTimeout(1000);
    await kiosk.expectScreen('services', 100);
    await kiosk.expectScreen('welcome', 4000);
  });

  it('says it is offline while the server is down, takes no ticket, and recovers by itself', async () => {
    await kiosk.page.goto(`${server.url}/kiosk`);
    await kiosk.expectScreen('welcome', 10000);
    await kiosk.start();
    await kiosk.agency('bpn');
    await kiosk.service('sertipikat');
    const { port, dataDir } = server;
    await server.kill();
    await kiosk.page.getByTestId('offline').waitFor({ timeout: 5000 });
    expect(await kiosk.page.getByTestId('take').isDisabled()).toBe(true);

    server = await startServerProcess({ dataDir, port });
    admin = await login(server.url, 'admin', ADMIN_PASSWORD);
    await kiosk.page.getByTestId('offline').waitFor({ state: 'detached', timeout: 15000 });
    await expect.poll(() => kiosk.page.getByTestId('take').isEnabled()).toBe(true);
    const { status, body } = await kiosk.take();
    expect(status).toBe(201);
    await kiosk.expectScreen('ticket');
    expect(await kiosk.page.getByTestId('ticket-number').textContent()).toBe((await api(server.url, `/api/tickets/${body.id}`)).number);
    await kiosk.page.getByTestId('done').tap();
  });

  it('the ticket page follows the line and shows the counter when called', async () => {
    // Empty the sertipikat line so the order below is known.
    while ((await post(server.url, '/api/counters/loket-4/call-next', admin, {})).status === 200) {
      await post(server.url, '/api/counters/loket-4/finish', admin, {});
    }
    const first = (await post(server.url, '/api/tickets', admin, { serviceId: 'sertipikat' })).body as IssuedTicket;
    await kiosk.start();
    await kiosk.agency('bpn');
    await kiosk.service('sertipikat');
    const mine = (await kiosk.take()).body as IssuedTicket;
    expect(mine.ahead).toBe(1);

    const phone = await browser.page(PHONE);
    await phone.addInitScript(() => {
      const w = window as unknown as { vibrations: unknown[] };
      w.vibrations = [];
      Object.defineProperty(navigator, 'vibrate', { value: (p: unknown) => (w.vibrations.push(p), true) });
    });
    await phone.goto(mine.url);
    await phone.getByTestId('tp-waiting').waitFor({ timeout: 10000 });
    expect(await phone.getByTestId('tp-number').textContent()).toBe(mine.number);
    expect(await phone.getByTestId('tp-ahead').textContent()).toBe('1 orang');

    const c1 = await post(server.url, '/api/counters/loket-4/call-next', admin, {});
    expect(c1.body.id).toBe(first.id);
    await expect.poll(() => phone.getByTestId('tp-ahead').textContent(), { timeout: 10000 }).toBe('0 orang');
    await post(server.url, '/api/counters/loket-4/finish', admin, {});
    const c2 = await post(server.url, '/api/counters/loket-4/call-next', admin, {});
    expect(c2.body.id).toBe(mine.id);
    await phone.getByTestId('tp-called').waitFor({ timeout: 10000 });
    expect(await phone.getByTestId('tp-counter').textContent()).toBe('Loket 4');
    // Where the counter is (its floor), and what missing the call costs.
    expect(await phone.getByTestId('tp-counter-floor').textContent()).toBe('Lantai 2');
    expect(await phone.getByTestId('tp-warning').textContent()).toContain('nomor Anda dilewati');
    await screenshot(phone, 'ticket-page-called-floor');
    expect(await phone.evaluate(() => (window as unknown as { vibrations: unknown[] }).vibrations.length)).toBeGreaterThan(0);

    // Sent to another service: the page follows the visitor to the new ticket.
    expect((await post(server.url, `/api/tickets/${mine.id}/transfer`, admin, { toServiceId: 'ktp' })).status).toBe(200);
    await phone.locator('.tp-moved').waitFor({ timeout: 10000 });
    const moved = await api(server.url, `/api/tickets/${mine.id}`);
    expect(moved.status).toBe('transferred');
    await expect.poll(() => phone.getByTestId('tp-number').textContent(), { timeout: 10000 }).toBe(moved.transferredTo.number);
    expect(new URL(phone.url()).pathname).toBe(`/t/${moved.transferredTo.id}`);
    await phone.getByTestId('tp-waiting').waitFor({ timeout: 10000 });
    await phone.close();
  });

  it('goes back to the pairing screen when the server refuses its token', async () => {
    const stored = await kiosk.page.evaluate(() => ({
      token: localStorage.getItem('antre.kiosk.token'),
      device: localStorage.getItem('antre.kiosk.device'),
    }));
    expect(stored.token).toBeTruthy();
    const { devices } = await api(server.url, '/api/devices', admin);
    for (const d of devices.filter((x: { name: string }) => x.name === 'Kios uji')) {
      const r = await fetch(`${server.url}/api/devices/${d.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${admin}` } });
      expect(r.status).toBe(204);
    }
    // While running: the server closes the revoked kiosk's socket, and the kiosk turns to pairing by itself.
    await kiosk.expectScreen('pairing', 10000);
    expect(await kiosk.page.getByTestId('pair-error').textContent({ timeout: 5000 })).toContain('dipasangkan ulang');
    expect(await kiosk.page.evaluate(() => localStorage.getItem('antre.kiosk.token'))).toBeNull();

    // At start-up (a kiosk switched on after it was revoked): the same refusal, the same message.
    await kiosk.page.evaluate((s) => {
      localStorage.setItem('antre.kiosk.token', s.token ?? '');
      if (s.device) localStorage.setItem('antre.kiosk.device', s.device);
    }, stored);
    await kiosk.page.reload();
    await kiosk.expectScreen('pairing', 10000);
    expect(await kiosk.page.getByTestId('pair-error').textContent({ timeout: 5000 })).toContain('dipasangkan ulang');
    expect(await kiosk.page.evaluate(() => localStorage.getItem('antre.kiosk.token'))).toBeNull();
  });
});

describe('kiosk screenshots on the real demo venue', () => {
  let server: ServerProcess;
  let browser: Browser;
  let admin: string;

  beforeAll(async () => {
    server = await startServerProcess({ venue: join(ROOT, 'server/venues/mpp-simpurusiang.json'), env: { ANTRE_IGNORE_HOURS: '1' } });
    admin = await login(server.url, 'admin', ADMIN_PASSWORD);
    browser = await launchBrowser({ touch: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.kill();
    if (server) rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('every kiosk screen at 1080x1920 and 1920x1080, and the ticket page at 390x844', { timeout: 90000 }, async () => {
    for (let i = 0; i < 7; i++) await post(server.url, '/api/tickets', admin, { serviceId: 'dukcapil-ktp-el', priority: i === 3 ? 'lansia' : null });
    await post(server.url, '/api/tickets', admin, { serviceId: 'polres-skck' });
    const venue = await api(server.url, '/api/venue');
    for (const s of venue.services.filter((x: { agencyId: string }) => x.agencyId === 'samsat')) {
      await post(server.url, `/api/services/${s.id}/status`, admin, { closedToday: true, reason: 'Gerai kosong' });
    }

    const page = await browser.page(PORTRAIT);
    await page.goto(`${server.url}/kiosk`);
    await page.locator('[data-screen="pairing"]').waitFor();
    // The public sees "not ready"; staff hold a finger on the screen for the keypad.
    await page.getByTestId('not-ready').waitFor();
    await screenshot(page, 'kiosk-portrait-0-not-ready');
    await page.mouse.move(540, 1000);
    await page.mouse.down();
    await page.waitForTimeout(2300);
    await page.mouse.up();
    await page.getByTestId('pair-code').waitFor();
    for (const [name, size] of [
      ['portrait', PORTRAIT],
      ['landscape', LANDSCAPE],
    ] as const) {
      await page.setViewportSize(size);
      await screenshot(page, `kiosk-${name}-1-pairing`);
      // The keypad and the pair button are on the screen, not below it.
      expect(await page.getByTestId('pair').evaluate((el) => el.getBoundingClientRect().bottom <= window.innerHeight)).toBe(true);
    }
    const code = await newKioskCode(server.url, admin, 'Kios foto');
    const k = new Kiosk(page);
    for (const ch of code) await page.locator(`.key[data-key="${ch}"]`).tap();
    await page.getByTestId('pair').tap();
    await k.expectScreen('welcome', 10000);

    let ticket: IssuedTicket | null = null;
    for (const [name, size] of [
      ['portrait', PORTRAIT],
      ['landscape', LANDSCAPE],
    ] as const) {
      await page.setViewportSize(size);
      await k.expectScreen('welcome');
      await screenshot(page, `kiosk-${name}-2-welcome`);
      await k.start();
      await screenshot(page, `kiosk-${name}-3-agencies`);
      await page.getByTestId('search').tap();
      await k.type('ktp');
      await screenshot(page, `kiosk-${name}-4-search`);
      await page.getByTestId('back').tap();
      await k.agency('samsat');
      await screenshot(page, `kiosk-${name}-5-services-closed`);
      await page.getByTestId('back').tap();
      await k.agency('dukcapil');
      await screenshot(page, `kiosk-${name}-6-services`);
      await k.service('dukcapil-ktp-el');
      await page.getByTestId('priority-ibu_hamil').tap();
      await screenshot(page, `kiosk-${name}-7-confirm`);
      await page.getByTestId('lang').tap();
      await screenshot(page, `kiosk-${name}-8-confirm-english`);
      await page.getByTestId('lang').tap();
      ticket = (await k.take()).body as IssuedTicket;
      await k.expectScreen('ticket');
      await page.locator('[data-testid="ticket-qr"] svg').waitFor();
      await screenshot(page, `kiosk-${name}-9-ticket`);
      await page.getByTestId('done').tap();
    }

    const phone = await browser.page(PHONE);
    await phone.goto(ticket!.url);
    await phone.getByTestId('tp-waiting').waitFor({ timeout: 10000 });
    await phone.waitForFunction(() => document.querySelector('.tp-head span')?.textContent !== 'Tiket antrean');
    await screenshot(phone, 'kiosk-ticket-page-waiting');
    const counter = venue.counters.find((c: { serviceIds: string[] }) => c.serviceIds.includes('dukcapil-ktp-el')).id;
    for (let i = 0; i < 20; i++) {
      const r = await post(server.url, `/api/counters/${counter}/call-next`, admin, { serviceId: 'dukcapil-ktp-el' });
      if (r.status !== 200 || r.body.id === ticket!.id) break;
      await post(server.url, `/api/counters/${counter}/finish`, admin, {});
    }
    await phone.getByTestId('tp-called').waitFor({ timeout: 10000 });
    await screenshot(phone, 'kiosk-ticket-page-called');

    // Last, because it takes the server away: the offline banner.
    await k.start();
    await k.agency('dukcapil');
    await k.service('dukcapil-kk');
    await server.kill();
    await page.getByTestId('offline').waitFor({ timeout: 5000 });
    for (const [name, size] of [
      ['portrait', PORTRAIT],
      ['landscape', LANDSCAPE],
    ] as const) {
      await page.setViewportSize(size);
      await screenshot(page, `kiosk-${name}-10-offline`);
    }
  });
});

describe('kiosk with a real TCP printer that is off, then comes back', () => {
  let server: ServerProcess;
  let browser: Browser;
  let printer: FaultPrinter | null = null;
  afterAll(async () => {
    await browser?.close();
    await server?.kill();
    await printer?.stop();
    if (server) rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('shows the ticket with a printer problem, then "printing" once the retried job is printed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'antre-kiosk-print-'));
    const port = await freePort();
    const venuePath = join(dir, 'venue.json');
    writeFileSync(venuePath, JSON.stringify(testVenueInput({ kiosks: [{ id: 'kiosk-1', name: 'Kios 1', floor: 1, printer: `tcp://127.0.0.1:${port}` }] })));
    server = await startServerProcess({ dataDir: dir, venue: venuePath });
    const admin = await login(server.url, 'admin', ADMIN_PASSWORD);
    browser = await launchBrowser({ touch: true });
    const kiosk = new Kiosk(await browser.page(PORTRAIT));
    await kiosk.page.goto(`${server.url}/kiosk?pair=${await newKioskCode(server.url, admin, 'Kios printer')}`);
    await kiosk.expectScreen('welcome', 10000);
    await kiosk.start();
    await kiosk.agency('dukcapil');
    await kiosk.service('ktp');
    await expect.poll(() => kiosk.page.getByTestId('take').isEnabled()).toBe(true);
    const { status, body } = await kiosk.take();
    expect(status).toBe(201);
    await kiosk.expectScreen('ticket');
    const print = kiosk.page.getByTestId('print-status');
    expect(await print.getAttribute('data-state')).toBe('failed');
    expect(await kiosk.page.getByTestId('ticket-number').textContent()).toBe(body.number);
    // The printer is switched on: the spooler's retry prints the ticket and the kiosk says so.
    printer = new FaultPrinter({ port });
    await printer.start();
    await expect.poll(() => print.getAttribute('data-state'), { timeout: 15000 }).toBe('printed');
    expect(textLines(decodeEscPos(printer.jobs[0]!)).join('\n')).toContain(body.number);
  }, 60000);
});
