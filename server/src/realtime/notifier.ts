import type { PublicCounter, QueueInfo, StaffTicket, Ticket } from '../contract/domain.js';
import { ticketPresenter } from '../presenters/tickets.js';
import type { PrinterStatusMessage } from '../contract/events.js';
import type { Change } from '../engine/state.js';
import type { AppContext } from '../context.js';
import { printerStatusBody } from '../contract/schemas.js';
import { ALL_FLOORS, NUMBERS_ONLY, principalNow, roomsFor } from './rooms.js';
import type { AntreServer, AntreSocket } from './socket-types.js';
import { can } from '../policy/policy.js';
import { BOARD_UPDATE_MS } from './timing.js';
import { anonymousCall, anonymousCounter, presentSnapshot, visitorTicketView, zoneServices } from './presenters.js';

const TICK_MS = 15000;
export { BOARD_UPDATE_MS } from './timing.js';

/** The one way out: turns durable changes into events for the rooms that may see them. */
export class Notifier {
  /** What the screens last received per service and per counter: a change is sent only when it differs. */
  private lastQueues = new Map<string, string>();
  private lastCounters = new Map<string, string>();
  private dirtyServices = new Set<string>();
  private dirtyCounters = new Set<string>();
  private flushTimer: NodeJS.Timeout | null = null;
  private lastFlushAt = -Infinity;
  private timer: NodeJS.Timeout;
  private printerListeners: ((deviceId: string, s: PrinterStatusMessage) => void)[] = [];

  constructor(
    private readonly io: AntreServer,
    private readonly ctx: AppContext,
  ) {
    ctx.queue.on('changes', (changes, rev) => this.publish(changes, rev));
    ctx.queue.on('day', (day) => {
      this.io.emit('day', { day });
      this.resyncAll();
    });
    // Opening hours pass and quotas reset without any command: re-check availability now and then.
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  publish(changes: Change[], rev: number): void {
    const e = this.ctx.queue.engine;
    const affected = new Set<string>();
    const directViews = new Set<string>();
    // Calls first: the hall hears them before anything else is written to the sockets.
    for (const c of changes) {
      if (c.t !== 'call') continue;
      const call = { ...c.call, rev };
      this.io.to([`floor:${c.call.floor}`, `counter:${c.call.counterId}`]).emit('call', call);
      this.io.to(`${NUMBERS_ONLY}floor:${c.call.floor}`).emit('call', { ...anonymousCall(call), rev });
    }
    for (const c of changes) {
      switch (c.t) {
        case 'ticket':
          affected.add(c.ticket.serviceId);
          this.sendTicket(c.ticket, rev);
          directViews.add(c.ticket.id);
          break;
        case 'counter': {
          const cfg = e.venue.counters.find((x) => x.id === c.counter.counterId);
          if (!cfg) break;
          cfg.serviceIds.forEach((s) => affected.add(s));
          this.dirtyCounters.add(cfg.id);
          break;
        }
        case 'service':
          affected.add(c.service.serviceId);
          break;
      }
    }
    for (const s of affected) this.dirtyServices.add(s);
    this.schedule();
    this.sendTicketViews(affected, directViews);
  }

  /**
   * A ticket changed: each staff socket following its agency gets it as its audience may see it
   * (leads the record, officers their desks' view), computed once per audience.
   */
  private sendTicket(t: Ticket, rev: number): void {
    const ids = this.io.sockets.adapter.rooms.get(`agency:${t.agencyId}`);
    if (!ids?.size) return;
    const venue = this.ctx.queue.venue;
    const views = new Map<string, StaffTicket | null>();
    for (const id of ids) {
      const s = this.io.sockets.sockets.get(id);
      const p = s?.data.principal ?? null;
      if (!s || !p) continue;
      const key = can(p, 'ticket.listAll') ? 'lead' : p.kind === 'user' ? `user:${p.user.id}` : `device:${p.device.id}`;
      if (!views.has(key)) views.set(key, ticketPresenter(venue, p)?.(t) ?? null);
      const view = views.get(key);
      if (view) s.emit('ticket', { ...view, rev });
    }
  }

  /** Sends now if the last send is long enough ago, else once that time is up. */
  private schedule(): void {
    if (this.flushTimer || (!this.dirtyServices.size && !this.dirtyCounters.size)) return;
    const wait = this.lastFlushAt + BOARD_UPDATE_MS - performance.now();
    if (wait <= 0) this.flush();
    else this.flushTimer = setTimeout(() => this.flush(), wait);
  }

  /**
   * Sends every counter and queue changed since the last update, as they are now, numbered with
   * the current revision (never older than anything sent before): one frame per audience.
   */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (!this.dirtyServices.size && !this.dirtyCounters.size) return;
    this.lastFlushAt = performance.now();
    const counters = this.changedCounters([...this.dirtyCounters]);
    const queues = this.changedQueues([...this.dirtyServices]);
    this.dirtyCounters.clear();
    this.dirtyServices.clear();
    if (counters.length || queues.length) this.sendUpdate(counters, queues, this.ctx.queue.rev);
  }

  private changedCounters(counterIds: string[]): PublicCounter[] {
    const e = this.ctx.queue.engine;
    const out: PublicCounter[] = [];
    for (const id of counterIds) {
      if (!e.venue.counters.some((x) => x.id === id)) continue;
      const pc = e.estimator.publicCounter(id);
      const k = JSON.stringify(pc);
      if (this.lastCounters.get(id) === k) continue;
      this.lastCounters.set(id, k);
      out.push(pc);
    }
    return out;
  }

