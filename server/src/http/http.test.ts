import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.js';
import { ERRORS } from '../contract/errors.js';

let h: Harness;
let officer: string;
let officer2: string;
let kiosk: string;
let display: string;
let button: string;

async function pairDevice(kind: string, extra: object = {}): Promise<string> {
  const created = await h.api('/api/devices', { token: h.adminToken, body: { kind, name: `${kind} uji`, ...extra } });
  expect(created.status).toBe(201);
  expect(created.body.pairingUrl).toContain(`pair=${created.body.code}`);
  const paired = await h.api('/api/devices/pair', { body: { code: created.body.code } });
  expect(paired.status).toBe(200);
  return paired.body.token;
}

beforeAll(async () => {
  h = await startHarness();
  await h.api('/api/users', {
    token: h.adminToken,
    body: { username: 'petugas1', name: 'Petugas Satu', password: 'sandi-petugas-1', role: 'officer', counterIds: ['loket-1'] },
  });
  await h.api('/api/users', {
    token: h.adminToken,
    body: { username: 'petugas3', name: 'Petugas Tiga', password: 'sandi-petugas-3', role: 'officer', counterIds: ['loket-3'] },
  });
  officer = await h.login('petugas1', 'sandi-petugas-1');
  officer2 = await h.login('petugas3', 'sandi-petugas-3');
  kiosk = await pairDevice('kiosk', { ref: 'kiosk-1' });
  display = await pairDevice('display', { floor: 1 });
  button = await pairDevice('button', { ref: 'loket-1' });
});
afterAll(() => h.close());

function expectError(r: { status: number; body: any }, code: keyof typeof ERRORS): void {
  expect(r.body?.error?.code, JSON.stringify(r.body)).toBe(code);
  expect(r.status).toBe(ERRORS[code].status);
  expect(r.body.error.message.id).toBeTruthy();
  expect(r.body.error.message.en).toBeTruthy();
}

describe('public routes', () => {
  it('health, venue, queues, counters', async () => {
    expect((await h.api('/api/health')).body).toMatchObject({ status: 'ok', day: '2026-11-25' });
    const venue = await h.api('/api/venue');
    expect(venue.body.services.map((s: { id: string }) => s.id)).toContain('ktp');
    expect(venue.body.kiosks[0].printer).toBeUndefined();
    const queues = await h.api('/api/queues');
    expect(queues.body.queues.find((q: { serviceId: string }) => q.serviceId === 'ktp')).toMatchObject({ available: true, waiting: 0 });
    expect((await h.api('/api/counters')).body.counters).toHaveLength(4);
  });

  it('unknown API paths are 404 with the error body', async () => {
    expectError(await h.api('/api/nope'), 'NOT_FOUND');
  });
});

describe('auth', () => {
  it('logs in and tells who I am; wrong passwords are 401, then rate-limited', async () => {
    const me = await h.api('/api/auth/me', { token: officer });
    expect(me.body.user).toMatchObject({ username: 'petugas1', role: 'officer', counterIds: ['loket-1'] });
    expect(me.body.user.passwordHash).toBeUndefined();
    for (let i = 0; i < 5; i++) expectError(await h.api('/api/auth/login', { body: { username: 'petugas3', password: 'salah' } }), 'INVALID_CREDENTIALS');
    expectError(await h.api('/api/auth/login', { body: { username: 'petugas3', password: 'sandi-petugas-3' } }), 'TOO_MANY_ATTEMPTS');
  });

  it('a burst of wrong passwords sent at once still gets five tries, not one per request in flight', async () => {
    await h.api('/api/users', {
      token: h.adminToken,
      body: { username: 'petugas4', name: 'Petugas Empat', password: 'sandi-petugas-4', role: 'officer', counterIds: ['loket-4'] },
    });
    const burst = await Promise.all(Array.from({ length: 20 }, () => h.api('/api/auth/login', { body: { username: 'petugas4', password: 'tebakan' } })));
    const codes = burst.map((r) => r.body?.error?.code as string);
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS').length, codes.join(',')).toBeLessThanOrEqual(5);
    expect(
      codes.filter((c) => c !== 'INVALID_CREDENTIALS' && c !== 'TOO_MANY_ATTEMPTS'),
      codes.join(','),
    ).toEqual([]);
    for (const r of burst.filter((x) => x.body.error.code === 'TOO_MANY_ATTEMPTS')) expectError(r, 'TOO_MANY_ATTEMPTS');
    // Even the right password waits out the window; after it, it works.
    expectError(await h.api('/api/auth/login', { body: { username: 'petugas4', password: 'sandi-petugas-4' } }), 'TOO_MANY_ATTEMPTS');
    h.clock.minutes(16);
    expect((await h.api('/api/auth/login', { body: { username: 'petugas4', password: 'sandi-petugas-4' } })).status).toBe(200);
  });

  it('a wrong or malformed token is 401; no token where one is needed is 401', async () => {
    expectError(await h.api('/api/auth/me', { token: 's_forged' }), 'INVALID_TOKEN');
    expectError(await h.api('/api/tickets', { body: { serviceId: 'ktp' } }), 'UNAUTHENTICATED');
  });

  it('a pairing code works once', async () => {
    const created = await h.api('/api/devices', { token: h.adminToken, body: { kind: 'display', name: 'Layar sekali', floor: 2 } });
    expect((await h.api('/api/devices/pair', { body: { code: created.body.code } })).status).toBe(200);
    expectError(await h.api('/api/devices/pair', { body: { code: created.body.code } }), 'PAIRING_CODE_INVALID');
  });
});

