import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from '../../server/src/testing/harness.ts';
import { connected, disconnected, pair, socket, startDefended, timed, type Client } from './support.ts';

let h: Harness | null = null;
const open: Client[] = [];
afterEach(async () => {
  open.splice(0).forEach((s) => s.disconnect());
  await h?.close();
  h = null;
});

describe('a hostile socket', () => {
  it('a ticket page flooding snapshot requests is refused, then dropped; everyone else is served at once', async () => {
    h = await startDefended();
    const t = await h.api('/api/tickets', { token: h.adminToken, body: { serviceId: 'ktp' } });
    const s = socket(h.server.url, { ticketId: t.body.id });
    open.push(s);
    await connected(s);
    let answered = 0;
    let refused = 0;
    const gone = disconnected(s, 10000);
    for (let i = 0; i < 5000; i++) {
      s.emit('snapshot:request', (r) => {
        if (r.ok) answered++;
        else if (r.error.code === 'TOO_MANY_REQUESTS') refused++;
      });
    }
    // The server stays quick for others while the flood arrives.
    const health = await timed(() => h!.api('/api/health'));
    expect(health.value.status).toBe(200);
    expect(health.ms).toBeLessThan(2000);
    await gone;
    // Its burst was answered, then refusals, then the socket was let go: not 5,000 snapshots built.
    expect(answered).toBeLessThanOrEqual(40);
    expect(refused).toBeGreaterThan(0);
    const k = await timed(() => h!.api('/api/tickets', { token: h!.adminToken, body: { serviceId: 'ktp' } }));
    expect(k.value.status).toBe(201);
  });

  it('one address cannot hold more than its share of ticket-page sockets', async () => {
    h = await startDefended({ limits: { ticketSocketsPerAddress: 3 } });
    const t = await h.api('/api/tickets', { token: h.adminToken, body: { serviceId: 'ktp' } });
    const ok: Client[] = [];
    for (let i = 0; i < 3; i++) {
      const s = socket(h.server.url, { ticketId: t.body.id });
      open.push(s);
      await connected(s);
      ok.push(s);
    }
    const fourth = socket(h.server.url, { ticketId: t.body.id });
    open.push(fourth);
    const err = await connected(fourth).then(() => null, (e: Error & { data?: { error?: { code?: string } } }) => e);
    expect(err?.data?.error?.code).toBe('TOO_MANY_REQUESTS');
    // A closed one frees its place.
    ok[0]!.disconnect();
    await new Promise((r) => setTimeout(r, 100));
    const again = socket(h.server.url, { ticketId: t.body.id });
    open.push(again);
    await connected(again);
  });

  it('a ticket of a service removed from the venue never takes the process down: its page still connects', async () => {
    h = await startDefended();
    const t = await h.api('/api/tickets', { token: h.adminToken, body: { serviceId: 'sertipikat' } });
    // Data that no longer matches the venue (restored from an old copy, or edited by hand): shown as it stands.
    const v = h.server.ctx.queue.venue;
    h.server.ctx.queue.setVenue({ ...v, services: v.services.filter((s) => s.id !== 'sertipikat'), counters: v.counters.map((c) => ({ ...c, serviceIds: c.serviceIds.filter((x) => x !== 'sertipikat') })).filter((c) => c.serviceIds.length) });
    const s = socket(h.server.url, { ticketId: t.body.id });
    open.push(s);
    const snap = new Promise<{ ticket?: { number: string; estimatedWaitMinutes: number | null } }>((r) => s.once('snapshot', r as never));
    await connected(s);
    expect((await snap).ticket).toMatchObject({ number: t.body.number, estimatedWaitMinutes: null });
    expect((await h.api(`/api/tickets/${t.body.id}`)).status).toBe(200);
    expect((await h.api('/api/health')).status).toBe(200);
  });
});

describe('open sockets lose their rights with the session', () => {
  it('logout, a password change, disabling and a device revoke close the open sockets at once', async () => {
    h = await startDefended();
    const hh = h;
    const user = async (username: string) => {
      const u = await hh.api('/api/users', { token: hh.adminToken, body: { username, name: username, password: 'sandi-rahasia-1', role: 'officer', counterIds: ['loket-1'] } });
      return { id: u.body.id as string, token: await hh.login(username, 'sandi-rahasia-1') };
    };
    const a = await user('petugasa');
    const b = await user('petugasb');
    const c = await user('petugasc');
    const d = await pair(h, 'display', { floor: 1 });
    const sockets = [a.token, b.token, c.token, d.token].map((token) => socket(hh.server.url, { token }));
    open.push(...sockets);
    await Promise.all(sockets.map((s) => connected(s)));
    const tickets: string[] = [];
    sockets[0]!.on('ticket', (t) => tickets.push(t.id));
    const cut = sockets.map((s) => disconnected(s, 2000));
    expect((await h.api('/api/auth/logout', { token: a.token, method: 'POST' })).status).toBe(204);
    await cut[0];
    expect((await h.api(`/api/users/${b.id}`, { token: h.adminToken, method: 'PATCH', body: { password: 'sandi-baru-12345' } })).status).toBe(200);
    await cut[1];
    expect((await h.api(`/api/users/${c.id}`, { token: h.adminToken, method: 'PATCH', body: { disabled: true } })).status).toBe(200);
    await cut[2];
    expect((await h.api(`/api/devices/${d.id}`, { token: h.adminToken, method: 'DELETE' })).status).toBe(204);
    await cut[3];
    // Nothing about visitors reaches a socket whose session ended.
    await h.api('/api/tickets', { token: h.adminToken, body: { serviceId: 'ktp' } });
    await new Promise((r) => setTimeout(r, 200));
    expect(tickets).toEqual([]);
  });
});
