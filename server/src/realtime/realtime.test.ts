import { afterEach, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../contract/events.js';
import type { Snapshot } from '../contract/domain.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { testVenue } from '../testing/builders.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const open: Client[] = [];
let h: Harness | null = null;

afterEach(async () => {
  open.splice(0).forEach((s) => s.disconnect());
  await h?.close();
  h = null;
});

/** A real socket.io client; its snapshots are recorded from the first moment. */
function client(url: string, auth: object): Client & { snapshots: Snapshot[]; firstSnapshot: Promise<Snapshot> } {
  const s = connect(url, { auth, transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 200 }) as Client & { snapshots: Snapshot[]; firstSnapshot: Promise<Snapshot> };
  s.snapshots = [];
  s.firstSnapshot = new Promise((resolve) => s.once('snapshot', resolve));
  s.on('snapshot', (snap) => s.snapshots.push(snap));
  open.push(s);
  return s;
}

function next<E extends keyof ServerToClientEvents>(s: Client, event: E, match: (a: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true, ms = 3000): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    const fn = (a: never) => {
      if (!match(a)) return;
      clearTimeout(timer);
      s.off(event, fn as never);
      resolve(a);
    };
    s.on(event, fn as never);
  });
}

async function pair(hh: Harness, kind: string, extra: object = {}): Promise<string> {
  const c = await hh.api('/api/devices', { token: hh.adminToken, body: { kind, name: kind, ...extra } });
  return (await hh.api('/api/devices/pair', { body: { code: c.body.code } })).body.token;
}

describe('live updates over socket.io', () => {
  it('a revoked or re-paired display is cut off at once, not at its next emit; other screens stay', async () => {
    h = await startHarness();
    const hh = h;
    const devices = async () => (await hh.api('/api/devices', { token: hh.adminToken })).body.devices as { id: string; name: string }[];
    const token = await pair(h, 'display', { floor: 1, name: 'revoked' });
    const token2 = await pair(h, 'display', { floor: 1, name: 'repaired' });
    const other = client(h.server.url, { token: await pair(h, 'display', { floor: 1, name: 'other' }) });
    const a = client(h.server.url, { token });
    const b = client(h.server.url, { token: token2 });
    await Promise.all([a.firstSnapshot, b.firstSnapshot, other.firstSnapshot]);
    const cut = (s: Client) => new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('still connected after 2 s')), 2000);
      s.once('disconnect', (reason) => {
        clearTimeout(timer);
        resolve(reason);
      });
    });
    const list = await devices();
    const aCut = cut(a);
    expect((await h.api(`/api/devices/${list.find((d) => d.name === 'revoked')!.id}`, { token: h.adminToken, method: 'DELETE' })).status).toBe(204);
    expect(await aCut).toBe('io server disconnect');
    const bCut = cut(b);
    expect((await h.api(`/api/devices/${list.find((d) => d.name === 'repaired')!.id}/pairing`, { token: h.adminToken, method: 'POST' })).status).toBe(200);
    expect(await bCut).toBe('io server disconnect');
    expect(other.connected).toBe(true);
  });

  it('a display gets a snapshot on connect, then the call as a delta within a second', async () => {
    h = await startHarness();
    const token = await pair(h, 'display', { floor: 1 });
    const kiosk = await pair(h, 'kiosk');
    const d = client(h.server.url, { token });
    const snap = await d.firstSnapshot;
    expect(snap.counters.map((c) => c.counterId).sort()).toEqual(['loket-1', 'loket-2', 'loket-3']);
    expect(snap.tickets).toBeUndefined();
    const t = (await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'ktp' } })).body;
    const callP = next(d, 'call');
    const counterP = next(d, 'counter', (c) => c.counterId === 'loket-1');
    const sent = Date.now();
    await h.api('/api/counters/loket-1/call-next', { token: h.adminToken, method: 'POST' });
    const call = await callP;
    expect(Date.now() - sent).toBeLessThan(1000);
    expect(call).toMatchObject({ number: t.number, counterId: 'loket-1', recall: 0 });
    expect((await counterP).ticket?.number).toBe(t.number);
  });

  it('a floor-2 display hears nothing of floor 1; staff get ticket deltas; bad tokens are refused', async () => {
    h = await startHarness();
    const kiosk = await pair(h, 'kiosk');
    const d2 = client(h.server.url, { token: await pair(h, 'display', { floor: 2 }) });
    const staff = client(h.server.url, { token: h.adminToken });
    const snap = (await staff.firstSnapshot);
    expect(snap.tickets).toEqual([]);
    await d2.firstSnapshot;
    let leaked = false;
    d2.on('call', () => (leaked = true));
    const ticketP = next(staff, 'ticket', (t) => t.status === 'called');
    await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'ktp' } });
    await h.api('/api/counters/loket-1/call-next', { token: h.adminToken, method: 'POST' });
    expect((await ticketP).counterId).toBe('loket-1');
    await new Promise((r) => setTimeout(r, 200));
    expect(leaked).toBe(false);
    const bad = client(h.server.url, { token: 'd_forged' });
    const err = await new Promise<Error & { data?: any }>((r) => bad.on('connect_error', r));
    expect(err.data.error.code).toBe('INVALID_TOKEN');
  });

  it('the visitor\'s page follows its ticket: moves up the line, then is called', async () => {
    h = await startHarness();
    const kiosk = await pair(h, 'kiosk');
    await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'sertipikat' } });
    const mine = (await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'sertipikat' } })).body;
    const page = client(h.server.url, { ticketId: mine.id });
    const snap = await page.firstSnapshot;
    expect(snap.ticket).toMatchObject({ number: mine.number, ahead: 1 });
    const movedP = next(page, 'ticketView', (v) => v.ahead === 0 && v.status === 'waiting');
    await h.api('/api/counters/loket-4/call-next', { token: h.adminToken, method: 'POST' });
    await movedP;
    await h.api('/api/counters/loket-4/finish', { token: h.adminToken, method: 'POST' });
    const calledP = next(page, 'ticketView', (v) => v.status === 'called');
    await h.api('/api/counters/loket-4/call-next', { token: h.adminToken, method: 'POST' });
    expect((await calledP).counterId).toBe('loket-4');
  });

  it('counter commands work over the socket door too, with the same refusals', async () => {
    h = await startHarness();
    const kiosk = await pair(h, 'kiosk');
    const staff = client(h.server.url, { token: h.adminToken });
    await staff.firstSnapshot;
    const empty = await staff.emitWithAck('counter:command', { counterId: 'loket-2', action: 'call-next' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'QUEUE_EMPTY' } });
    await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'kk' } });
    const ok = await staff.emitWithAck('counter:command', { counterId: 'loket-2', action: 'call-next' });
    expect(ok).toMatchObject({ ok: true, data: { number: 'B-001', status: 'called' } });
    const bad = await staff.emitWithAck('counter:command', { counterId: 'loket-2', action: 'launch' as never });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('after a server restart clients reconnect by themselves and the snapshot shows what they missed', async () => {
    h = await startHarness();
    const kiosk = await pair(h, 'kiosk');
    const display = await pair(h, 'display');
    const port = h.server.port;
    const dir = h.dir;
    const auto = client(h.server.url, { token: display });
    const away = client(h.server.url, { token: display });
    await Promise.all([auto.firstSnapshot, away.firstSnapshot]);
    const gone = new Promise((r) => away.once('disconnect', r));
    await h.server.close();
    await gone;
    // This board stays away while the queue moves on; it comes back later.
    away.io.reconnection(false);
    away.disconnect();
    const h2 = await startHarness({ dataDir: dir, port });
    h = h2;
    await h2.api('/api/tickets', { token: kiosk, body: { serviceId: 'ktp' } });
    await h2.api('/api/counters/loket-2/call-next', { token: h2.adminToken, method: 'POST' });
    for (let i = 0; i < 100 && auto.snapshots.length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(auto.snapshots.length).toBeGreaterThanOrEqual(2);
    const back = next(away, 'snapshot');
    away.connect();
    const snap = await back;
    expect(snap.counters.find((c) => c.counterId === 'loket-2')?.ticket?.number).toBe('A-001');
    expect(snap.recentCalls.at(-1)).toMatchObject({ number: 'A-001', counterId: 'loket-2' });
  }, 20000);
});

