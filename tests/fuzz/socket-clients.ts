import { io as connect, type Socket } from 'socket.io-client';
import { ERRORS, type ClientToServerEvents, type ErrorCode, type ServerToClientEvents } from '@antre/server/contract';
import type { World } from './world.ts';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What a connection attempt came to: a connected socket, or the server's refusal. */
export type Opened = { socket: Client; error?: undefined } | { socket?: undefined; error: Error & { data?: unknown } };

/** A real socket.io client on its own connection (so abuse on it hurts nobody else); never reconnects. */
export function open(w: World, auth: unknown, ms = 5000): Promise<Opened> {
  const s = connect(w.h.server.url, {
    auth: auth as Record<string, unknown>,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: ms,
  }) as Client;
  // A print agent answers its jobs, as the real one does.
  s.on('print:job', (_job, ack) => typeof ack === 'function' && ack({ ok: true }));
  return new Promise((resolve) => {
    const timer = setTimeout(() => done({ error: new Error(`no connect or refusal within ${ms} ms`) }), ms + 500);
    let settled = false;
    const done = (r: Opened) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      s.off('connect', onConnect);
      s.off('connect_error', onError);
      s.io.off('close', onClose);
      if (r.error) s.close();
      resolve(r);
    };
    const onConnect = () => done({ socket: s });
    const onError = (error: Error) => done({ error });
    // The server may also just close the connection (a frame over its limit): no refusal to read then.
    // (A refusal closes the connection too, just before connect_error: let the refusal win.)
    const onClose = (reason: string) => setImmediate(() => done({ error: new Error(`connection closed: ${reason}`) }));
    s.on('connect', onConnect);
    s.on('connect_error', onError);
    s.io.on('close', onClose);
  });
}

/** Sockets of the fuzzer's identities, opened on first use and again after the server dropped one. */
export class SocketPool {
  private sockets = new Map<string, Client>();
  constructor(private readonly w: World) {}

  async get(key: string, auth: () => unknown): Promise<Client> {
    const s = this.sockets.get(key);
    if (s?.connected) return s;
    s?.close();
    const o = await open(this.w, auth());
    if (!o.socket) throw new Error(`${key}: could not connect: ${o.error.message} ${JSON.stringify(o.error.data ?? null)}`);
    this.sockets.set(key, o.socket);
    return o.socket;
  }

  closeAll(): void {
    for (const s of this.sockets.values()) s.close();
    this.sockets.clear();
  }
}

/**
 * Waits for the server to have handled everything sent before on this socket: one ack round
 * trip, or the socket's end. Silence is an error unless `silentOk` (a client that told the
 * server, in raw protocol, that it left may be left alone).
 */
export async function barrier(s: Client, ms = 5000, silentOk = false): Promise<'answered' | 'dropped' | 'silent'> {
  if (!s.connected) return 'dropped';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => (silentOk ? resolve('silent') : reject(new Error(`the server neither answered nor dropped the socket within ${ms} ms`))),
      ms,
    );
    const gone = () => {
      clearTimeout(timer);
      resolve('dropped');
    };
    s.once('disconnect', gone);
    s.emit('snapshot:request', () => {
      clearTimeout(timer);
      s.off('disconnect', gone);
      resolve('answered');
    });
  });
}

/** Throws unless an ack is one of the two shapes: ok with data, or refused with a known 4xx code in both languages. */
export function assertAck(ack: unknown, where: string): { ok: boolean; code: ErrorCode | null } {
  const a = ack as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: { id?: unknown; en?: unknown } } } | null;
  if (!a || typeof a !== 'object' || typeof a.ok !== 'boolean') throw new Error(`${where}: ack is not {ok, ...}: ${JSON.stringify(ack)?.slice(0, 300)}`);
  if (a.ok) return { ok: true, code: null };
  const code = a.error?.code;
  if (typeof code !== 'string' || !(code in ERRORS)) throw new Error(`${where}: refusal without a known code: ${JSON.stringify(ack)?.slice(0, 300)}`);
  const status = ERRORS[code as ErrorCode].status;
  if (status >= 500) throw new Error(`${where}: server error ${code} (${status}) in the ack`);
  const { id, en } = a.error?.message ?? {};
  if (typeof id !== 'string' || typeof en !== 'string' || !id.trim() || !en.trim() || id === en)
    throw new Error(`${where}: ${code} without a message in both languages`);
  return { ok: false, code: code as ErrorCode };
}

/** Throws unless a connect refusal carries the error body (in err.data) with a 4xx code. */
export function assertConnectError(err: Error & { data?: unknown }, where: string): ErrorCode {
  const { code } = assertAck({ ok: false, ...(err.data as object) }, `${where} (connect_error ${err.message})`);
  return code!;
}

/** An emit whose ack may or may not come: `seen` fills in when it does. */
export interface Emitted {
  seen: { acked: boolean; answer?: unknown };
  /** Resolves with the answer, or with undefined after `ms`. */
  wait(ms: number): Promise<unknown>;
}

/** Emits with a raw argument list, the ack function last, first or not at all. */
export function emitRaw(s: Client, event: string, args: unknown[], ackAt: 'last' | 'first' | 'none'): Emitted {
  const seen: Emitted['seen'] = { acked: false };
  let wake: (() => void) | null = null;
  const ack = (answer: unknown) => {
    seen.acked = true;
    seen.answer = answer;
    wake?.();
  };
  const list = ackAt === 'last' ? [...args, ack] : ackAt === 'first' ? [ack, ...args] : args;
  (s.emit as (ev: string, ...a: unknown[]) => void)(event, ...list);
  return {
    seen,
    // A socket the server drops answers nothing more: stop waiting then.
    wait: (ms) =>
      new Promise((resolve) => {
        if (seen.acked || !s.connected) return resolve(seen.answer);
        const timer = setTimeout(() => wake?.(), ms);
        wake = () => {
          clearTimeout(timer);
          s.off('disconnect', wake!);
          resolve(seen.answer);
        };
        s.once('disconnect', wake);
      }),
  };
}
