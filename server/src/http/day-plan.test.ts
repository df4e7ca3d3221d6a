import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.js';
import { dayVenue, wita } from '../testing/day-venue.js';

const WED = '2026-11-25';
let h: Harness;
let dir: string;
let supervisor: string;
let officer: string;
let kiosk: string;

const post = (path: string, token: string, body?: unknown) => h.api(path, { token, method: 'POST', body });

async function start(): Promise<void> {
  h = await startHarness({ venue: dayVenue(), demo: false, dataDir: dir });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'antre-plan-'));
  await start();
  await post('/api/users', h.adminToken, { username: 'kepala', name: 'Kepala MPP', password: 'sandi-kepala-1', role: 'supervisor' });
  await post('/api/users', h.adminToken, { username: 'petugas3', name: 'Petugas Tiga', password: 'sandi-petugas-3', role: 'officer', counterIds: ['loket-3'] });
  supervisor = await h.login('kepala', 'sandi-kepala-1');
  officer = await h.login('petugas3', 'sandi-petugas-3');
  const created = await post('/api/devices', h.adminToken, { kind: 'kiosk', name: 'Kios', ref: 'kiosk-1' });
  kiosk = (await post('/api/devices/pair', '', { code: created.body.code })).body.token;
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the day plan over HTTP', () => {
  it('issues a planned service before any counter is open, with the expected start on the ticket', async () => {
    const r = await post('/api/tickets', kiosk, { serviceId: 'ktp' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ number: 'A-001', serviceStartsAt: wita(WED, '08:00') });
    const plan = await h.api('/api/plan', { token: officer });
    expect(plan.status).toBe(200);
    expect(plan.body.services.find((s: { serviceId: string }) => s.serviceId === 'ktp')).toMatchObject({
      status: 'planned',
      counterIds: ['loket-1', 'loket-2'],
    });
  });

  it('lets a supervisor mark an agency absent: the kiosk is refused with the reason, and it survives a restart', async () => {
    const r = await post('/api/agencies/polres/day', supervisor, { status: 'absent', reason: 'Petugas dinas luar' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ agencyId: 'polres', status: 'absent', reason: 'Petugas dinas luar' });
    const refused = await post('/api/tickets', kiosk, { serviceId: 'skck' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'SERVICE_CLOSED', details: { reason: 'Petugas dinas luar' } });
    await h.close();
    await start();
    const queues = await h.api('/api/queues');
    expect(queues.body.queues.find((q: { serviceId: string }) => q.serviceId === 'skck')).toMatchObject({
      available: false,
      reason: 'closed_today',
      closedReason: 'Petugas dinas luar',
    });
  });

  it('refuses bad marks with a clear error and changes nothing', async () => {
    supervisor = await h.login('kepala', 'sandi-kepala-1');
    officer = await h.login('petugas3', 'sandi-petugas-3');
    const before = JSON.stringify((await h.api('/api/plan', { token: supervisor })).body);
    const bad = await post('/api/agencies/polres/day', supervisor, { status: 'absent' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_INPUT');
    expect((await post('/api/agencies/polres/day', supervisor, { status: 'late', from: '25:00' })).body.error.code).toBe('INVALID_INPUT');
    expect((await post('/api/agencies/nope/day', supervisor, { status: 'present' })).status).toBe(404);
    expect((await post('/api/agencies/polres/day', officer, { status: 'present' })).status).toBe(403);
    expect((await h.api('/api/plan')).status).toBe(401);
    expect(JSON.stringify((await h.api('/api/plan', { token: supervisor })).body)).toBe(before);
  });

  it('moves a late agency to its start and keeps the roster officers off the public venue', async () => {
    const r = await post('/api/agencies/dukcapil/day', supervisor, { status: 'late', from: '10:00', reason: 'Rapat' });
    expect(r.status).toBe(200);
    const q = (await h.api('/api/queues')).body.queues.find((x: { serviceId: string }) => x.serviceId === 'kk');
    expect(q).toMatchObject({ available: true, serviceStartsAt: wita(WED, '10:00') });
    const venue = (await h.api('/api/venue')).body;
    expect(venue.agencies[0].roster[0]).toEqual({ counterId: 'loket-1' });
  });
});