describe('zone boards', () => {
  it('a display paired to a zone sees and hears only the zone counters and their queues', async () => {
    h = await startHarness({ venue: testVenue({ zones: [{ id: 'zona-a', name: 'Zona A', floor: 1, counterIds: ['loket-1'] }] }) });
    const bad = await h.api('/api/devices', { token: h.adminToken, body: { kind: 'display', name: 'x', ref: 'zona-z' } });
    expect(bad.body.error.code).toBe('INVALID_INPUT');
    const token = await pair(h, 'display', { ref: 'zona-a' });
    const z = client(h.server.url, { token });
    const snap = await z.firstSnapshot;
    expect(snap.counters.map((c) => c.counterId)).toEqual(['loket-1']);
    expect(snap.queues.map((q) => q.serviceId).sort()).toEqual(['kk', 'ktp']);
    const calls: string[] = [];
    z.on('call', (c) => calls.push(c.counterId));
    const queues: string[] = [];
    z.on('queues', (q) => q.queues.forEach((x) => queues.push(x.serviceId)));
    await h.api('/api/tickets', { token: h.adminToken, body: { serviceId: 'skck' } });
    await h.api('/api/tickets', { token: h.adminToken, body: { serviceId: 'ktp' } });
    await h.api('/api/counters/loket-3/call-next', { token: h.adminToken, method: 'POST' });
    const mine = next(z, 'call');
    await h.api('/api/counters/loket-1/call-next', { token: h.adminToken, method: 'POST' });
    expect((await mine).counterId).toBe('loket-1');
    await new Promise((r) => setTimeout(r, 200));
    expect(calls).toEqual(['loket-1']);
    expect(queues).toContain('ktp');
    expect(queues).not.toContain('skck');
  });
});
