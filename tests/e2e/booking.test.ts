import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { decodeEscPos, textLines } from '../../printers/src/index.ts';
import { FaultPrinter } from '../../printers/src/testing/fault-printer.ts';
import { testVenueInput } from '../../server/src/testing/builders.ts';
import { FakeCloudApi } from '../../server/src/messaging/testing/fake-cloud-api.ts';
import { solve } from '../../server/src/booking/bot-check.ts';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';
import { expectMarksFit, expectNothingClipped } from '../support/board-fit.ts';
import { ADMIN_PASSWORD, freePort, login, post, startServerProcess, type ServerProcess } from '../support/server-process.ts';

// Book on the phone page -> confirmation at a fake WhatsApp Cloud API -> check in at the kiosk by
// typing the code -> printed ticket -> called at the slot ahead of walk-ins who came earlier ->
// "3 lagi sebelum Anda" and "Silakan ke Loket 1" arrive. A real server process on a simulated
// clock, Debian's Chromium, a real TCP printer; only WhatsApp is a local stand-in.

const PHONE = { width: 390, height: 844 };
const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };
const START = Date.parse('2026-11-25T01:00:00Z'); // 09:00 WITA, a Wednesday
const at = (hhmm: string) => Date.parse(`2026-11-25T${hhmm}:00+08:00`);

const cloud = new FakeCloudApi();
let server: ServerProcess;
let browser: Browser;
let printer: FaultPrinter;
let admin: string;
let dir: string;
/** The booked visitor's number and the walk-ins still waiting, from the first test to the next. */
let bookedNumber = '';

/** Moves the server's simulated clock and waits until it has. */
function clock(to: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMsg = (m: { type?: string; at?: number; message?: string }) => {
      if (m.at !== to) return;
      server.child.off('message', onMsg);
      if (m.type === 'sim:clock:ok') resolve();
      else reject(new Error(m.message));
    };
    server.child.on('message', onMsg);
    server.child.send({ type: 'sim:clock', at: to });
  });
}

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sentWith = (template: string) =>
  cloud.received.filter((r) => r.body.template.name === template).map((r) => r.body.template.components?.[0]?.parameters.map((p) => p.text) ?? []);

/** Page model of the kiosk's check-in, every step a tap. */
class CheckInKiosk {
  constructor(readonly page: Page) {}
  async screen(name: string) {
    await expect.poll(() => this.page.locator('[data-screen]').first().getAttribute('data-screen'), { timeout: 10000 }).toBe(name);
  }
  async typeCode(code: string) {
    for (const ch of code) await this.page.locator(`.keys .key[data-key="${ch}"]`).tap();
  }
}

