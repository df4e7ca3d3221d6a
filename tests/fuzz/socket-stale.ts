import { open, type Client } from './socket-clients.ts';
import type { World } from './world.ts';

/**
 * Sockets that connected while their credentials were good, which then died: a revoked call
 * button, a re-paired display's old token, an officer who logged out, one who was disabled.
 * Each works loket-2, where visitors wait, so an accepted command would show.
 */
export async function staleSockets(w: World): Promise<Map<string, Client>> {
  const { h } = w;
  const admin = w.tokens.admin;
  const ok = async (path: string, init: Parameters<World['h']['api']>[1]) => {
    const r = await h.api(path, init);
    if (r.status >= 300) throw new Error(`setup ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const device = async (kind: string, extra: object) => {
    const d = await ok('/api/devices', { token: admin, body: { kind, name: `${kind} basi`, ...extra } });
    return { id: d.device.id as string, token: (await ok('/api/devices/pair', { body: { code: d.code } })).token as string };
  };
  const officer = async (username: string) => {
    const u = await ok('/api/users', {
      token: admin,
      body: { username, name: username, password: `sandi-${username}`, role: 'officer', counterIds: ['loket-2'] },
    });
    return { id: u.id as string, token: await h.login(username, `sandi-${username}`) };
  };
  const connect = async (token: string) => {
    const o = await open(w, { token });
    if (!o.socket) throw new Error(`stale setup: ${o.error.message}`);
    return o.socket;
  };
  const button = await device('button', { ref: 'loket-2' });
  const display = await device('display', { floor: 1 });
  const [gone, off] = await Promise.all([officer('pulang'), officer('dinonaktifkan')]);
  const sockets = new Map<string, Client>([
    ['revoked button', await connect(button.token)],
    ['re-paired display', await connect(display.token)],
    ['logged-out officer', await connect(gone.token)],
    ['disabled officer', await connect(off.token)],
  ]);
  await ok(`/api/devices/${button.id}`, { token: admin, method: 'DELETE' });
  await ok(`/api/devices/${display.id}/pairing`, { token: admin, method: 'POST' });
  await h.api('/api/auth/logout', { token: gone.token, method: 'POST' });
  await ok(`/api/users/${off.id}`, { token: admin, method: 'PATCH', body: { disabled: true } });
  return sockets;
}

/** Staff sockets opened now, to outlive their sessions. */
export async function staffSockets(w: World): Promise<Map<string, Client>> {
  const out = new Map<string, Client>();
  for (const who of ['admin', 'supervisor', 'officerA', 'officerB'] as const) {
    const o = await open(w, { token: w.tokens[who] });
    if (!o.socket) throw new Error(`${who}: ${o.error.message}`);
    out.set(who, o.socket);
  }
  return out;
}
