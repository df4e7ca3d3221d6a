// Small helpers shared by the whole-system fault tests: polling with a bound, JSON reads,
// device pairing and a real socket.io client that records what it hears.
import { io as connect, type Socket } from 'socket.io-client';
import { post, type ServerProcess } from '../support/server-process.ts';

/** Polls until `fn` answers something truthy; fails naming `what` after `ms` (a liveness bound, not a speed target). */
export async function until<T>(what: string, fn: () => T | null | undefined | false | Promise<T | null | undefined | false>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Waits for the start-up banner: /api/health answers before the demo set-up (devices, staff)
 * has finished writing, and a fault injected before that would hit start-up, not the running server.
 */
export async function ready(server: ServerProcess): Promise<void> {
  await until('the server printed its start-up banner', () => server.output().includes('Antre is running'), 30000);
}

export async function send(url: string, method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const r = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: r.status, body: await r.json().catch(() => null) };
}

export async function getJson(url: string, path: string, token?: string): Promise<{ status: number; body: any }> {
  const r = await fetch(`${url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: r.status, body: await r.json().catch(() => null) };
}

/** Registers a device as the admin and pairs it, answering the device's own token. */
export async function pairDevice(
  url: string,
  admin: string,
  device: { kind: 'kiosk' | 'display'; name: string; ref?: string; floor?: number },
): Promise<string> {
  const created = await post(url, '/api/devices', admin, device);
  if (created.status !== 201) throw new Error(`creating device ${device.name}: ${created.status} ${JSON.stringify(created.body)}`);
  const paired = await post(url, '/api/devices/pair', null, { code: created.body.code });
  if (paired.status !== 200) throw new Error(`pairing device ${device.name}: ${paired.status} ${JSON.stringify(paired.body)}`);
  return paired.body.token as string;
}

export interface Heard {
  event: string;
  data: any;
  at: number;
}

/** A real socket.io client that keeps every event it hears, connected once its first snapshot arrived. */
export interface Listener {
  socket: Socket;
  heard: Heard[];
  of(event: string): any[];
  close(): void;
}

export async function listen(url: string, auth: { token?: string; ticketId?: string }): Promise<Listener> {
  const socket = connect(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  const heard: Heard[] = [];
  socket.onAny((event: string, data: unknown) => heard.push({ event, data, at: Date.now() }));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket: no snapshot within 10 s')), 10000);
    socket.once('snapshot', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
  return {
    socket,
    heard,
    of: (event) => heard.filter((h) => h.event === event).map((h) => h.data),
    close: () => socket.close(),
  };
}

/** The bilingual error body every refusal must carry. */
export function isErrorBody(body: any, code: string): boolean {
  const m = body?.error?.message;
  return body?.error?.code === code && typeof m?.id === 'string' && m.id.length > 0 && typeof m?.en === 'string' && m.en.length > 0 && m.id !== m.en;
}
