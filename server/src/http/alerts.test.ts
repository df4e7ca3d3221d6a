import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertRecord, AlertsLive } from '../contract/alert-records.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../contract/events.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { dayVenue, wita } from '../testing/day-venue.js';

const WED = '2026-11-25';
let h: Harness;
let dir: string;
let supervisor: string;
let officer: string;
let kiosk: string;
let socket: Socket<ServerToClientEvents, ClientToServerEvents>;
const pushed: (AlertsLive & { begun: string[] })[] = [];

const post = (path: string, token: string, body?: unknown) => h.api(path, { token, method: 'POST', body });
/** Moves the clock to a WITA time of the day and runs what the server runs every few seconds. */
async function at(hhmm: string, plusSeconds = 0): Promise<void> {
  h.clock.t = wita(WED, hhmm) + plusSeconds * 1000;
  await h.server.ticker.tick();
}
const active = async (): Promise<AlertRecord[]> => (await h.api('/api/alerts/active', { token: supervisor })).body.active;
const keys = async (kind: string) => (await active()).filter((r) => r.kind === kind).map((r) => r.key);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'antre-alerts-'));
  h = await startHarness({ venue: dayVenue(), demo: false, dataDir: dir });
  h.clock.t = wita(WED, '07:50');
  await post('/api/users', h.adminToken, { username: 'kepala', name: 'Kepala MPP', password: 'sandi-kepala-1', role: 'supervisor' });
  await post('/api/users', h.adminToken, { username: 'petugas1', name: 'Andi Petugas', password: 'sandi-petugas-1', role: 'officer', counterIds: ['loket-1'] });
  supervisor = await h.login('kepala', 'sandi-kepala-1');
  officer = await h.login('petugas1', 'sandi-petugas-1');
  const created = await post('/api/devices', h.adminToken, { kind: 'kiosk', name: 'Kios', ref: 'kiosk-1' });
  kiosk = (await post('/api/devices/pair', '', { code: created.body.code })).body.token;
  // The kiosk stays connected: it is not offline.
  const k = connect(h.server.url, { auth: { token: kiosk }, transports: ['websocket'] });
  socket = connect(h.server.url, { auth: { token: supervisor }, transports: ['websocket'] });
  socket.on('alerts', (a) => pushed.push(a));
  await Promise.all([k, socket].map((s) => new Promise<void>((r) => s.once('snapshot', () => r()))));
});
afterAll(async () => {
  socket?.close();
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('alerts evaluated on the server', () => {
  it('raises late_open for a planned counter not open after the threshold, and ends it once opened', async () => {
    await at('08:14', 59);
    expect(await keys('late_open')).toEqual([]);
    await at('08:15');
    expect(await keys('late_open')).toEqual(['loket-1:late_open', 'loket-3:late_open']);
    const late = (await active()).find((r) => r.key === 'loket-1:late_open')!;
    expect(late).toMatchObject({ begunAt: wita(WED, '08:15'), officer: 'petugas1', counterId: 'loket-1', endedAt: null });
    expect(pushed.at(-1)!.begun).toContain(late.id);
    expect((await post('/api/counters/loket-1/status', officer, { status: 'open' })).status).toBe(200);
    await at('08:16');
    expect(await keys('late_open')).toEqual(['loket-3:late_open']);
    const history = (await h.api('/api/alerts/history', { token: supervisor })).body.records as AlertRecord[];
    expect(history.find((r) => r.id === late.id)).toMatchObject({ endedAt: wita(WED, '08:16') });
  });

  it('records who acknowledged an alert and when, and refuses unknown ones', async () => {
    const rec = (await active()).find((r) => r.key === 'loket-3:late_open')!;
    const r = await post(`/api/alerts/${encodeURIComponent(rec.id)}/ack`, supervisor);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ackBy: expect.any(String), ackByName: 'Kepala MPP', ackAt: wita(WED, '08:16') });
    expect((await post('/api/alerts/nope@1/ack', supervisor)).status).toBe(404);
    expect((await post(`/api/alerts/${encodeURIComponent(rec.id)}/ack`, officer)).status).toBe(403);
    expect((await h.api('/api/alerts/history?day=yesterday', { token: supervisor })).body.error.code).toBe('INVALID_INPUT');
  });

  it('pauses loket-1 for lunch by itself and raises break_overrun when the officer is not back, naming the oldest visitor', async () => {
    await at('12:00');
    const c = (await h.api('/api/counters')).body.counters.find((x: { counterId: string }) => x.counterId === 'loket-1');
    expect(c).toMatchObject({ status: 'break', breakReason: 'Istirahat', breakUntil: wita(WED, '13:00') });
    expect((await post('/api/tickets', kiosk, { serviceId: 'ktp', priority: 'lansia' })).status).toBe(201);
    await at('13:09', 59);
    expect(await keys('break_overrun')).toEqual([]);
    await at('13:10');
    const over = (await active()).find((r) => r.kind === 'break_overrun')!;
    expect(over).toMatchObject({ counterId: 'loket-1', officer: 'Andi Petugas', severity: 'critical', oldest: { number: 'A-001', priority: 'lansia' } });
    expect(over.message.id).toContain('belum kembali 10 menit');
    expect(over.message.id).toContain('A-001 (lansia)');
    expect(pushed.at(-1)!.active.some((r) => r.kind === 'break_overrun')).toBe(true);
    // The officer comes back: calling resumes and the alert ends.
    expect((await post('/api/counters/loket-1/call-next', officer)).body.number).toBe('A-001');
    await at('13:11');
    expect(await keys('break_overrun')).toEqual([]);
  });

  it('keeps the history across a restart', async () => {
    const before = (await h.api('/api/alerts/history', { token: supervisor })).body.records as AlertRecord[];
    socket.close();
    await h.close();
    h = await startHarness({ venue: dayVenue(), demo: false, dataDir: dir });
    supervisor = await h.login('kepala', 'sandi-kepala-1');
    const after = (await h.api('/api/alerts/history?day=2026-11-25', { token: supervisor })).body.records as AlertRecord[];
    expect(after).toEqual(before);
    expect(after.some((r) => r.kind === 'break_overrun' && r.endedAt === wita(WED, '13:11'))).toBe(true);
  });
});
