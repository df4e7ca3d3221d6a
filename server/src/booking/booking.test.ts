import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../contract/errors.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { testVenue, testVenueInput } from '../testing/builders.js';
import { FakeCloudApi } from '../messaging/testing/fake-cloud-api.js';
import { solve, solves } from './bot-check.js';

const api = new FakeCloudApi();
let h: Harness;
let dir: string;
let kiosk: string;
let baseUrl: string;

function venue() {
  const base = testVenueInput();
  return testVenue({
    settings: {
      priorityRatio: 2,
      maxRecalls: 2,
      idleAlertMinutes: 15,
      estimateWindow: 20,
      spokenNumbers: 'cardinal',
      booking: { openDaysAhead: 3, checkInBeforeMinutes: 30, checkInAfterMinutes: 15, bookedRatio: 2, perAddressPerHour: 40, botCheckBits: 6 },
    },
    services: base.services!.map((s) => (s.id === 'ktp' ? { ...s, dailyQuota: 20, booking: { onlineShare: 0.5, slotMinutes: 30 } } : s)),
  });
}

async function start(): Promise<Harness> {
  return startHarness({
    dataDir: dir,
    venue: venue(),
    messaging: {
      channels: [
        {
          kind: 'whatsapp-cloud',
          baseUrl,
          phoneNumberId: '106540352242922',
          accessToken: api.token,
          templates: { booking_confirmed: 'antre_booking', booking_reminder: 'antre_reminder', called: 'antre_called', almost_turn: 'antre_almost' },
        },
      ],
    },
  });
}

function expectError(r: { status: number; body: any }, code: keyof typeof ERRORS): void {
  expect(r.body?.error?.code, JSON.stringify(r.body)).toBe(code);
  expect(r.status).toBe(ERRORS[code].status);
  expect(r.body.error.message.id).toBeTruthy();
  expect(r.body.error.message.en).toBeTruthy();
}

async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** What the page does: fetch a challenge, solve it, send the form. */
async function book(over: Record<string, unknown> = {}) {
  const c = (await h.api('/api/booking/challenge')).body;
  return h.api('/api/bookings', {
    body: {
      serviceId: 'ktp',
      day: '2026-11-25',
      time: '10:00',
      name: 'Andi Baso',
      phone: '081234567890',
      consent: true,
      challenge: c.challenge,
      nonce: solve(c.challenge, c.bits),
      ...over,
    },
  });
}

