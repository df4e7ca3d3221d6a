import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/src/contract/events.ts';
import { DEFAULT_LIMITS } from '../../server/src/security/limits.ts';
import { startHarness, type Harness } from '../../server/src/testing/harness.ts';
import type { StartOptions } from '../../server/src/server.ts';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real server with the production limits (the shared harness raises them for load-style tests). */
export function startDefended(over: Partial<StartOptions> = {}): Promise<Harness> {
  return startHarness({ ...over, limits: { ...DEFAULT_LIMITS, ...over.limits } });
}

/** A real socket.io client over websocket, no reconnection (an attacker's socket). */
export function socket(url: string, auth: object): Client {
  return connect(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true }) as Client;
}

export function connected(s: Client, ms = 3000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (s.connected) return resolve();
    const t = setTimeout(() => reject(new Error('not connected')), ms);
    s.once('connect', () => {
      clearTimeout(t);
      resolve();
    });
    s.once('connect_error', (e) => {
      clearTimeout(t);
      reject(e);
    });
  });
}

export function disconnected(s: Client, ms = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!s.connected) return resolve('already');
    const t = setTimeout(() => reject(new Error(`still connected after ${ms} ms`)), ms);
    s.once('disconnect', (reason) => {
      clearTimeout(t);
      resolve(reason);
    });
  });
}

export async function pair(h: Harness, kind: string, extra: object = {}): Promise<{ token: string; id: string }> {
  const c = await h.api('/api/devices', { token: h.adminToken, body: { kind, name: `${kind}-${Math.random().toString(36).slice(2, 7)}`, ...extra } });
  const p = await h.api('/api/devices/pair', { body: { code: c.body.code } });
  return { token: p.body.token, id: c.body.device.id };
}

/** Milliseconds one request takes. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}