describe('tickets', () => {
  it('a kiosk issues a ticket: 201 with number, position, estimate and page URL', async () => {
    const r = await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'sertipikat' } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ number: 'D-001', status: 'waiting', ahead: 0, serviceId: 'sertipikat' });
    expect(r.body.url).toBe(`http://antre.test/t/${r.body.id}`);
    expect(r.body.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const again = await h.api(`/api/tickets/${r.body.id}`);
    expect(again.body).toMatchObject({ number: 'D-001', status: 'waiting' });
  });

  it('displays and buttons cannot issue; unknown ticket ids are 404', async () => {
    expectError(await h.api('/api/tickets', { token: display, body: { serviceId: 'ktp' } }), 'FORBIDDEN');
    expectError(await h.api('/api/tickets', { token: button, body: { serviceId: 'ktp' } }), 'FORBIDDEN');
    expectError(await h.api('/api/tickets/doesnotexist'), 'TICKET_NOT_FOUND');
    expectError(await h.api('/api/tickets/..%2F..%2Fetc'), 'TICKET_NOT_FOUND');
  });

  it('bad bodies are 400/413 and change nothing', async () => {
    const before = (await h.api('/api/queues')).body.queues;
    expectError(await h.api('/api/tickets', { token: kiosk, raw: '{"serviceId":' }), 'INVALID_JSON');
    expectError(await h.api('/api/tickets', { token: kiosk, body: { serviceId: 42 } }), 'INVALID_INPUT');
    expectError(await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'ktp', extra: true } }), 'INVALID_INPUT');
    expectError(await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'ktp', priority: 'vip' } }), 'INVALID_INPUT');
    expectError(await h.api('/api/tickets', { token: kiosk, body: ['ktp'] }), 'INVALID_INPUT');
    expectError(await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'x'.repeat(100000) } }), 'PAYLOAD_TOO_LARGE');
    expectError(await h.api('/api/tickets', { token: kiosk, raw: '{"__proto__":{"admin":true},"serviceId":"ktp"}' }), 'INVALID_INPUT');
    expectError(await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'unknown' } }), 'SERVICE_NOT_FOUND');
    expect((await h.api('/api/queues')).body.queues).toEqual(before);
  });

  it('quota full and service closed are 409 with the reason', async () => {
    for (let i = 0; i < 3; i++) expect((await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'skck' } })).status).toBe(201);
    const full = await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'skck' } });
    expectError(full, 'QUOTA_FULL');
    expect(full.body.error.details).toMatchObject({ quota: 3 });
    const sup = h.adminToken;
    expect((await h.api('/api/services/kk/status', { token: sup, body: { closedToday: true, reason: 'Blangko habis' } })).status).toBe(200);
    expectError(await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'kk' } }), 'SERVICE_CLOSED');
    expectError(await h.api('/api/services/kk/status', { token: officer, body: { closedToday: false } }), 'FORBIDDEN');
    await h.api('/api/services/kk/status', { token: sup, body: { closedToday: false } });
    expectError(await h.api('/api/services/nope/status', { token: sup, body: { closedToday: false } }), 'SERVICE_NOT_FOUND');
  });
});