  private changedQueues(serviceIds: string[]): QueueInfo[] {
    const now = this.ctx.queue.clock();
    const out: QueueInfo[] = [];
    for (const sid of serviceIds) {
      if (!this.ctx.queue.venue.services.some((s) => s.id === sid)) continue;
      const info = this.ctx.queue.engine.estimator.queueInfo(sid, now);
      // A queue as the boards last saw it (after a start, a recall) is not sent again.
      const k = JSON.stringify(info);
      if (this.lastQueues.get(sid) === k) continue;
      this.lastQueues.set(sid, k);
      out.push(info);
    }
    return out;
  }

  /**
   * One frame per audience: screens that watch every floor get everything at once, a floor's
   * screens their floor, a zone board its own counters and the queues they serve.
   */
  private sendUpdate(counters: PublicCounter[], queues: QueueInfo[], rev: number): void {
    const v = this.ctx.queue.venue;
    const floorOf = new Map(v.counters.map((c) => [c.id, c.floor]));
    const rooms = this.io.sockets.adapter.rooms;
    // Screens that may not see ticket ids get the same frames with numbers in their place (only when one listens).
    const numbersOnly = (cs: PublicCounter[]) => cs.map(anonymousCounter);
    this.io.to(ALL_FLOORS).emit('update', { rev, counters, queues });
    if (rooms.has(NUMBERS_ONLY + ALL_FLOORS)) this.io.to(NUMBERS_ONLY + ALL_FLOORS).emit('update', { rev, counters: numbersOnly(counters), queues });
    for (const f of v.floors) {
      const mine = { rev, counters: counters.filter((c) => floorOf.get(c.counterId) === f.number), queues: queues.filter((q) => q.floor === f.number) };
      if (!mine.counters.length && !mine.queues.length) continue;
      this.io.to(`floor:${f.number}`).except(ALL_FLOORS).emit('update', mine);
      if (rooms.has(`${NUMBERS_ONLY}floor:${f.number}`))
        this.io
          .to(`${NUMBERS_ONLY}floor:${f.number}`)
          .except(NUMBERS_ONLY + ALL_FLOORS)
          .emit('update', { ...mine, counters: numbersOnly(mine.counters) });
    }
    for (const zone of v.zones) {
      const svc = zoneServices(this.ctx, zone.counterIds);
      const mine = { rev, counters: counters.filter((c) => zone.counterIds.includes(c.counterId)), queues: queues.filter((q) => svc.has(q.serviceId)) };
      if (mine.counters.length || mine.queues.length) this.io.to(`zone:${zone.id}`).emit('update', mine);
    }
  }

  /** Visitors' pages: their ticket moved in line or changed. Only tickets someone watches. */
  private sendTicketViews(services: Set<string>, direct: Set<string>): void {
    const rooms = this.io.sockets.adapter.rooms;
    const e = this.ctx.queue.engine;
    const now = this.ctx.queue.clock();
    const sent = new Set<string>();
    for (const sid of services) {
      e.estimator.order(sid, now).forEach((t, i) => {
        if (!rooms.has(`ticket:${t.id}`)) return;
        sent.add(t.id);
        this.io.to(`ticket:${t.id}`).emit('ticketView', visitorTicketView(e.estimator.ticketView(t, now, i)));
      });
    }
    for (const id of direct) {
      if (sent.has(id) || !rooms.has(`ticket:${id}`)) continue;
      const t = e.state.tickets.get(id);
      if (t) this.io.to(`ticket:${id}`).emit('ticketView', visitorTicketView(e.estimator.ticketView(t, now)));
    }
  }

  /** Re-checks what time alone changes (hours, breaks, estimates) and sends what moved, now. */
  tick(): void {
    for (const sv of this.ctx.queue.venue.services) this.dirtyServices.add(sv.id);
    for (const c of this.ctx.queue.venue.counters) this.dirtyCounters.add(c.id);
    this.flush();
  }

  /** Everyone gets a fresh snapshot (new day, venue edit). */
  resyncAll(): void {
    // Every screen now holds what the snapshot says: compare the next changes with that, not with older sends.
    this.lastQueues.clear();
    this.lastCounters.clear();
    this.dirtyServices.clear();
    this.dirtyCounters.clear();
    for (const s of this.io.sockets.sockets.values()) {
      // A session that expired (or a device revoked) since the handshake gets no more snapshots.
      const p = principalNow(this.ctx, s);
      if (p === false) s.disconnect(true);
      else s.emit('snapshot', presentSnapshot(this.ctx, p, s.data.ticketId));
    }
  }

  /** A device revoked or paired anew: its open sockets are closed now, not at their next emit. */
  disconnectDevice(deviceId: string): void {
    this.io.in(`device:${deviceId}`).disconnectSockets(true);
  }

  announcements(list: string[]): void {
    this.io.emit('announcements', { rev: this.ctx.queue.rev, announcements: list });
  }

  venueChanged(version: number): void {
    // New floors, counters or agencies: every socket's rooms are worked out again before the snapshot.
    for (const s of this.io.sockets.sockets.values()) {
      for (const room of s.rooms) if (room !== s.id && !room.startsWith('device:')) void s.leave(room);
      void s.join(roomsFor(this.ctx, s.data.principal, s.data.ticketId));
    }
    this.io.emit('venue', { version });
    this.resyncAll();
  }

  onPrinterStatus(fn: (deviceId: string, s: PrinterStatusMessage) => void): void {
    this.printerListeners.push(fn);
  }

  printerStatus(socket: AntreSocket, s: unknown): void {
    const p = socket.data.principal;
    // Only a print agent reports, and only in the contract's shape: anything else is ignored.
    const status = printerStatusBody.safeParse(s);
    if (p?.kind !== 'device' || !can(p, 'printer.report') || !status.success) return;
    for (const fn of this.printerListeners) fn(p.device.id, status.data);
  }

  close(): void {
    clearInterval(this.timer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
  }
}
