import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Harness } from '../../server/src/testing/harness.ts';
import { connected, disconnected, pair, socket, startDefended, timed, type Client } from './support.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
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
    // The attacker is its own process (a phone on the hall Wi-Fi): what is measured is the server.
    const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'flood-client.ts'), h.server.url, t.body.id, '20000'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const ended = new Promise<void>((r) => child.on('exit', () => r()));
    const health: number[] = [];
    const until = Date.now() + 3000;
    while (Date.now() < until && child.exitCode === null) {
      const r = await timed(() => h!.api('/api/health'));
      expect(r.value.status).toBe(200);
      health.push(r.ms);
      await new Promise((res) => setTimeout(res, 50));
    }
    await ended;
    const result = JSON.parse(out.trim().split('\n').at(-1)!) as { how: string; answered: number; refused: number };
    console.log(
      `socket flood of 20,000 snapshot requests: ${result.how} after ${result.answered} answered and ${result.refused} refused; /api/health meanwhile ${health.length} times, slowest ${Math.max(0, ...health).toFixed(0)} ms`,
    );
    // Its burst was answered, then refusals, then the socket was let go: not 20,000 snapshots built.
    expect(result.how).toBe('dropped');
    expect(result.answered).toBeLessThanOrEqual(40);
    expect(result.refused).toBeGreaterThan(0);
    // A liveness bound: before budgets, 3,000 such events pushed /api/health to 9 s.
    expect(Math.max(0, ...health)).toBeLessThan(2000);
    expect((await h.api('/api/tickets', { token: h.adminToken, body: { serviceId: 'ktp' } })).status).toBe(201);
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
    const err = await connected(fourth).then(
      () => null,
      (e: Error & { data?: { error?: { code?: string } } }) => e,
    );
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
    h.server.ctx.queue.setVenue({
      ...v,
      services: v.services.filter((s) => s.id !== 'sertipikat'),
      counters: v.counters.map((c) => ({ ...c, serviceIds: c.serviceIds.filter((x) => x !== 'sertipikat') })).filter((c) => c.serviceIds.length),
    });
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
      const u = await hh.api('/api/users', {
        token: hh.adminToken,
        body: { username, name: username, password: 'sandi-rahasia-1', role: 'officer', counterIds: ['loket-1'] },
      });
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
