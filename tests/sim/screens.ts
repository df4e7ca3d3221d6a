import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, PublicCounter, QueueInfo, ServerToClientEvents, Snapshot, StaffTicket } from '@antre/server/contract';
import { applyCall, applyUpdate, applySnapshot, callKey, EMPTY_BOARD, type BoardState } from '../../display-ui/src/live/live-state.ts';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const LIVE = new Set<StaffTicket['status']>(['waiting', 'called', 'serving', 'held']);

/**
 * One screen of the building as a real socket.io client: it keeps the picture a screen keeps,
 * built from the first snapshot and then from deltas only (no periodic re-sync, which would hide
 * a missed event). Hall boards use the display's own state functions (display-ui live-state);
 * staff screens keep the live tickets as the console does.
 */
export class Screen {
  board: BoardState = EMPTY_BOARD;
  tickets = new Map<string, StaffTicket>();
  events = 0;
  snapshots = 0;
  comparisons = 0;
  private socket: ClientSocket;

  constructor(
    readonly name: string,
    readonly staff: boolean,
    url: string,
    token: string,
  ) {
    this.socket = io(url, {
      auth: { token },
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 250,
      randomizationFactor: 0,
    });
    const s = this.socket;
    s.on('snapshot', (snap) => {
      this.snapshots++;
      this.board = applySnapshot(this.board, snap, 0);
      if (this.staff) this.tickets = new Map((snap.tickets ?? []).map((t) => [t.id, t]));
    });
    s.on('update', (u) => this.delta(() => (this.board = applyUpdate(this.board, u))));
    s.on('call', (c) => this.delta(() => (this.board = applyCall(this.board, c, 0))));
    s.on('announcements', ({ announcements }) => this.delta(() => (this.board = { ...this.board, announcements })));
    s.on('ticket', (t) =>
      this.delta(() => {
        const { rev: _rev, ...ticket } = t;
        if (LIVE.has(ticket.status)) this.tickets.set(ticket.id, ticket);
        else this.tickets.delete(ticket.id);
      }),
    );
  }

  private delta(apply: () => void): void {
    this.events++;
    apply();
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Waits until the screen is connected and has taken a snapshot numbered at least `minSnapshots`. */
  async ready(minSnapshots: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(this.socket.connected && this.snapshots >= minSnapshots)) {
      if (Date.now() > deadline) throw new Error(`screen ${this.name} did not reconnect within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /**
   * Asks the server for this screen's picture over the screen's own connection (so every event
   * sent before it has arrived) and compares it with what the screen built from deltas.
   * Returns the differences, or [] when the screen shows exactly the server's state.
   */
  async compare(): Promise<{ diffs: string[]; snapshot: Snapshot }> {
    const res = (await this.socket.timeout(10_000).emitWithAck('snapshot:request')) as { ok: true; data: Snapshot } | { ok: false; error: { code: string } };
    if (!res.ok) throw new Error(`${this.name}: snapshot refused: ${res.error.code}`);
    this.comparisons++;
    const snap = res.data;
    const diffs: string[] = [];
    const b = this.board;
    if (b.day !== snap.day) diffs.push(`day ${b.day} vs ${snap.day}`);
    diffs.push(...diffMaps('counter', b.counters, new Map(snap.counters.map((c) => [c.counterId, c])), counterKey));
    diffs.push(...diffMaps('queue', b.queues, new Map(snap.queues.map((q) => [q.serviceId, q])), queueKey));
    const shown = b.calls.slice(-10).map(callKey).join(',');
    const truth = snap.recentCalls.slice(-10).map(callKey).join(',');
    if (shown !== truth) diffs.push(`recent calls [${shown}] vs [${truth}]`);
    if (JSON.stringify(b.announcements) !== JSON.stringify(snap.announcements)) diffs.push('announcements differ');
    if (this.staff) diffs.push(...diffMaps('ticket', this.tickets, new Map((snap.tickets ?? []).map((t) => [t.id, t])), ticketKey));
    return { diffs: diffs.map((d) => `${this.name}: ${d}`), snapshot: snap };
  }

  close(): void {
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }
}

function diffMaps<T>(what: string, shown: ReadonlyMap<string, T>, truth: ReadonlyMap<string, T>, key: (x: T) => string): string[] {
  const out: string[] = [];
  for (const [id, x] of truth) {
    const mine = shown.get(id);
    if (!mine) out.push(`${what} ${id} missing`);
    else if (key(mine) !== key(x)) out.push(`${what} ${id}: shows ${key(mine)}, server has ${key(x)}`);
  }
  for (const id of shown.keys()) if (!truth.has(id)) out.push(`${what} ${id} shown but not on the server`);
  return out;
}

const counterKey = (c: PublicCounter) => JSON.stringify([c.status, c.since, c.breakReason, c.breakUntil, c.ticket, c.lastCallAt]);
const queueKey = (q: QueueInfo) => JSON.stringify(q);
const ticketKey = (t: StaffTicket) =>
  JSON.stringify([t.number, t.status, t.counterId, t.calledAt, t.startedAt, t.recalls, t.targetCounterId, t.history.length]);
