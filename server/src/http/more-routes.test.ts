import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('sessions, snapshots, accounts and devices', () => {
  it('logout ends the session; the token is refused afterwards', async () => {
    const token = await h.login('admin', 'rahasia-admin-123');
    expect((await h.api('/api/auth/logout', { token, method: 'POST' })).status).toBe(204);
    const after = await h.api('/api/auth/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('INVALID_TOKEN');
  });

  it('GET /api/snapshot: staff see live tickets, anonymous callers only the public picture', async () => {
    await h.api('/api/tickets', { token: h.adminToken, body: { serviceId: 'ktp' } });
    const staff = await h.api('/api/snapshot', { token: h.adminToken });
    expect(staff.body.tickets.length).toBeGreaterThan(0);
    const anon = await h.api('/api/snapshot');
    expect(anon.body.tickets).toBeUndefined();
    expect(anon.body.counters.length).toBe(4);
  });

  it('an admin edits an officer; a disabled officer cannot log in and loses the session', async () => {
    const created = await h.api('/api/users', {
      token: h.adminToken,
      body: { username: 'petugas9', name: 'P9', password: 'sandi-sembilan', role: 'officer', counterIds: ['loket-2'] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'petugas9', disabled: false, counterIds: ['loket-2'] });
    const t = await h.login('petugas9', 'sandi-sembilan');
    const moved = await h.api(`/api/users/${created.body.id}`, { token: h.adminToken, method: 'PATCH', body: { counterIds: ['loket-3'] } });
    expect(moved.body.counterIds).toEqual(['loket-3']);
    expect((await h.api('/api/counters/loket-2/call-next', { token: t, method: 'POST' })).body.error.code).toBe('NOT_YOUR_COUNTER');
    const off = await h.api(`/api/users/${created.body.id}`, { token: h.adminToken, method: 'PATCH', body: { disabled: true } });
    expect(off.body.disabled).toBe(true);
    expect((await h.api('/api/auth/me', { token: t })).status).toBe(401);
    expect((await h.api('/api/auth/login', { body: { username: 'petugas9', password: 'sandi-sembilan' } })).body.error.code).toBe('INVALID_CREDENTIALS');
    const list = await h.api('/api/users', { token: h.adminToken });
    expect(list.body.users.find((u: { username: string }) => u.username === 'petugas9').disabled).toBe(true);
    expect(JSON.stringify(list.body)).not.toMatch(/pbkdf2|passwordHash/);
  });

  it('a revoked device is refused; a re-paired device gets a new token and the old one stops', async () => {
    const c = await h.api('/api/devices', { token: h.adminToken, body: { kind: 'kiosk', name: 'Kios cadangan', ref: 'kiosk-1' } });
    const first = (await h.api('/api/devices/pair', { body: { code: c.body.code } })).body.token;
    expect((await h.api('/api/tickets', { token: first, body: { serviceId: 'ktp' } })).status).toBe(201);
    const again = await h.api(`/api/devices/${c.body.device.id}/pairing`, { token: h.adminToken, method: 'POST' });
    expect(again.body.pairingUrl).toContain('/kiosk?pair=');
    expect((await h.api('/api/tickets', { token: first, body: { serviceId: 'ktp' } })).status).toBe(401);
    const second = (await h.api('/api/devices/pair', { body: { code: again.body.code } })).body.token;
    expect((await h.api('/api/tickets', { token: second, body: { serviceId: 'ktp' } })).status).toBe(201);
    expect((await h.api(`/api/devices/${c.body.device.id}`, { token: h.adminToken, method: 'DELETE' })).status).toBe(204);
    expect((await h.api('/api/tickets', { token: second, body: { serviceId: 'ktp' } })).status).toBe(401);
  });

  it('a server shutting down refuses commands with 503 SHUTTING_DOWN and changes nothing', async () => {
    const other = await startHarness();
    const before = (await other.api('/api/queues')).body.queues;
    await other.server.ctx.queue.close();
    const r = await other.api('/api/tickets', { token: other.adminToken, body: { serviceId: 'ktp' } });
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('SHUTTING_DOWN');
    expect((await other.api('/api/queues')).body.queues).toEqual(before);
    await other.close();
  });
});

describe('compression', () => {
  it('gzips large JSON for clients that accept it', async () => {
    const plain = await fetch(`${h.server.url}/api/venue`, { headers: { 'accept-encoding': 'identity' } });
    const gz = await fetch(`${h.server.url}/api/venue`, { headers: { 'accept-encoding': 'gzip' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(await gz.json()).toEqual(await plain.json());
  });
});