describe('counters', () => {
  it('call-next, recall, start, finish through the API, with the right states', async () => {
    const a = (await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'ktp' } })).body;
    const called = await h.api('/api/counters/loket-1/call-next', { token: officer, method: 'POST' });
    expect(called.status).toBe(200);
    expect(called.body).toMatchObject({ id: a.id, status: 'called', counterId: 'loket-1' });
    expectError(await h.api('/api/counters/loket-1/call-next', { token: officer, method: 'POST' }), 'COUNTER_BUSY');
    expect((await h.api('/api/counters/loket-1/recall', { token: officer, method: 'POST' })).body.recalls).toBe(1);
    expect((await h.api('/api/counters/loket-1/start', { token: officer, method: 'POST' })).body.status).toBe('serving');
    expect((await h.api('/api/counters/loket-1/finish', { token: officer, method: 'POST' })).body.status).toBe('done');
    expectError(await h.api('/api/counters/loket-1/finish', { token: officer, method: 'POST' }), 'COUNTER_IDLE');
    expectError(await h.api('/api/counters/loket-1/call-next', { token: officer, method: 'POST' }), 'QUEUE_EMPTY');
    expect((await h.api(`/api/tickets/${a.id}`)).body.status).toBe('done');
  });

  it('a body that is not JSON is refused with 415, not read as empty, and changes nothing', async () => {
    expectError(
      await h.api('/api/tickets', { token: kiosk, raw: 'serviceId=ktp', contentType: 'application/x-www-form-urlencoded' }),
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectError(await h.api('/api/tickets', { token: kiosk, raw: '{"serviceId":"ktp"}', contentType: 'text/plain' }), 'UNSUPPORTED_MEDIA_TYPE');
    // JSON with a charset is JSON.
    const t = await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'ktp' }, contentType: 'application/json; charset=utf-8' });
    expect(t.status).toBe(201);
    const counters = async () => (await h.api('/api/counters')).body;
    const queues = async () => (await h.api('/api/queues')).body.queues;
    const [countersBefore, queuesBefore] = [await counters(), await queues()];
    // A route that needs no body still refuses one it cannot read: the sender meant something by it.
    const refused = await h.api('/api/counters/loket-1/call-next', { token: officer, raw: 'next', contentType: 'text/plain' });
    expectError(refused, 'UNSUPPORTED_MEDIA_TYPE');
    expect(refused.body.error.details).toMatchObject({ contentType: 'text/plain' });
    expect(await counters()).toEqual(countersBefore);
    expect(await queues()).toEqual(queuesBefore);
    expect((await h.api(`/api/tickets/${t.body.id}`)).body.status).toBe('waiting');
    // Without the body the same call goes through: the refusal was the body's alone.
    expect((await h.api('/api/counters/loket-1/call-next', { token: officer, method: 'POST' })).body).toMatchObject({ id: t.body.id, status: 'called' });
    expect((await h.api('/api/counters/loket-1/start', { token: officer, method: 'POST' })).status).toBe(200);
    expect((await h.api('/api/counters/loket-1/finish', { token: officer, method: 'POST' })).body.status).toBe('done');
  });

  it('no-show, hold, resume and transfer', async () => {
    await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'ktp' } });
    await h.api('/api/counters/loket-1/call-next', { token: officer, method: 'POST' });
    expect((await h.api('/api/counters/loket-1/no-show', { token: officer, method: 'POST' })).body.status).toBe('no_show');
    const t = (await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'ktp' } })).body;
    await h.api('/api/counters/loket-1/call-next', { token: officer, method: 'POST' });
    expect((await h.api('/api/counters/loket-1/hold', { token: officer, body: { note: 'fotokopi' } })).body.status).toBe('held');
    expect((await h.api('/api/counters/loket-1/resume', { token: officer, body: { ticketId: t.id } })).body.status).toBe('waiting');
    await h.api('/api/counters/loket-1/call-next', { token: officer, method: 'POST' });
    const moved = await h.api('/api/counters/loket-1/transfer', { token: officer, body: { toServiceId: 'kk', note: 'urus KK' } });
    expect(moved.body).toMatchObject({ serviceId: 'kk', status: 'waiting', transferredFrom: t.id });
    expect(moved.body.number).toMatch(/^B-\d{3}$/);
    expectError(await h.api('/api/counters/loket-1/transfer', { token: officer, body: {} }), 'INVALID_INPUT');
    expectError(await h.api('/api/counters/loket-1/resume', { token: officer, body: { ticketId: t.id } }), 'INVALID_STATE');
  });

  it('an officer cannot act on another counter; a button only calls for its counter', async () => {
    expectError(await h.api('/api/counters/loket-3/call-next', { token: officer, method: 'POST' }), 'NOT_YOUR_COUNTER');
    expectError(await h.api('/api/counters/loket-1/call-next', { token: officer2, method: 'POST' }), 'NOT_YOUR_COUNTER');
    expectError(await h.api('/api/counters/loket-2/call-next', { token: button, method: 'POST' }), 'NOT_YOUR_COUNTER');
    expectError(await h.api('/api/counters/loket-1/finish', { token: button, method: 'POST' }), 'FORBIDDEN');
    expectError(await h.api('/api/counters/loket-1/call-next', { token: display, method: 'POST' }), 'FORBIDDEN');
    expectError(await h.api('/api/counters/loket-1/call-next', { method: 'POST' }), 'UNAUTHENTICATED');
    expectError(await h.api('/api/counters/loket-99/call-next', { token: officer, method: 'POST' }), 'COUNTER_NOT_FOUND');
    expectError(await h.api('/api/counters/loket-1/explode', { token: officer, method: 'POST' }), 'NOT_FOUND');
    await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'ktp' } });
    const r = await h.api('/api/counters/loket-1/call-next', { token: button, method: 'POST' });
    expect(r.status).toBe(200);
    await h.api('/api/counters/loket-1/finish', { token: officer, method: 'POST' });
  });

  it('break with reason and return time, and back', async () => {
    const r = await h.api('/api/counters/loket-1/status', { token: officer, body: { status: 'break', reason: 'Istirahat siang', minutes: 60 } });
    expect(r.body).toMatchObject({ status: 'break', breakReason: 'Istirahat siang', breakUntil: h.clock.t + 3600000 });
    expect((await h.api('/api/counters')).body.counters.find((c: { counterId: string }) => c.counterId === 'loket-1')).toMatchObject({ status: 'break' });
    expectError(await h.api('/api/counters/loket-1/status', { token: officer, body: { status: 'break', reason: 'x' } }), 'INVALID_INPUT');
    expect((await h.api('/api/counters/loket-1/status', { token: officer, body: { status: 'open' } })).body.status).toBe('open');
  });
});

