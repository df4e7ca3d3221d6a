import { afterEach, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../contract/events.js';
import type { Snapshot } from '../contract/domain.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { testVenue } from '../testing/builders.js';
import { BOARD_UPDATE_MS } from './notifier.js';

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
  const s = connect(url, { auth, transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 200 }) as Client & {
    snapshots: Snapshot[];
    firstSnapshot: Promise<Snapshot>;
  };
  s.snapshots = [];
  s.firstSnapshot = new Promise((resolve) => s.once('snapshot', resolve));
  s.on('snapshot', (snap) => s.snapshots.push(snap));
  open.push(s);
  return s;
}

function next<E extends keyof ServerToClientEvents>(
  s: Client,
  event: E,
  match: (a: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
  ms = 3000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
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
    const cut = (s: Client) =>
      new Promise<string>((resolve, reject) => {
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
    const counterP = next(d, 'update', (u) => u.counters.some((x) => x.counterId === 'loket-1'));
    const sent = Date.now();
    await h.api('/api/counters/loket-1/call-next', { token: h.adminToken, method: 'POST' });
    const call = await callP;
    expect(Date.now() - sent).toBeLessThan(1000);
    expect(call).toMatchObject({ number: t.number, counterId: 'loket-1', recall: 0 });
    expect((await counterP).counters.find((x) => x.counterId === 'loket-1')?.ticket?.number).toBe(t.number);
  });

  it('a floor-2 display hears nothing of floor 1; staff get ticket deltas; bad tokens are refused', async () => {
    h = await startHarness();
    const kiosk = await pair(h, 'kiosk');
    const d2 = client(h.server.url, { token: await pair(h, 'display', { floor: 2 }) });
    const staff = client(h.server.url, { token: h.adminToken });
    const snap = await staff.firstSnapshot;
    expect(snap.tickets).toEqual([]);
    await d2.firstSnapshot;
    const heard: string[] = [];
    d2.on('call', (c) => heard.push(c.counterId));
    const ticketP = next(staff, 'ticket', (t) => t.status === 'called');
    await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'ktp' } });
    await h.api('/api/counters/loket-1/call-next', { token: h.adminToken, method: 'POST' });
    expect((await ticketP).counterId).toBe('loket-1');
    // Then a floor-2 call: one socket's events arrive in order, so once the display has it, a
    // floor-1 call sent to it would already be here. (Waiting a while for nothing proves nothing.)
    const floor2 = next(d2, 'call', (c) => c.counterId === 'loket-4');
    await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'sertipikat' } });
    await h.api('/api/counters/loket-4/call-next', { token: h.adminToken, method: 'POST' });
    await floor2;
    expect(heard).toEqual(['loket-4']);
    const bad = client(h.server.url, { token: 'd_forged' });
    const err = await new Promise<Error & { data?: any }>((r) => bad.on('connect_error', r));
    expect(err.data.error.code).toBe('INVALID_TOKEN');
  });

  it("the visitor's page follows its ticket: moves up the line, then is called", async () => {
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
    const counters: string[] = [];
    z.on('update', (u) => {
      u.queues.forEach((x) => queues.push(x.serviceId));
      u.counters.forEach((x) => counters.push(x.counterId));
    });
    await h.api('/api/tickets', { token: h.adminToken, body: { serviceId: 'skck' } });
    await h.api('/api/tickets', { token: h.adminToken, body: { serviceId: 'ktp' } });
    await h.api('/api/counters/loket-3/call-next', { token: h.adminToken, method: 'POST' });
    const mine = next(z, 'call');
    await h.api('/api/counters/loket-1/call-next', { token: h.adminToken, method: 'POST' });
    expect((await mine).counterId).toBe('loket-1');
    await new Promise((r) => setTimeout(r, BOARD_UPDATE_MS + 200));
    expect(calls).toEqual(['loket-1']);
    expect(queues).toContain('ktp');
    expect(queues).not.toContain('skck');
    expect(counters).toEqual(['loket-1']);
  });

  it('a burst of changes reaches a board as a few gathered sends, the first at once and the last exact', async () => {
    h = await startHarness();
    const kiosk = await pair(h, 'kiosk');
    const d = client(h.server.url, { token: await pair(h, 'display', { floor: 1 }) });
    await d.firstSnapshot;
    const frames: { at: number; waiting: number | undefined }[] = [];
    d.on('update', (u) => frames.push({ at: Date.now(), waiting: u.queues.find((x) => x.serviceId === 'ktp')?.waiting }));
    // After a quiet spell the first change is not held back.
    const sent = Date.now();
    await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'ktp' } });
    await until(() => frames.length === 1);
    expect(frames[0]!.at - sent).toBeLessThan(BOARD_UPDATE_MS);
    expect(frames[0]!.waiting).toBe(1);
    // Thirty tickets as fast as the API answers: gathered, not thirty frames.
    const burstStart = Date.now();
    for (let i = 0; i < 30; i++) await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'ktp' } });
    const burstMs = Date.now() - burstStart;
    await until(() => frames.at(-1)?.waiting === 31);
    const burstFrames = frames.length - 1;
    expect(burstFrames).toBeGreaterThanOrEqual(1);
    expect(burstFrames).toBeLessThanOrEqual(Math.ceil(burstMs / BOARD_UPDATE_MS) + 2);
    expect(burstFrames).toBeLessThan(30);
    // Frames never come closer together than the pace allows (a little slack for timers).
    for (let i = 1; i < frames.length; i++) expect(frames[i]!.at - frames[i - 1]!.at).toBeGreaterThanOrEqual(BOARD_UPDATE_MS - 20);
    const http = (await h.api('/api/queues', {})).body.queues.find((q: { serviceId: string }) => q.serviceId === 'ktp');
    expect(http.waiting).toBe(31);
  });

  it('one update frame per audience: every-floor screens get both floors at once, a floor display its own floor', async () => {
    h = await startHarness();
    const kiosk = await pair(h, 'kiosk');
    const staff = client(h.server.url, { token: h.adminToken });
    const d2 = client(h.server.url, { token: await pair(h, 'display', { floor: 2 }) });
    await Promise.all([staff.firstSnapshot, d2.firstSnapshot]);
    const seen = (s: Client) => {
      const frames: string[][] = [];
      s.on('update', (u) => frames.push(u.queues.map((q) => q.serviceId).sort()));
      return frames;
    };
    const staffFrames = seen(staff);
    const d2Frames = seen(d2);
    // Quiet first, so that the two tickets after the first fall into one gathered update.
    await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'kk' } });
    await until(() => staffFrames.length === 1);
    await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'ktp' } });
    await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'sertipikat' } });
    await until(() => staffFrames.length === 2 && d2Frames.length === 1);
    await new Promise((r) => setTimeout(r, BOARD_UPDATE_MS + 100));
    expect(staffFrames).toEqual([['kk'], ['ktp', 'sertipikat']]);
    expect(d2Frames).toEqual([['sertipikat']]);
  });

  it('a snapshot taken while changes are being gathered is never taken back by the update that follows', async () => {
    h = await startHarness();
    const kiosk = await pair(h, 'kiosk');
    const d = client(h.server.url, { token: await pair(h, 'display', { floor: 1 }) });
    await d.firstSnapshot;
    const updates: { rev: number; ktp?: number; loket1?: string; afterSnapshot: boolean }[] = [];
    let answered = false;
    d.on('update', (u) =>
      updates.push({
        rev: u.rev,
        ktp: u.queues.find((x) => x.serviceId === 'ktp')?.waiting,
        loket1: u.counters.find((x) => x.counterId === 'loket-1')?.status,
        afterSnapshot: answered,
      }),
    );
    // The first change goes out at once; the next ones are gathered for the end of the pace.
    await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'ktp' } });
    await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'ktp' } });
    await h.api('/api/counters/loket-1/status', { token: h.adminToken, body: { status: 'break', reason: 'Istirahat', minutes: 30 } });
    const res = await d.timeout(2000).emitWithAck('snapshot:request');
    answered = true;
    if (!res.ok) throw new Error(res.error.code);
    expect(res.data.queues.find((q) => q.serviceId === 'ktp')?.waiting).toBe(2);
    expect(res.data.counters.find((c) => c.counterId === 'loket-1')?.status).toBe('break');
    await until(() => updates.some((u) => u.afterSnapshot));
    const late = updates.filter((u) => u.afterSnapshot);
    // What arrives after the snapshot is the state now, numbered no older than the snapshot.
    for (const u of late) expect(u.rev).toBeGreaterThanOrEqual(res.data.rev);
    expect(late.at(-1)).toMatchObject({ ktp: 2, loket1: 'break' });
  });
});

async function until(ok: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
