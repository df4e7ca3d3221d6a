import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { AntreError, type ErrorBody } from '../contract/errors.js';
import { COUNTER_ACTIONS, type ClientToServerEvents, type ServerToClientEvents, type SocketAuth } from '../contract/events.js';
import type { Principal } from '../auth/auth-service.js';
import type { AppContext } from '../context.js';
import { counterCommand } from '../commands/counter-commands.js';
import { agenciesOf, floorsOf, presentSnapshot, zoneOf } from './presenters.js';
import { Notifier } from './notifier.js';

export interface SocketData {
  principal: Principal | null;
  ticketId: string | null;
  /** The handshake's token, checked again on every event: it may be revoked, logged out or expired since. */
  token: string | null;
}

export type AntreServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type AntreSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Screens and staff that watch every floor: one board update reaches them as one frame. */
export const ALL_FLOORS = 'floors:all';

/** Rooms a socket belongs to: floors it watches, agencies and counters it works, its ticket. */
export function roomsFor(ctx: AppContext, p: Principal | null, ticketId: string | null): string[] {
  const v = ctx.queue.venue;
  if (ticketId) return [`ticket:${ticketId}`];
  // A zone board hears its own counters and its zone's queues, not the rest of the floor.
  const zone = zoneOf(ctx, p);
  if (zone) return [...zone.counterIds.map((c) => `counter:${c}`), `zone:${zone.id}`];
  const floors = floorsOf(ctx, p);
  const rooms = floors.map((f) => `floor:${f}`);
  if (v.floors.every((f) => floors.includes(f.number))) rooms.push(ALL_FLOORS);
  if (p?.kind === 'user') {
    const counters = p.user.role === 'officer' ? v.counters.filter((c) => p.user.counterIds.includes(c.id)) : v.counters;
    for (const c of counters) rooms.push(`counter:${c.id}`);
    for (const a of agenciesOf(ctx, p)) rooms.push(`agency:${a}`);
    if (p.user.role !== 'officer') rooms.push('supervisors');
  }
  if (p?.kind === 'device' && p.device.kind === 'printer' && p.device.ref) rooms.push(`print-agent:${p.device.ref}`);
  if (p?.kind === 'device' && p.device.kind === 'kiosk' && p.device.ref) rooms.push(`kiosk:${p.device.ref}`);
  return rooms;
}

/**
 * Who a connected socket is now: its token is resolved again, since a device may have been
 * revoked or re-paired, and a session ended or expired, after the handshake. False when it died;
 * null for a visitor's ticket page, which has no token.
 */
export function principalNow(ctx: AppContext, socket: AntreSocket): Principal | null | false {
  const { token } = socket.data;
  if (!token) return null;
  const p = ctx.auth.resolve(token, ctx.queue.clock());
  if (!p) return false;
  socket.data.principal = p;
  return p;
}

/** socket.io on the HTTP server: authenticate on connect, join rooms, snapshot, then deltas. */
export function attachRealtime(http: HttpServer, ctx: AppContext): { io: AntreServer; notifier: Notifier } {
  const io: AntreServer = new Server(http, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 10000,
    pingTimeout: 8000,
  });
  io.use((socket, next) => {
    const auth = (socket.handshake.auth ?? {}) as SocketAuth;
    try {
      const now = ctx.queue.clock();
      if (typeof auth.ticketId === 'string' && auth.ticketId) {
        if (!/^[A-Za-z0-9_-]{1,64}$/.test(auth.ticketId) || !ctx.queue.engine.state.tickets.has(auth.ticketId)) throw new AntreError('TICKET_NOT_FOUND');
        socket.data = { principal: null, ticketId: auth.ticketId, token: null };
        return next();
      }
      if (typeof auth.token !== 'string' || !auth.token) throw new AntreError('UNAUTHENTICATED');
      const p = ctx.auth.resolve(auth.token, now);
      if (!p) throw new AntreError('INVALID_TOKEN');
      socket.data = { principal: p, ticketId: null, token: auth.token };
      next();
    } catch (err) {
      const e = err instanceof AntreError ? err : new AntreError('INTERNAL');
      const error = new Error(e.code) as Error & { data: unknown };
      error.data = e.toBody();
      next(error);
    }
  });
  const notifier = new Notifier(io, ctx);
  io.on('connection', (socket: AntreSocket) => {
    const { principal, ticketId } = socket.data;
    void socket.join(roomsFor(ctx, principal, ticketId));
    if (principal?.kind === 'device') ctx.auth.markSeen(principal.device.id, ctx.queue.clock());
    socket.emit('snapshot', presentSnapshot(ctx, principal, ticketId));
    // Credentials that died since the handshake: refuse, then drop the socket (its client sees the refusal on reconnect).
    const refuseDead = (ack: (r: { ok: false } & ErrorBody) => void) => {
      ack({ ok: false, ...new AntreError('INVALID_TOKEN').toBody() });
      socket.disconnect(true);
    };
    socket.on('snapshot:request', (ack) => {
      if (typeof ack !== 'function') return;
      const p = principalNow(ctx, socket);
      if (p === false) return refuseDead(ack);
      ack({ ok: true, data: presentSnapshot(ctx, p, ticketId) });
    });
    socket.on('counter:command', (cmd, ack) => {
      if (typeof ack !== 'function') return;
      const p = principalNow(ctx, socket);
      if (p === false) return refuseDead(ack);
      const run = async () => {
        if (!cmd || typeof cmd !== 'object' || typeof cmd.counterId !== 'string' || !COUNTER_ACTIONS.includes(cmd.action)) throw new AntreError('INVALID_INPUT');
        if (p?.kind !== 'user' && !(p?.kind === 'device' && p.device.kind === 'button')) throw new AntreError('FORBIDDEN');
        return counterCommand(ctx, p, cmd.counterId, cmd.action, cmd.body);
      };
      run().then(
        (data) => ack({ ok: true, data: 'counterId' in data && !('number' in data) ? ctx.queue.engine.estimator.publicCounter(data.counterId) : (data as never) }),
        (err) => {
          const e = err instanceof AntreError ? err : new AntreError('INTERNAL');
          if (!(err instanceof AntreError)) ctx.log.error({ err }, 'socket command failed');
          ack({ ok: false, ...e.toBody() });
        },
      );
    });
    socket.on('printer:status', (s) => {
      if (principalNow(ctx, socket) === false) socket.disconnect(true);
      else notifier.printerStatus(socket, s);
    });
    socket.on('disconnect', () => {
      if (principal?.kind === 'device' && !io.sockets.adapter.rooms.get(`device:${principal.device.id}`)?.size) ctx.auth.markGone(principal.device.id, ctx.queue.clock());
    });
    if (principal?.kind === 'device') void socket.join(`device:${principal.device.id}`);
  });
  return { io, notifier };
}