describe('admin', () => {
  it('creates users and devices; only admins may', async () => {
    expectError(await h.api('/api/users', { token: officer, body: { username: 'x1x', name: 'X', password: '12345678', role: 'admin' } }), 'FORBIDDEN');
    expectError(
      await h.api('/api/users', { token: h.adminToken, body: { username: 'petugas1', name: 'X', password: '12345678', role: 'officer' } }),
      'USERNAME_TAKEN',
    );
    expectError(
      await h.api('/api/users', {
        token: h.adminToken,
        body: { username: 'baru', name: 'X', password: '12345678', role: 'officer', counterIds: ['loket-77'] },
      }),
      'COUNTER_NOT_FOUND',
    );
    expectError(await h.api('/api/devices', { token: officer, body: { kind: 'kiosk', name: 'K' } }), 'FORBIDDEN');
    expectError(await h.api('/api/devices', { token: h.adminToken, body: { kind: 'button', name: 'B', ref: 'loket-77' } }), 'COUNTER_NOT_FOUND');
    expectError(await h.api('/api/devices/nope/pairing', { token: h.adminToken, method: 'POST' }), 'DEVICE_NOT_FOUND');
    expectError(await h.api('/api/users/nope', { token: h.adminToken, method: 'PATCH', body: { name: 'Y' } }), 'USER_NOT_FOUND');
    const list = await h.api('/api/devices', { token: h.adminToken });
    expect(list.body.devices.length).toBeGreaterThanOrEqual(3);
  });

  it('supervisors set the running text', async () => {
    const r = await h.api('/api/announcements', { token: h.adminToken, method: 'PUT', body: { announcements: ['Selamat datang'] } });
    expect(r.body.announcements).toEqual(['Selamat datang']);
    expect((await h.api('/api/announcements')).body.announcements).toEqual(['Selamat datang']);
    expectError(await h.api('/api/announcements', { token: display, method: 'PUT', body: { announcements: [] } }), 'FORBIDDEN');
  });
});
