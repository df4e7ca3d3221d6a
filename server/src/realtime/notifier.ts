import type { QueueInfo } from '../contract/domain.js';
import type { PrinterStatusMessage } from '../contract/events.js';
import type { Change } from '../engine/state.js';
import type { AppContext } from '../context.js';
import { printerStatusBody } from '../contract/schemas.js';
import { principalNow, roomsFor, type AntreServer, type AntreSocket } from './io.js';
import { presentSnapshot, zoneServices } from './presenters.js';

const TICK_MS = 15000;

/** The one way out: turns durable changes into events for the rooms that may see them. */
export class Notifier {
  private lastQueues = new Map<string, string>();
  private timer: NodeJS.Timeout;
  private printerListeners: ((deviceId: string, s: PrinterStatusMessage) => void)[] = [];

  constructor(private readonly io: AntreServer, private readonly ctx: AppContext) {
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
      if (c.t === 'call') this.io.to([`floor:${c.call.floor}`, `counter:${c.call.counterId}`]).emit('call', { ...c.call, rev });
    }
    for (const c of changes) {
      switch (c.t) {
        case 'ticket':
          affected.add(c.ticket.serviceId);
          this.io.to(`agency:${c.ticket.agencyId}`).emit('ticket', { ...c.ticket, rev });
          directViews.add(c.ticket.id);
          break;
        case 'counter': {
          const cfg = e.venue.counters.find((x) => x.id === c.counter.counterId);
          if (!cfg) break;
          cfg.serviceIds.forEach((s) => affected.add(s));
          this.io.to([`floor:${cfg.floor}`, `counter:${cfg.id}`]).emit('counter', { ...e.estimator.publicCounter(cfg.id), rev });
          break;
        }
        case 'service':
          affected.add(c.service.serviceId);
          break;
      }
    }
    this.sendQueues([...affected], rev);
    this.sendTicketViews(affected, directViews);
  }

  private sendQueues(serviceIds: string[], rev: number): void {
    const now = this.ctx.queue.clock();
    const byFloor = new Map<number, QueueInfo[]>();
    for (const sid of serviceIds) {
      const info = this.ctx.queue.engine.estimator.queueInfo(sid, now);
      // A command that leaves a queue as the boards last saw it (a start, a recall) sends nothing for it.
      const k = key(info);
      if (this.lastQueues.get(sid) === k) continue;
      this.lastQueues.set(sid, k);
      const list = byFloor.get(info.floor) ?? [];
      list.push(info);
      byFloor.set(info.floor, list);
    }
    for (const [floor, queues] of byFloor) this.io.to(`floor:${floor}`).emit('queues', { rev, queues });
    this.sendZoneQueues([...byFloor.values()].flat(), rev);
  }

  /** Zone boards get the queues of the services their counters serve. */
  private sendZoneQueues(queues: QueueInfo[], rev: number): void {
    for (const zone of this.ctx.queue.venue.zones) {
      const svc = zoneServices(this.ctx, zone.counterIds);
      const mine = queues.filter((q) => svc.has(q.serviceId));
      if (mine.length) this.io.to(`zone:${zone.id}`).emit('queues', { rev, queues: mine });
    }
  }

  /** Visitors' pages: their ticket moved in line or changed. Only tickets someone watches. */
  private sendTicketViews(services: Set<string>, direct: Set<string>): void {
    const rooms = this.io.sockets.adapter.rooms;
    const e = this.ctx.queue.engine;
    const now = this.ctx.queue.clock();
    const sent = new Set<string>();
    for (const sid of services) {
      e.estimator.order(sid).forEach((t, i) => {
        if (!rooms.has(`ticket:${t.id}`)) return;
        sent.add(t.id);
        this.io.to(`ticket:${t.id}`).emit('ticketView', e.estimator.ticketView(t, now, i));
      });
    }
    for (const id of direct) {
      if (sent.has(id) || !rooms.has(`ticket:${id}`)) continue;
      const t = e.state.tickets.get(id);
      if (t) this.io.to(`ticket:${id}`).emit('ticketView', e.estimator.ticketView(t, now));
    }
  }

  /** Re-checks what time alone changes (hours, breaks, estimates) and sends the queues that moved. */
  tick(): void {
    const q = this.ctx.queue;
    const now = q.clock();
    const changed: QueueInfo[] = [];
    for (const info of q.engine.estimator.queues(now)) {
      const k = key(info);
      if (this.lastQueues.get(info.serviceId) !== k) {
        this.lastQueues.set(info.serviceId, k);
        changed.push(info);
      }
    }
    const byFloor = new Map<number, QueueInfo[]>();
    for (const c of changed) byFloor.set(c.floor, [...(byFloor.get(c.floor) ?? []), c]);
    for (const [floor, queues] of byFloor) this.io.to(`floor:${floor}`).emit('queues', { rev: q.rev, queues });
    this.sendZoneQueues(changed, q.rev);
  }

  /** Everyone gets a fresh snapshot (new day, venue edit). */
  resyncAll(): void {
    // Every screen now holds what the snapshot says: compare the next changes with that, not with older sends.
    this.lastQueues.clear();
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
    if (p?.kind !== 'device' || p.device.kind !== 'printer' || !status.success) return;
    for (const fn of this.printerListeners) fn(p.device.id, status.data);
  }

  close(): void {
    clearInterval(this.timer);
  }
}

/** A queue as the screens last received it: re-sent only when something in it changed. */
function key(q: QueueInfo): string {
  return JSON.stringify(q);
}