beforeAll(async () => {
  const cloudUrl = await cloud.start();
  dir = mkdtempSync(join(tmpdir(), 'antre-booking-e2e-'));
  const port = await freePort();
  printer = new FaultPrinter({ port });
  await printer.start();
  const base = testVenueInput();
  const venue = testVenueInput({
    settings: {
      priorityRatio: 2,
      maxRecalls: 2,
      idleAlertMinutes: 15,
      estimateWindow: 20,
      spokenNumbers: 'cardinal',
      booking: { openDaysAhead: 7, checkInBeforeMinutes: 30, checkInAfterMinutes: 15, bookedRatio: 2, perAddressPerHour: 20, botCheckBits: 10 },
    },
    services: base.services!.map((s) => (s.id === 'ktp' ? { ...s, dailyQuota: 40, booking: { onlineShare: 0.5, slotMinutes: 30 } } : s)),
    kiosks: [{ id: 'kiosk-1', name: 'Kios 1', floor: 1, printer: `tcp://127.0.0.1:${port}` }],
  });
  writeFileSync(join(dir, 'venue.json'), JSON.stringify(venue));
  writeFileSync(
    join(dir, 'messaging.json'),
    JSON.stringify({
      channels: [
        {
          kind: 'whatsapp-cloud',
          baseUrl: cloudUrl,
          phoneNumberId: '106540352242922',
          accessToken: cloud.token,
          templates: { booking_confirmed: 'antre_booking', almost_turn: 'antre_almost', called: 'antre_called' },
        },
      ],
    }),
  );
  server = await startServerProcess({
    dataDir: dir,
    venue: join(dir, 'venue.json'),
    ipc: true,
    env: { ANTRE_SIM_CLOCK: String(START), ANTRE_MESSAGING: join(dir, 'messaging.json') },
  });
  admin = await login(server.url, 'admin', ADMIN_PASSWORD);
  browser = await launchBrowser({ touch: true });
}, 60000);
afterAll(async () => {
  await browser?.close();
  await server?.kill();
  await printer?.stop();
  await cloud.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('book online, check in at the kiosk, called at the slot', () => {
  it('from the phone page to the call, with the messages at the provider', async () => {
    const errors: string[] = [];
    // 1. The phone page, 09:00: KTP-el today at 09:30.
    const phone = await browser.page(PHONE);
    phone.on('pageerror', (e) => errors.push(e.message));
    const outside: string[] = [];
    phone.on('request', (r) => !r.url().startsWith(server.url) && outside.push(r.url()));
    await phone.goto(`${server.url}/booking`);
    await phone.locator('[data-agency="dukcapil"]').tap();
    await phone.locator('[data-service="ktp"]').tap();
    await phone.locator('[data-day="2026-11-25"]').tap();
    await phone.locator('[data-time="09:30"]').tap();
    await phone.fill('input[name="name"]', 'Andi Baso');
    await phone.fill('input[name="phone"]', '0812 3456 7890');
    await phone.locator('.bk-consent input').check();
    await screenshot(phone, 'booking-phone-1-form');
    await phone.getByTestId('bk-submit').tap();
    const code = (await phone.getByTestId('bk-code').textContent({ timeout: 20000 }))!;
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    expect(await phone.locator('.bk-qr').count()).toBe(1);
    await screenshot(phone, 'booking-phone-2-code');
    await phone.setViewportSize({ width: 390, height: 1400 });
    await screenshot(phone, 'booking-phone-3-code-full');
    expect(outside).toEqual([]);
    // 2. The confirmation reached WhatsApp with the code and the link to change it.
    await until(() => sentWith('antre_booking').length === 1);
    expect(sentWith('antre_booking')[0]!.slice(0, 4)).toEqual([code, 'KTP-el', '25-11-2026', '09:30']);
    expect(cloud.received[0]!.body.to).toBe('6281234567890');

    // 3. Four walk-ins arrive before the booked visitor does.
    const walkIns: { number: string }[] = [];
    for (const hhmm of ['09:10', '09:11', '09:12', '09:13']) {
      await clock(at(hhmm));
      walkIns.push((await post(server.url, '/api/tickets', admin, { serviceId: 'ktp' })).body);
    }

    // 4. 09:20: check-in at the kiosk by typing the code on the screen's keys; the ticket is printed.
    await clock(at('09:20'));
    const kiosk = new CheckInKiosk(await browser.page(PORTRAIT));
    kiosk.page.on('pageerror', (e) => errors.push(e.message));
    const pair = await post(server.url, '/api/devices', admin, { kind: 'kiosk', name: 'Kios uji', ref: 'kiosk-1' });
    await kiosk.page.goto(`${server.url}/kiosk?pair=${pair.body.code}`);
    await kiosk.screen('welcome');
    await kiosk.page.getByTestId('checkin-start').waitFor();
    await screenshot(kiosk.page, 'kiosk-checkin-1-welcome');
    await kiosk.page.getByTestId('checkin-start').tap();
    await kiosk.screen('checkin');
    await kiosk.typeCode(code);
    expect(await kiosk.page.getByTestId('checkin-code').textContent()).toBe(code);
    await screenshot(kiosk.page, 'kiosk-checkin-2-typed');
    const [res] = await Promise.all([
      kiosk.page.waitForResponse((r) => r.url().endsWith('/api/v1/bookings/check-in')),
      kiosk.page.getByTestId('checkin-submit').tap(),
    ]);
    expect(res.status()).toBe(201);
    const ticket = (await res.json()) as { id: string; number: string };
    await kiosk.screen('ticket');
    expect(await kiosk.page.getByTestId('ticket-number').textContent()).toBe(ticket.number);
    expect(await kiosk.page.getByTestId('booked-note').textContent()).toContain('09:30');
    // before the slot, the four walk-ins are honestly shown ahead
    expect((ticket as unknown as { ahead: number }).ahead).toBe(4);
    await screenshot(kiosk.page, 'kiosk-checkin-3-ticket');
    await until(() => printer.jobs.length === 1, 15000);
    expect(textLines(decodeEscPos(printer.jobs[0]!)).join('\n')).toContain(ticket.number);

    // 5. 09:22: the first walk-in is called (the slot has not come); three are left before the booked visitor.
    await clock(at('09:22'));
    expect((await post(server.url, '/api/counters/loket-1/call-next', admin)).body.number).toBe(walkIns[0]!.number);
    await until(() => sentWith('antre_almost').length === 1);
    expect(sentWith('antre_almost')[0]).toEqual([ticket.number, '3', 'KTP-el']);

    // 6. 09:31: the slot has come: the booked visitor goes ahead of the three walk-ins who came earlier.
    await clock(at('09:31'));
    await post(server.url, '/api/counters/loket-1/finish', admin);
    expect((await post(server.url, '/api/counters/loket-1/call-next', admin)).body.number).toBe(ticket.number);
    bookedNumber = ticket.number;
    await until(() => sentWith('antre_called').length === 1);
    expect(sentWith('antre_called')[0]).toEqual([ticket.number, 'Loket 1']);
    expect(errors).toEqual([]);
  }, 120000);

  it("the hall board and the counter's screen mark the booked visitor's call, and not a walk-in's", async () => {
    expect(bookedNumber).not.toBe('');
    const dev = await post(server.url, '/api/devices', admin, { kind: 'display', name: 'TV Lantai 1', floor: 1 });
    const board = await browser.page(LANDSCAPE);
    await board.goto(dev.body.pairingUrl);
    await board.waitForSelector('[data-testid=hall-board][data-ready=true]', { timeout: 15000 });
    const desk = await browser.page(LANDSCAPE);
    await desk.goto(`${server.url}/display/counter/loket-1`);
    await desk.waitForSelector('[data-testid=counter-display][data-ready=true]');
    const latest = () =>
      board.evaluate(() => {
        const el = document.querySelector('[data-testid=latest-call]');
        return {
          number: el?.querySelector('[data-testid=latest-number]')?.textContent,
          mark: el?.querySelector('[data-testid=booked-mark]')?.textContent ?? null,
        };
      });
    const recent = () =>
      board.$$eval('[data-testid=recent-calls] .recent-row', (rows) =>
        rows.map((r) => ({ number: r.querySelector('.recent-number')?.textContent, mark: r.querySelector('[data-testid=booked-mark]')?.textContent ?? null })),
      );
    const deskMark = () =>
      desk
        .locator('[data-testid=counter-display] [data-testid=booked-mark]')
        .textContent({ timeout: 100 })
        .catch(() => null);

    // The booked call (made in the test before, so it reaches the board in its first snapshot): marked in both languages.
    await expect.poll(latest, { timeout: 5000 }).toEqual({ number: bookedNumber, mark: 'Reservasi onlineBooked online' });
    expect(await desk.textContent('[data-testid=cs-number]')).toBe(bookedNumber);
    expect(await deskMark()).toBe('Reservasi onlineBooked online');
    await screenshot(desk, 'booked-counter-display');
    await expectMarksFit(desk);

    // Called again, live: the recall keeps the mark, beside "called again", and the big panel still holds it all.
    await clock(at('09:33'));
    expect((await post(server.url, '/api/counters/loket-1/recall', admin)).status).toBe(200);
    await board.waitForSelector('[data-testid=latest-call] .latest-recall', { timeout: 5000 });
    expect(await latest()).toEqual({ number: bookedNumber, mark: 'Reservasi onlineBooked online' });
    for (const [name, size] of [
      ['landscape', LANDSCAPE],
      ['portrait', PORTRAIT],
    ] as const) {
      await board.setViewportSize(size);
      await board.waitForTimeout(300); // the grid re-measures its panel on resize
      await screenshot(board, `booked-board-latest-${name}`);
      await expectNothingClipped(board);
      await expectMarksFit(board);
    }

    // A walk-in's call: no mark on the board or the counter's screen; the booked calls in the list keep theirs.
    await post(server.url, '/api/counters/loket-1/finish', admin);
    const walkIn = (await post(server.url, '/api/counters/loket-1/call-next', admin)).body.number as string;
    expect(walkIn).not.toBe(bookedNumber);
    await expect.poll(latest, { timeout: 5000 }).toEqual({ number: walkIn, mark: null });
    await expect.poll(() => desk.textContent('[data-testid=cs-number]'), { timeout: 5000 }).toBe(walkIn);
    expect(await deskMark()).toBeNull();
    const rows = await recent();
    expect(rows.filter((r) => r.number === bookedNumber).map((r) => r.mark)).toEqual(['ReservasiBooked', 'ReservasiBooked']);
    const others = rows.filter((r) => r.number !== bookedNumber);
    expect(others.length).toBeGreaterThan(0);
    expect(others.map((r) => r.mark)).toEqual(others.map(() => null));
    for (const [name, size] of [
      ['portrait', PORTRAIT],
      ['landscape', LANDSCAPE],
    ] as const) {
      await board.setViewportSize(size);
      await board.waitForTimeout(300);
      await screenshot(board, `booked-board-recent-${name}`);
      await expectNothingClipped(board);
      await expectMarksFit(board);
    }
    await board.close();
    await desk.close();
  }, 60000);

  it('a visitor past the check-in window is told honestly and offered a regular number', async () => {
    const c = (await (await fetch(`${server.url}/api/booking/challenge`)).json()) as { challenge: string; bits: number };
    const late = await post(server.url, '/api/bookings', null, {
      serviceId: 'ktp',
      day: '2026-11-25',
      time: '10:00',
      name: 'Besse',
      phone: '081299990000',
      consent: true,
      challenge: c.challenge,
      nonce: solve(c.challenge, c.bits),
    });
    expect(late.status).toBe(201);
    await clock(at('10:20'));
    const kiosk = new CheckInKiosk(await browser.page(PORTRAIT));
    const pair = await post(server.url, '/api/devices', admin, { kind: 'kiosk', name: 'Kios dua', ref: 'kiosk-1' });
    await kiosk.page.goto(`${server.url}/kiosk?pair=${pair.body.code}`);
    await kiosk.screen('welcome');
    await kiosk.page.getByTestId('checkin-start').tap();
    // the USB scanner types the code and Enter, like a keyboard
    await kiosk.page.keyboard.type(late.body.code.toLowerCase());
    await kiosk.page.keyboard.press('Enter');
    const err = kiosk.page.getByTestId('checkin-error');
    await expect.poll(() => err.getAttribute('data-code'), { timeout: 10000 }).toBe('CHECKIN_TOO_LATE');
    expect(await err.textContent()).toContain('Silakan ambil nomor antrean biasa');
    await screenshot(kiosk.page, 'kiosk-checkin-4-late');
    await kiosk.page.getByTestId('checkin-walkin').tap();
    await kiosk.screen('agencies');
  }, 60000);

  it('a message the provider never took is a dead letter on the supervisor page, masked, and can be sent again', async () => {
    cloud.mode = 'down';
    const t = (await post(server.url, '/api/tickets', admin, { serviceId: 'kk' })).body;
    expect((await post(server.url, `/api/tickets/${t.id}/contact`, null, { phone: '081377778888', consent: true })).status).toBe(201);
    expect((await post(server.url, '/api/counters/loket-2/call-next', admin)).body.number).toBe(t.number);
    await clock(at('10:45')); // "go to the counter" is no use 25 minutes late
    await post(server.url, '/api/tickets', admin, { serviceId: 'kk' });
    const page = await browser.page({ width: 1366, height: 768 });
    await page.goto(`${server.url}/counter/supervisor`);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', ADMIN_PASSWORD);
    await page.click('button[type=submit]');
    const panel = page.getByTestId('messages-panel');
    await expect.poll(() => panel.locator('[data-dead]').count(), { timeout: 20000 }).toBe(1);
    const text = (await panel.textContent())!;
    expect(text).toContain('6281••••••888');
    expect(text).not.toContain('81377778888');
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'supervisor-messages-dead-letter');
    cloud.mode = 'ok';
    await panel.getByRole('button', { name: 'Kirim ulang' }).click();
    await until(() => sentWith('antre_called').some((p) => p[0] === t.number));
  }, 60000);
});
