import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { AntreError, type ErrorBody } from '../contract/errors.js';
import { COUNTER_ACTIONS, type SocketAuth } from '../contract/events.js';
import type { AppContext } from '../context.js';
import { counterCommand } from '../commands/counter-commands.js';
import { presentSnapshot } from './presenters.js';
import { can } from '../policy/policy.js';
import { presentCommandAnswer } from '../presenters/tickets.js';
import { Notifier } from './notifier.js';
import type { Revocation } from '../auth/auth-service.js';
import { digest } from '../auth/secrets.js';
import { principalNow, roomsFor } from './rooms.js';
import type { AntreServer, AntreSocket } from './socket-types.js';

/** socket.io on the HTTP server: authenticate on connect, join rooms, snapshot, then deltas. */
export function attachRealtime(http: HttpServer, ctx: AppContext): { io: AntreServer; notifier: Notifier } {
  const limits = ctx.limits;
  const io: AntreServer = new Server(http, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: limits.socketMaxMessageBytes,
    pingInterval: 10000,
    pingTimeout: 8000,
  });
  const ticketSocketsByAddress = new Map<string, number>();
  io.use((socket, next) => {
    const auth = (socket.handshake.auth ?? {}) as SocketAuth;
    try {
      const now = ctx.queue.clock();
      if (typeof auth.ticketId === 'string' && auth.ticketId) {
        if (!/^[A-Za-z0-9_-]{1,64}$/.test(auth.ticketId) || !ctx.queue.engine.state.tickets.has(auth.ticketId)) throw new AntreError('TICKET_NOT_FOUND');
        // Visitors' pages need no token: they are bounded per address and shed first when the server is loaded.
        if (ctx.guard.overloaded) throw new AntreError('SERVER_BUSY');
        const address = socket.handshake.address;
        const open = ticketSocketsByAddress.get(address) ?? 0;
        if (open >= limits.ticketSocketsPerAddress) throw new AntreError('TOO_MANY_REQUESTS', { openSockets: open });
        ticketSocketsByAddress.set(address, open + 1);
        socket.once('disconnect', () => {
          const n = (ticketSocketsByAddress.get(address) ?? 1) - 1;
          if (n > 0) ticketSocketsByAddress.set(address, n);
          else ticketSocketsByAddress.delete(address);
        });
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
    // Nothing a client sends, and no data that no longer matches the venue, may take the process down.
    try {
      onConnection(ctx, io, notifier, socket);
    } catch (err) {
      ctx.log.error({ err, ticketId: socket.data.ticketId }, 'socket connection failed');
      socket.disconnect(true);
    }
  });
  ctx.auth.on('revoked', (r) => disconnectRevoked(io, r));
  // Sessions that went idle or expired, and clients that stopped reading, are let go without waiting for their next event.
  const sweep = setInterval(() => sweepSockets(ctx, io), 5000);
  sweep.unref();
  io.engine.on('close', () => clearInterval(sweep));
  http.on('close', () => clearInterval(sweep));
  return { io, notifier };
}

function onConnection(ctx: AppContext, io: AntreServer, notifier: Notifier, socket: AntreSocket): void {
  const { principal, ticketId } = socket.data;
  void socket.join(roomsFor(ctx, principal, ticketId));
  if (principal?.kind === 'device') {
    void socket.join(`device:${principal.device.id}`);
    ctx.auth.markSeen(principal.device.id, ctx.queue.clock());
  }
  if (principal?.kind === 'user') void socket.join(`user:${principal.user.id}`);
  socket.emit('snapshot', presentSnapshot(ctx, principal, ticketId));
  const budget = new SocketBudget(ctx.limits);
  // Credentials that died since the handshake: refuse, then drop the socket (its client sees the refusal on reconnect).
  const refuseDead = (ack: (r: { ok: false } & ErrorBody) => void) => {
    ack({ ok: false, ...new AntreError('INVALID_TOKEN').toBody() });
    socket.disconnect(true);
  };
  /** Every event pays from the socket's budget first; a socket that keeps pushing past it is dropped. */
  const admit = (ack: ((r: { ok: false } & ErrorBody) => void) | null): boolean => {
    const verdict = budget.spend();
    if (verdict === 'ok') return true;
    if (verdict === 'drop') {
      ctx.log.warn({ address: socket.handshake.address, ticketId }, 'socket dropped: kept sending past its budget');
      socket.disconnect(true);
    } else ack?.({ ok: false, ...new AntreError('TOO_MANY_REQUESTS').toBody() });
    return false;
  };
  const fail = (ack: (r: { ok: false } & ErrorBody) => void, err: unknown, what: string) => {
    const e = err instanceof AntreError ? err : new AntreError('INTERNAL');
    if (!(err instanceof AntreError)) ctx.log.error({ err }, what);
    ack({ ok: false, ...e.toBody() });
  };
  socket.on('snapshot:request', (ack) => {
    if (typeof ack !== 'function' || !admit(ack)) return;
    try {
      const p = principalNow(ctx, socket);
      if (p === false) return refuseDead(ack);
      if (!p && ctx.guard.overloaded) throw new AntreError('SERVER_BUSY');
      ack({ ok: true, data: presentSnapshot(ctx, p, ticketId) });
    } catch (err) {
      fail(ack, err, 'snapshot failed');
    }
  });
  socket.on('counter:command', (cmd, ack) => {
    if (typeof ack !== 'function' || !admit(ack)) return;
    const run = async () => {
      const p = principalNow(ctx, socket);
      if (p === false) return null;
      if (!cmd || typeof cmd !== 'object' || typeof cmd.counterId !== 'string' || !COUNTER_ACTIONS.includes(cmd.action)) throw new AntreError('INVALID_INPUT');
      if (!can(p, 'counter.socket')) throw new AntreError('FORBIDDEN');
      return counterCommand(ctx, p, cmd.counterId, cmd.action, cmd.body);
    };
    run().then(
      (data) => {
        if (data === null) return refuseDead(ack);
        ack({ ok: true, data: presentCommandAnswer(ctx.queue.engine, socket.data.principal, data) });
      },
      (err) => fail(ack, err, 'socket command failed'),
    );
  });
  socket.on('printer:status', (s) => {
    if (!admit(null)) return;
    try {
      if (principalNow(ctx, socket) === false) socket.disconnect(true);
      else notifier.printerStatus(socket, s);
    } catch (err) {
      ctx.log.error({ err }, 'printer status failed');
    }
  });
  socket.on('disconnect', () => {
    if (principal?.kind === 'device' && !io.sockets.adapter.rooms.get(`device:${principal.device.id}`)?.size)
      ctx.auth.markGone(principal.device.id, ctx.queue.clock());
  });
}

/**
 * A socket's allowance of events: a steady rate with a burst above it. Past it, events are refused;
 * a socket refused many times in a row is not a screen that lost its way but a flood, and is dropped.
 * Kept on the socket itself rather than in rate-limiter-flexible's keyed store: the decision is
 * needed synchronously for every event, and the state goes away with the socket.
 */
class SocketBudget {
  private tokens: number;
  private last = performance.now();
  private refusedInRow = 0;

  constructor(private readonly limits: AppContext['limits']) {
    this.tokens = limits.socketEventBurst;
  }

  spend(): 'ok' | 'refuse' | 'drop' {
    const now = performance.now();
    this.tokens = Math.min(this.limits.socketEventBurst, this.tokens + ((now - this.last) / 1000) * this.limits.socketEventsPerSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.refusedInRow = 0;
      return 'ok';
    }
    return ++this.refusedInRow >= this.limits.socketRefusalsBeforeDisconnect ? 'drop' : 'refuse';
  }
}

/** Closes the open sockets whose rights just ended (logout, password or role change, disabled, device revoked or re-paired). */
function disconnectRevoked(io: AntreServer, r: Revocation): void {
  if ('deviceId' in r) io.in(`device:${r.deviceId}`).disconnectSockets(true);
  else if ('userId' in r) io.in(`user:${r.userId}`).disconnectSockets(true);
  else {
    for (const s of io.sockets.sockets.values()) if (s.data.token && digest(s.data.token) === r.tokenDigest) s.disconnect(true);
  }
}

/** Bytes queued for a socket and not yet taken by the network. */
function outBuffered(socket: AntreSocket): number {
  const conn = socket.conn as unknown as { writeBuffer?: unknown[]; transport?: { socket?: { bufferedAmount?: number } } };
  return (conn.transport?.socket?.bufferedAmount ?? 0) + (conn.writeBuffer?.length ?? 0) * 1024;
}

function sweepSockets(ctx: AppContext, io: AntreServer): void {
  for (const s of io.sockets.sockets.values()) {
    if (outBuffered(s) > ctx.limits.socketOutBufferBytes) {
      ctx.log.warn({ address: s.handshake.address }, 'socket dropped: not reading what it is sent');
      s.disconnect(true);
    } else if (s.data.token && principalNow(ctx, s) === false) s.disconnect(true);
  }
}
