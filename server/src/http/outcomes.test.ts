import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.js';

let h: Harness;
let officer: string;
const post = (path: string, token: string, body?: unknown) => h.api(path, { token, method: 'POST', body });

beforeAll(async () => {
  h = await startHarness();
  await post('/api/users', h.adminToken, { username: 'petugas1', name: 'Petugas Satu', password: 'sandi-petugas-1', role: 'officer', counterIds: ['loket-1'] });
  officer = await h.login('petugas1', 'sandi-petugas-1');
});
afterAll(() => h.close());

/** Takes a KTP ticket and brings it to loket-1's desk. */
async function atDesk(): Promise<string> {
  const t = await post('/api/tickets', officer, { serviceId: 'ktp' });
  await post('/api/counters/loket-1/call-next', officer);
  await post('/api/counters/loket-1/start', officer);
  return t.body.id as string;
}

describe('the outcome of a visit', () => {
  it('records missing papers by the service requirements and shows them on the visitor page', async () => {
    const id = await atDesk();
    const r = await post('/api/counters/loket-1/finish', officer, { outcome: 'berkas_tidak_lengkap', missing: [0] });
    expect(r.status).toBe(200);
    const view = await h.api(`/api/tickets/${id}`);
    expect(view.body).toMatchObject({ status: 'done', outcome: { outcome: 'berkas_tidak_lengkap', missing: ['KK'] } });
  });

  it('refuses an outcome that does not fit and changes nothing', async () => {
    const id = await atDesk();
    for (const body of [
      { outcome: 'berkas_tidak_lengkap', missing: [5] },
      { outcome: 'dirujuk', agencyId: 'nope' },
      { outcome: 'ditolak' },
      { outcome: 'entah' },
    ]) {
      const r = await post('/api/counters/loket-1/finish', officer, body);
      expect(r.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(['INVALID_INPUT', 'AGENCY_NOT_FOUND']).toContain(r.body.error.code);
    }
    expect((await h.api(`/api/tickets/${id}`)).body.status).toBe('serving');
    expect((await post('/api/counters/loket-1/finish', officer, { outcome: 'dirujuk', agencyId: 'polres', note: 'SKCK dulu' })).status).toBe(200);
    expect((await h.api(`/api/tickets/${id}`)).body.outcome).toEqual({ outcome: 'dirujuk', missing: [], agencyId: 'polres', reason: 'SKCK dulu' });
  });

  it('counts each outcome per service in the report, with the requirement that sends people home', async () => {
    await atDesk();
    await post('/api/counters/loket-1/finish', officer, { outcome: 'berkas_tidak_lengkap', missing: [0] });
    await atDesk();
    // No body, or an empty one (as older clients send), is "selesai".
    expect((await post('/api/counters/loket-1/finish', officer, {})).status).toBe(200);
    const r = await h.api('/api/reports?from=2026-11-25', { token: h.adminToken });
    expect(r.body.outcomes).toEqual([
      { serviceId: 'ktp', label: 'KTP-el', selesai: 1, berkas_tidak_lengkap: 2, dirujuk: 1, ditolak: 0, missing: [{ requirement: 'KK', count: 2 }] },
    ]);
  });
});