beforeAll(async () => {
  baseUrl = await api.start();
  dir = mkdtempSync(join(tmpdir(), 'antre-booking-'));
  h = await start();
  const created = await h.api('/api/devices', { token: h.adminToken, body: { kind: 'kiosk', name: 'kios', ref: 'kiosk-1' } });
  kiosk = (await h.api('/api/devices/pair', { body: { code: created.body.code } })).body.token;
});
afterAll(async () => {
  await h.close();
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('online booking', () => {
  it('lists bookable services, the open days and the slots with their online places', async () => {
    const s = (await h.api('/api/booking/services')).body;
    expect(s.services.map((x: { id: string }) => x.id)).toEqual(['ktp']);
    expect(s.days).toEqual(['2026-11-25', '2026-11-26', '2026-11-27']);
    const slots = (await h.api('/api/booking/slots?serviceId=ktp&day=2026-11-25')).body.slots;
    // 09:00 WITA now: the 09:00 slot has begun; 2 counters x 30 min / 10 min = 6 a slot, half online
    expect(slots[0]).toMatchObject({ time: '09:30', capacity: 3, left: 3 });
    expectError(await h.api('/api/booking/slots?serviceId=ktp&day=2026-11-28'), 'BOOKING_CLOSED');
    expectError(await h.api('/api/booking/slots?serviceId=kk&day=2026-11-25'), 'BOOKING_CLOSED');
    expectError(await h.api('/api/booking/slots?serviceId=ktp&day=besok'), 'INVALID_INPUT');
  });

  it('books a slot, answers a code and a QR, and sends the confirmation', async () => {
    const r = await book();
    expect(r.status).toBe(201);
    expect(r.body.code).toMatch(/^[A-Z0-9]{6}$/);
    expect(r.body.qrSvg).toMatch(/^<svg/);
    expect(r.body.phone).toBe('6281••••••890');
    expect(r.body.manageUrl).toBe(`http://antre.test/booking/m/${r.body.manageToken}`);
    await until(() => api.received.some((m) => m.body.template.name === 'antre_booking'));
    const sent = api.received.find((m) => m.body.template.name === 'antre_booking')!;
    expect(sent.body.to).toBe('6281234567890');
    expect(sent.body.template.components![0]!.parameters.map((p) => p.text)).toEqual([r.body.code, 'KTP-el', '25-11-2026', '10:00', r.body.manageUrl]);
    const slot = (await h.api('/api/booking/slots?serviceId=ktp&day=2026-11-25')).body.slots.find((x: { time: string }) => x.time === '10:00');
    expect(slot.left).toBe(2);
  });

  it('one active booking per number per service per day; a full slot is refused', async () => {
    expectError(await book({ time: '11:00', phone: '+62 812-3456-7890' }), 'BOOKING_EXISTS');
    expect((await book({ phone: '081200000001' })).status).toBe(201);
    expect((await book({ phone: '081200000002' })).status).toBe(201);
    expectError(await book({ phone: '081200000003' }), 'SLOT_FULL');
    expect((await book({ phone: '081234567890', day: '2026-11-26' })).status).toBe(201); // another day is fine
  });

  it('refuses a missing or reused bot check, a filled hidden field, a missing consent and a bad number', async () => {
    // A wrong answer: one that does not solve this challenge (a guessed nonce solves 1 in 2^bits).
    const asked = (await h.api('/api/booking/challenge')).body;
    const wrong = ['x', 'y', 'z', 'w', 'v'].find((n) => !solves(asked.challenge, n, asked.bits))!;
    expectError(await book({ challenge: asked.challenge, nonce: wrong, phone: '081200000010' }), 'BOT_CHECK_FAILED');
    expectError(await book({ challenge: '1.2.3.4', phone: '081200000010' }), 'BOT_CHECK_FAILED');
    const c = (await h.api('/api/booking/challenge')).body;
    const nonce = solve(c.challenge, c.bits);
    expect((await book({ challenge: c.challenge, nonce, phone: '081200000011', time: '11:00' })).status).toBe(201);
    expectError(await book({ challenge: c.challenge, nonce, phone: '081200000012' }), 'BOT_CHECK_FAILED');
    expectError(await book({ website: 'http://spam', phone: '081200000013' }), 'BOT_CHECK_FAILED');
    expectError(await book({ consent: false, phone: '081200000014' }), 'CONSENT_REQUIRED');
    expectError(await book({ phone: '021555666' }), 'PHONE_INVALID');
    expectError(await book({ time: '10:07', phone: '081200000015' }), 'BOOKING_CLOSED');
  });

  it('the link in the confirmation shows, moves and cancels the booking', async () => {
    const r = await book({ phone: '081200000020', time: '12:00' });
    const token = r.body.manageToken;
    const seen = await h.api(`/api/bookings/manage/${token}`);
    expect(seen.body).toMatchObject({ code: r.body.code, time: '12:00', status: 'active', phone: '6281••••••020' });
    expect(JSON.stringify(seen.body)).not.toContain('6281200000020');
    // The walk-in estimate counts today's bookings still to check in, by slot: it follows the move and the cancellation.
    const upcoming = () => h.server.ctx.queue.upcomingBookings?.('ktp') ?? [];
    const slotAt = (hhmm: string) => Date.parse(`2026-11-25T${hhmm}:00+08:00`);
    expect(upcoming()).toContain(slotAt('12:00'));
    const moved = await h.api(`/api/bookings/manage/${token}/move`, { body: { day: '2026-11-25', time: '12:30' } });
    expect(moved.body).toMatchObject({ time: '12:30', status: 'active' });
    expect(upcoming()).toContain(slotAt('12:30'));
    expect(upcoming()).not.toContain(slotAt('12:00'));
    expect((await h.api(`/api/bookings/manage/${token}/cancel`, { method: 'POST' })).body.status).toBe('cancelled');
    expect(upcoming()).not.toContain(slotAt('12:30'));
    expectError(await h.api(`/api/bookings/manage/${token}/cancel`, { method: 'POST' }), 'BOOKING_NOT_ACTIVE');
    expectError(await h.api('/api/bookings/manage/not-a-token-at-all-xxxxx/cancel', { method: 'POST' }), 'BOOKING_NOT_FOUND');
  });

  it('check-in at the kiosk opens 30 minutes before the slot and closes 15 after; late is honestly refused', async () => {
    const early = await book({ phone: '081200000030', time: '10:30' });
    const late = await book({ phone: '081200000031', time: '09:30' });
    expectError(await h.api('/api/bookings/check-in', { token: kiosk, body: { code: early.body.code } }), 'CHECKIN_TOO_EARLY');
    expectError(await h.api('/api/bookings/check-in', { body: { code: early.body.code } }), 'UNAUTHENTICATED');
    h.clock.minutes(65); // 10:05
    const r = await h.api('/api/bookings/check-in', { token: kiosk, body: { code: ` ${early.body.code.toLowerCase()} ` } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'waiting', serviceId: 'ktp', booking: { code: early.body.code, time: '10:30' } });
    expect(r.body.number).toMatch(/^A-\d{3}$/);
    expectError(await h.api('/api/bookings/check-in', { token: kiosk, body: { code: early.body.code } }), 'BOOKING_NOT_ACTIVE');
    const tooLate = await h.api('/api/bookings/check-in', { token: kiosk, body: { code: late.body.code } });
    expectError(tooLate, 'CHECKIN_TOO_LATE');
    expect(tooLate.body.error.message.id).toMatch(/ambil nomor antrean biasa/);
    expectError(await h.api('/api/bookings/check-in', { token: kiosk, body: { code: 'ZZZZZZ' } }), 'BOOKING_NOT_FOUND');
  });

  it('reminds the day before from 16:00, once; deletes bookings (and numbers) past the retention', async () => {
    const r = await book({ phone: '081200000050', day: '2026-11-26', time: '09:00' });
    const reminders = () => api.received.filter((m) => m.body.template.name === 'antre_reminder');
    await h.server.ctx.bookings!.housekeeping(h.clock.t); // 10:05: too early for tomorrow's reminders
    expect(reminders()).toHaveLength(0);
    h.clock.t = Date.parse('2026-11-25T16:00:00+08:00');
    await h.server.ctx.bookings!.housekeeping(h.clock.t);
    await h.server.ctx.bookings!.housekeeping(h.clock.t);
    // every active booking of tomorrow, once: this one and the one made earlier for the 26th
    await until(() => reminders().length === 2);
    expect(reminders().map((m) => m.body.template.components![0]!.parameters.map((p) => p.text))).toContainEqual([
      r.body.code,
      'KTP-el',
      '26-11-2026',
      '09:00',
    ]);
    await new Promise((res) => setTimeout(res, 100));
    expect(reminders()).toHaveLength(2);
    const all = () => h.server.ctx.bookings!.store.all().length;
    const before = all();
    await h.server.ctx.bookings!.housekeeping(Date.parse('2026-12-02T10:00:00+08:00')); // 7 days after the 25th: still kept
    expect(all()).toBe(before);
    await h.server.ctx.bookings!.housekeeping(Date.parse('2026-12-04T10:00:00+08:00'));
    expect(h.server.ctx.bookings!.store.all().map((b) => b.day)).not.toContain('2026-11-25');
    expect(h.server.ctx.bookings!.store.all().map((b) => b.day)).not.toContain('2026-11-26');
  });

  it('bookings are on disk: a restart keeps them', async () => {
    const r = await book({ phone: '081200000040', time: '17:00' });
    await h.close();
    h = await start();
    expect((await h.api(`/api/bookings/manage/${r.body.manageToken}`)).body).toMatchObject({ code: r.body.code, status: 'active' });
  });

  it('budgets bookings per address', async () => {
    let last = 0;
    for (let i = 0; i < 45 && last !== 429; i++) last = (await h.api('/api/bookings', { body: {} })).status;
    expect(last).toBe(429);
  });
});
