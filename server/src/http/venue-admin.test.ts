import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../contract/events.js';
import type { Venue } from '../contract/venue.js';
import { startHarness, type Harness } from '../testing/harness.js';

let h: Harness;
let supervisor: string;
let officer: string;
let kiosk: string;
const dir = mkdtempSync(join(tmpdir(), 'antre-venue-admin-'));

beforeAll(async () => {
  h = await startHarness({ dataDir: dir });
  await h.api('/api/users', { token: h.adminToken, body: { username: 'spv', name: 'Supervisor', password: 'sandi-spv-123', role: 'supervisor' } });
  await h.api('/api/users', {
    token: h.adminToken,
    body: { username: 'petugas1', name: 'Petugas Satu', password: 'sandi-petugas-1', role: 'officer', counterIds: ['loket-1'] },
  });
  supervisor = await h.login('spv', 'sandi-spv-123');
  officer = await h.login('petugas1', 'sandi-petugas-1');
  const created = await h.api('/api/devices', { token: h.adminToken, body: { kind: 'kiosk', name: 'Kios', ref: 'kiosk-1' } });
  kiosk = (await h.api('/api/devices/pair', { body: { code: created.body.code } })).body.token;
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

async function raw(): Promise<{ version: number; venue: Venue }> {
  const r = await h.api('/api/venue/raw', { token: h.adminToken });
  expect(r.status).toBe(200);
  return r.body;
}

const put = (venue: unknown, token = h.adminToken) => h.api('/api/venue', { method: 'PUT', token, body: venue });
const withService = (v: Venue, id: string, change: (s: Venue['services'][number]) => object): Venue => ({
  ...v,
  services: v.services.map((s) => (s.id === id ? { ...s, ...change(s) } : s)),
});

describe('GET /api/venue/raw', () => {
  it('gives admins the whole venue, printers included; nobody else', async () => {
    const r = await raw();
    expect(r.venue.kiosks[0]).toMatchObject({ id: 'kiosk-1', printer: 'none' });
    expect(r.version).toBeGreaterThanOrEqual(1);
    expect((await h.api('/api/venue/raw', { token: supervisor })).body.error.code).toBe('FORBIDDEN');
    expect((await h.api('/api/venue/raw')).status).toBe(401);
  });
});

describe('PUT /api/venue', () => {
  it('refuses an invalid venue with a message per field, and changes nothing', async () => {
    const before = await raw();
    const bad = withService(before.venue, 'kk', () => ({ prefix: 'A', hours: { mon: { open: '15:00', close: '08:00' } } }));
    const r = await put(bad);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VENUE_INVALID');
    expect(r.body.error.details.problems).toEqual(
      expect.arrayContaining(['services[1].hours.mon: open must be before close', 'services[1].prefix: prefix "A" is already used by service "ktp"']),
    );
    expect((await raw()).version).toBe(before.version);
    const noFee = await put(withService(before.venue, 'ktp', () => ({ fee: '' })));
    expect(noFee.body.error.details.problems).toEqual(['services[0].fee: Too small: expected string to have >=1 characters']);
    expect((await put({ ...before.venue, id: 'lain' })).body.error.details.problems[0]).toMatch(/^id: cannot be changed/);
    expect((await put([])).body.error.code).toBe('VENUE_INVALID');
    const badPrinter = await put({ ...before.venue, kiosks: [{ ...before.venue.kiosks[0]!, printer: 'carrier-pigeon://roof' }] });
    expect(badPrinter.body.error.details.problems).toEqual([expect.stringMatching(/^kiosks: Kiosk "kiosk-1" has printer "carrier-pigeon:\/\/roof"/)]);
    expect((await h.api('/api/venue', { method: 'PUT', token: h.adminToken, raw: '{"id":' })).body.error.code).toBe('INVALID_JSON');
  });

  it('is for admins only', async () => {
    const { venue } = await raw();
    expect((await put(venue, supervisor)).body.error.code).toBe('FORBIDDEN');
    expect((await put(venue, officer)).body.error.code).toBe('FORBIDDEN');
    expect((await h.api('/api/venue', { method: 'PUT', body: venue })).status).toBe(401);
  });

  it('saves hours durably and puts them live: GET /api/venue and a socket venue event, no restart', async () => {
    const s: Socket<ServerToClientEvents, ClientToServerEvents> = connect(h.server.url, { auth: { token: supervisor }, transports: ['websocket'] });
    await new Promise((r) => s.once('snapshot', r));
    const event = new Promise<{ version: number }>((resolve) => s.once('venue', resolve));
    const before = await raw();
    const hours = { mon: { open: '08:00', close: '12:00', breaks: [] }, wed: { open: '07:30', close: '11:00', lastTicket: '10:30', breaks: [] } };
    const r = await put(withService(before.venue, 'ktp', () => ({ hours, dailyQuota: 40, fee: 'Gratis sekali' })));
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(before.version + 1);
    expect((await event).version).toBe(r.body.version);
    s.disconnect();
    const pub = (await h.api('/api/venue')).body;
    expect(pub.version).toBe(r.body.version);
    expect(pub.services.find((x: { id: string }) => x.id === 'ktp')).toMatchObject({
      hours: { wed: { open: '07:30', lastTicket: '10:30' } },
      dailyQuota: 40,
      fee: 'Gratis sekali',
    });
    // 09:00 on a Wednesday is inside the new hours; quota shows the new cap.
    expect((await h.api('/api/queues')).body.queues.find((q: { serviceId: string }) => q.serviceId === 'ktp')).toMatchObject({ quota: 40, available: true });
    const saved = JSON.parse(readFileSync(join(dir, 'test-mpp', 'venue.json'), 'utf8'));
    expect(saved.services[0].hours.wed.open).toBe('07:30');
  });

  it('takes a document larger than the API’s usual 32 kB body limit', async () => {
    const { venue } = await raw();
    const long = Array.from({ length: 20 }, (_, i) => `Persyaratan nomor ${i + 1}: ${'dokumen asli dan fotokopi '.repeat(7)}`.slice(0, 200));
    const big = { ...venue, services: venue.services.map((s) => ({ ...s, requirements: long, requirementsEn: long })) };
    expect(JSON.stringify(big).length).toBeGreaterThan(32 * 1024);
    const r = await put(big);
    expect(r.status).toBe(200);
    expect((await h.api('/api/venue')).body.services[2].requirements).toHaveLength(20);
    expect((await put(venue)).status).toBe(200);
  });

  it('refuses to remove a service or counter that still has visitors today (409), allows it once they are served', async () => {
    const { venue } = await raw();
    const t = await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'sertipikat' } });
    expect(t.status).toBe(201);
    const noBpn = { ...venue, services: venue.services.filter((s) => s.id !== 'sertipikat'), counters: venue.counters.filter((c) => c.id !== 'loket-4') };
    const r = await put(noBpn);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('VENUE_IN_USE');
    expect(r.body.error.details.problems[0]).toMatch(/^services: "sertipikat" .* still has 1 visitor/);
    await h.api('/api/counters/loket-4/call-next', { token: h.adminToken, method: 'POST' });
    const atDesk = await put({ ...venue, counters: venue.counters.filter((c) => c.id !== 'loket-4').concat({ ...venue.counters[3]!, id: 'loket-5' }) });
    expect(atDesk.status).toBe(409);
    expect(atDesk.body.error.details.problems).toEqual([expect.stringMatching(/^counters: "loket-4" .* at the desk/)]);
    await h.api('/api/counters/loket-4/finish', { token: h.adminToken, method: 'POST' });
    expect((await put(noBpn)).status).toBe(200);
    expect((await h.api('/api/venue')).body.services.map((s: { id: string }) => s.id)).not.toContain('sertipikat');
    expect((await put(venue)).status).toBe(200);
  });

  it('refuses giving a prefix printed today to another service', async () => {
    const { venue } = await raw();
    await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'kk' } });
    const swapped = venue.services.map((s) => (s.id === 'kk' ? { ...s, prefix: 'Q' } : s.id === 'skck' ? { ...s, prefix: 'B' } : s));
    const r = await put({ ...venue, services: swapped });
    expect(r.status).toBe(409);
    expect(r.body.error.details.problems).toEqual([
      'services[2].prefix: "B" was printed today on tickets of service "kk"; numbers would repeat on the boards, change it after today',
    ]);
  });

  it('a restarted server runs on the saved venue, not the file it was started with', async () => {
    const { venue } = await raw();
    expect((await put(withService(venue, 'skck', () => ({ name: 'SKCK (diubah)' })))).status).toBe(200);
    await h.close();
    expect(existsSync(join(dir, 'test-mpp', 'venue.json'))).toBe(true);
    h = await startHarness({ dataDir: dir });
    const pub = (await h.api('/api/venue')).body;
    expect(pub.services.find((s: { id: string }) => s.id === 'skck').name).toBe('SKCK (diubah)');
    expect(pub.services.find((s: { id: string }) => s.id === 'ktp').dailyQuota).toBe(40);
  });
});
