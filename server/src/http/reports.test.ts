import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startHarness, type Harness } from '../testing/harness.js';

let h: Harness;
let officer1: string;
let officer3: string;
let kiosk: string;

const post = (path: string, token: string, body?: unknown) => h.api(path, { token, method: 'POST', body });

beforeAll(async () => {
  h = await startHarness();
  await post('/api/users', h.adminToken, { username: 'petugas1', name: 'Petugas Satu', password: 'sandi-petugas-1', role: 'officer', counterIds: ['loket-1'] });
  await post('/api/users', h.adminToken, { username: 'petugas3', name: 'Petugas Tiga', password: 'sandi-petugas-3', role: 'officer', counterIds: ['loket-3'] });
  officer1 = await h.login('petugas1', 'sandi-petugas-1');
  officer3 = await h.login('petugas3', 'sandi-petugas-3');
  const created = await post('/api/devices', h.adminToken, { kind: 'kiosk', name: 'Kios', ref: 'kiosk-1' });
  kiosk = (await post('/api/devices/pair', '', { code: created.body.code })).body.token;
  // The played day, from 09:00 WITA: A-001 waits 4 and is served 6 min; A-002 waits 11, no-show;
  // C-001 waits 3, finished 5 min after the call.
  await post('/api/tickets', kiosk, { serviceId: 'ktp' });
  h.clock.minutes(1);
  await post('/api/tickets', kiosk, { serviceId: 'ktp' });
  h.clock.minutes(3);
  await post('/api/counters/loket-1/call-next', officer1);
  await post('/api/counters/loket-1/start', officer1);
  h.clock.minutes(6);
  await post('/api/counters/loket-1/finish', officer1);
  h.clock.minutes(2);
  await post('/api/counters/loket-1/call-next', officer1);
  await post('/api/counters/loket-1/no-show', officer1);
  await post('/api/tickets', kiosk, { serviceId: 'skck' });
  h.clock.minutes(3);
  await post('/api/counters/loket-3/call-next', officer3);
  h.clock.minutes(5);
  expect((await post('/api/counters/loket-3/finish', officer3)).body.status).toBe('done');
});
afterAll(() => h.close());

describe('GET /api/reports', () => {
  it('reports the day as played', async () => {
    const r = await h.api('/api/reports?from=2026-11-25&to=2026-11-25', { token: h.adminToken });
    expect(r.status).toBe(200);
    expect(r.body.days).toEqual(['2026-11-25']);
    expect(r.body.total).toMatchObject({
      issued: 3,
      served: 2,
      noShow: 1,
      transferred: 0,
      expired: 0,
      inProgress: 0,
      waitMeanMinutes: 6,
      waitP90Minutes: 11,
      serviceMeanMinutes: 5.5,
      withinTargetShare: 1,
    });
    expect(r.body.total.perHour[9]).toBe(3);
    const officers = r.body.by.officer.map((x: { label: string; served: number; noShow: number }) => [x.label, x.served, x.noShow]);
    expect(officers).toEqual([
      ['Petugas Satu', 1, 1],
      ['Petugas Tiga', 1, 0],
    ]);
    expect((await h.api('/api/reports?from=2026-11-25', { token: h.adminToken })).body.total.issued).toBe(3);
  });

  it('validates the range: real dates, from before to, at most 92 days', async () => {
    const bad = async (qs: string) => {
      const r = await h.api(`/api/reports?${qs}`, { token: h.adminToken });
      expect(r.status, qs).toBe(400);
      expect(r.body.error.code).toBe('INVALID_INPUT');
      return r.body.error.details.problems as string[];
    };
    expect(await bad('from=2026-02-30')).toEqual(['from: is not a calendar date']);
    expect(await bad('from=25-11-2026')).toEqual(['from: must be a date YYYY-MM-DD']);
    expect(await bad('from=2026-11-25&to=2026-11-24')).toEqual(['to: must not be before from']);
    expect(await bad('from=2026-01-01&to=2026-04-03')).toEqual(['to: the range may cover at most 92 days']);
    expect((await h.api('/api/reports?from=2026-01-01&to=2026-04-02', { token: h.adminToken })).status).toBe(200);
    await bad('');
    await bad('from=2026-11-25&extra=1');
    await bad('from=2026-11-25&from=2026-11-26');
  });

  it('is for supervisors and admins', async () => {
    expect((await h.api('/api/reports?from=2026-11-25', { token: officer1 })).body.error.code).toBe('FORBIDDEN');
    expect((await h.api('/api/reports?from=2026-11-25')).status).toBe(401);
    expect((await h.api('/api/reports.csv?from=2026-11-25', { token: officer1 })).status).toBe(403);
  });
});

describe('GET /api/reports.csv', () => {
  it('downloads the CSV with a header row and the same numbers', async () => {
    const res = await fetch(`${h.server.url}/api/reports.csv?from=2026-11-25&by=officer`, { headers: { authorization: `Bearer ${h.adminToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?antre-test-mpp-2026-11-25-officer\.csv"?$/);
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]!.split(',').slice(0, 9)).toEqual(['from', 'to', 'group_by', 'key', 'name', 'issued', 'transferred_in', 'served', 'no_show']);
    expect(lines.slice(1).map((l) => l.split(',').slice(4, 9))).toEqual([
      ['Petugas Satu', '2', '0', '1', '1'],
      ['Petugas Tiga', '1', '0', '1', '0'],
      ['Total', '3', '0', '2', '1'],
    ]);
    const bad = await h.api('/api/reports.csv?from=2026-11-25&by=nope', { token: h.adminToken });
    expect(bad.body.error.details.problems[0]).toMatch(/^by: /);
  });
});

describe('GET /api/alerts', () => {
  it('lists a service with visitors and no counter open; supervisors only', async () => {
    await post('/api/tickets', kiosk, { serviceId: 'sertipikat' });
    expect((await h.api('/api/alerts', { token: h.adminToken })).body.alerts).toEqual([]);
    await post('/api/counters/loket-4/status', h.adminToken, { status: 'closed' });
    h.clock.minutes(2);
    const r = await h.api('/api/alerts', { token: h.adminToken });
    expect(r.body.now).toBe(h.clock.t);
    expect(r.body.alerts).toEqual([
      expect.objectContaining({ kind: 'waiting_no_counter', serviceId: 'sertipikat', waiting: 1, minutes: 2, severity: 'critical' }),
    ]);
    expect((await h.api('/api/alerts', { token: officer1 })).status).toBe(403);
  });
});

describe('reports over past days', () => {
  it('reads a finished day back from disk after the rollover, with its leftovers expired', async () => {
    h.clock.minutes(24 * 60);
    expect((await post('/api/tickets', kiosk, { serviceId: 'ktp' })).status).toBe(201);
    // A day later the admin's session has been idle past its limit: the admin logs in again.
    expect((await h.api('/api/auth/me', { token: h.adminToken })).status).toBe(401);
    h.adminToken = await h.login('admin', ADMIN_PASSWORD);
    const r = await h.api('/api/reports?from=2026-11-20&to=2026-11-26', { token: h.adminToken });
    expect(r.body.days).toEqual(['2026-11-25', '2026-11-26']);
    expect(r.body.total).toMatchObject({ issued: 5, served: 2, noShow: 1, expired: 1, inProgress: 1 });
    const past = await h.api('/api/reports?from=2026-11-25', { token: h.adminToken });
    expect(past.body.total).toMatchObject({ issued: 4, served: 2, expired: 1, inProgress: 0, waitMeanMinutes: 6 });
  });
});
