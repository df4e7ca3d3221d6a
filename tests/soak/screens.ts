import { io, type Socket } from 'socket.io-client';
import type { ServerToClientEvents, ClientToServerEvents } from '../../server/src/contract/events.ts';
import type { PublicCounter, QueueInfo, Snapshot } from '../../server/src/contract/domain.ts';
import { loopDelayMeter } from './probes.ts';
import { hears, type ScreenScope } from './venue.ts';
import type { ScreenReport, ServerCall, SwarmCommand, SwarmMessage } from './swarm.ts';

/**
 * Child process: a share of the hall boards, each a real socket.io connection authenticated
 * with its own paired display token, listening as display-ui does. It records per board every
 * call id heard, and per call how many boards heard it and when the first and last did (wall clock
 * comparable across processes); the parent merges those and asks for the missed-event check.
 * Each board also keeps the counters and queues it was told, from its connect snapshot and the
 * board updates alone (its periodic snapshot requests are counted, not applied), and at the end
 * must equal a fresh snapshot: an update lost or applied out of order shows there.
 */
type Board = Socket<ServerToClientEvents, ClientToServerEvents>;
interface Screen {
  scope: ScreenScope;
  socket: Board;
  heard: Set<number>;
  duplicates: number;
  snapshots: number;
  rev: number;
  counters: Map<string, PublicCounter>;
  queues: Map<string, QueueInfo>;
}

const now = () => performance.timeOrigin + performance.now();
const send = (m: SwarmMessage) => process.send!(m);
const screens: Screen[] = [];
const callIndex = new Map<string, number>();
const arrivals = new Map<string, { n: number; first: number; last: number }>();
const dirty = new Set<string>();
const counts = {
  updates: 0,
  connected: 0,
  disconnects: 0,
  connectErrors: 0,
  calls: 0,
  counterEvents: 0,
  queuesEvents: 0,
  otherEvents: 0,
  reconciles: 0,
  reconcileFailures: 0,
};
const problems: string[] = [];
const timers: NodeJS.Timeout[] = [];
let expected = Infinity;
/** This process's event-loop delay, from the moment all its boards are connected to the check. */
let loopDelay: ReturnType<typeof loopDelayMeter> | null = null;

function note(problem: string): void {
  if (problems.length < 20) problems.push(problem);
}

function connect(url: string, token: string, scope: ScreenScope, reconcileMs: number): void {
  // Options as display-ui's, except that a lost connection is not retried: here it is a failure.
  const socket: Board = io(url, { path: '/socket.io', auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false, timeout: 20000 });
  const sc: Screen = { scope, socket, heard: new Set(), duplicates: 0, snapshots: 0, rev: 0, counters: new Map(), queues: new Map() };
  screens.push(sc);
  socket.on('connect', () => {
    counts.connected++;
    readyIfAll();
  });
  socket.on('disconnect', (reason) => {
    counts.disconnects++;
    note(`screen ${screens.indexOf(sc)} disconnected: ${reason}`);
  });
  socket.on('connect_error', (e) => {
    counts.connectErrors++;
    note(`screen ${screens.indexOf(sc)} connect_error: ${e.message}`);
  });
  socket.on('call', (c) => {
    const t = now();
    counts.calls++;
    let idx = callIndex.get(c.id);
    if (idx === undefined) callIndex.set(c.id, (idx = callIndex.size));
    if (sc.heard.has(idx)) sc.duplicates++;
    else sc.heard.add(idx);
    const a = arrivals.get(c.id) ?? { n: 0, first: t, last: 0 };
    a.n++;
    a.last = Math.max(a.last, t);
    arrivals.set(c.id, a);
    dirty.add(c.id);
  });
  socket.on('snapshot', (snap) => {
    sc.snapshots++;
    sc.rev = snap.rev;
    sc.counters = new Map(snap.counters.map((c) => [c.counterId, c]));
    sc.queues = new Map(snap.queues.map((q) => [q.serviceId, q]));
  });
  socket.on('update', (u) => {
    counts.updates++;
    // As display-ui's live state: an update older than what the board holds is dropped.
    if (u.rev >= sc.rev) {
      sc.rev = u.rev;
      for (const c of u.counters) sc.counters.set(c.counterId, c);
      for (const q of u.queues) sc.queues.set(q.serviceId, q);
    } else note(`screen ${screens.indexOf(sc)} got an update numbered ${u.rev} after ${sc.rev}`);
    if (u.counters.length) counts.counterEvents++;
    if (u.queues.length) counts.queuesEvents++;
  });
  for (const ev of ['announcements', 'venue', 'day'] as const) socket.on(ev, () => void counts.otherEvents++);
  // A board asks for a full snapshot now and then (display-ui: every 60 s); boards started at different moments.
  const reconcile = () => {
    if (!socket.connected) return;
    counts.reconciles++;
    socket.timeout(5000).emit('snapshot:request', (err, res) => {
      if (err || !res.ok) {
        counts.reconcileFailures++;
        note(`screen ${screens.indexOf(sc)} snapshot:request failed: ${err ? err.message : JSON.stringify(res)}`);
      }
    });
  };
  const first = setTimeout(() => {
    reconcile();
    timers.push(setInterval(reconcile, reconcileMs));
  }, Math.random() * reconcileMs);
  timers.push(first);
}

let bareUrl: string | null = null;
let bareConnected = 0;
const bareSockets: Socket[] = [];

function readyIfAll(): void {
  if (counts.connected === expected && (!bareUrl || bareConnected === expected)) {
    loopDelay?.restart(); // from here on: the run, not the connecting
    send({ type: 'ready' });
  }
}

/**
 * The same board's second connection, to the bare server of the soak's comparison: its calls
 * are timed like Antre's (ids of their own), and nothing else of it is kept or checked.
 */
function connectBare(url: string, token: string): void {
  const socket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false, timeout: 20000 });
  bareSockets.push(socket);
  socket.on('connect', () => {
    bareConnected++;
    readyIfAll();
  });
  socket.on('disconnect', (reason) => note(`bare board disconnected: ${reason}`));
  socket.on('connect_error', (e) => note(`bare board connect_error: ${e.message}`));
  socket.on('call', (c: { id: string }) => {
    const t = now();
    const a = arrivals.get(c.id) ?? { n: 0, first: t, last: 0 };
    a.n++;
    a.last = Math.max(a.last, t);
    arrivals.set(c.id, a);
    dirty.add(c.id);
  });
}

/** Arrivals changed since the last flush, as cumulative counts (the parent keeps the latest per child). */
function flush(): void {
  if (!dirty.size) return;
  const batch: [string, number, number, number][] = [];
  for (const id of dirty) {
    const a = arrivals.get(id)!;
    batch.push([id, a.n, a.first, a.last]);
  }
  dirty.clear();
  send({ type: 'arrivals', batch });
}

function withoutEstimate(q: QueueInfo): Omit<QueueInfo, 'estimatedWaitMinutes' | 'servedBeforeClose'> {
  const { estimatedWaitMinutes: _e, servedBeforeClose: _s, ...rest } = q;
  return rest;
}

function estimatesAgree(a: number | null, b: number | null): boolean {
  return a === null || b === null ? a === b : Math.abs(a - b) <= 2;
}

/** Boards whose counters and queues differ from a snapshot asked for now, with the first difference noted. */
async function staleBoards(): Promise<number> {
  const key = (m: Map<string, unknown>) => JSON.stringify([...m].sort(([a], [b]) => (a < b ? -1 : 1)));
  const stale = await Promise.all(
    screens.map(async (sc, i) => {
      const answer = await sc.socket
        .timeout(30000)
        .emitWithAck('snapshot:request')
        .catch((e: Error) => e);
      if (answer instanceof Error || !answer.ok) {
        note(`screen ${i} final snapshot:request failed: ${answer instanceof Error ? answer.message : answer.error.code}`);
        return true;
      }
      const res = answer as { ok: true; data: Snapshot };
      const countersOk = key(new Map(res.data.counters.map((c) => [c.counterId, c]))) === key(sc.counters);
      // The estimate moves with time alone (the visit at the desk goes on, arrival rates slide), and
      // the server re-sends what time moved every 15 s: it is compared apart, within two minutes;
      // every other field of a queue must be what the snapshot says.
      const fresh = new Map(res.data.queues.map((q) => [q.serviceId, q]));
      const queuesOk =
        key(new Map([...fresh].map(([k, q]) => [k, withoutEstimate(q)]))) === key(new Map([...sc.queues].map(([k, q]) => [k, withoutEstimate(q)]))) &&
        [...fresh].every(([k, q]) => estimatesAgree(q.estimatedWaitMinutes, sc.queues.get(k)?.estimatedWaitMinutes ?? null));
      if (countersOk && queuesOk) return false;
      note(`screen ${i} (${JSON.stringify(sc.scope)}) holds ${countersOk ? 'queues' : 'counters'} that differ from the server's`);
      return true;
    }),
  );
  return stale.filter(Boolean).length;
}

/** Per board: every server call it should hear and did not, calls it heard but should not, repeats. */
async function verify(calls: ServerCall[]): Promise<ScreenReport> {
  const d = loopDelay?.read() ?? { p99: NaN, max: NaN };
  const delay = { loopDelayP99: d.p99, loopDelayMax: d.max };
  const report: ScreenReport = {
    screens: screens.length,
    ...counts,
    ...delay,
    missed: 0,
    screensMissing: 0,
    unexpected: 0,
    duplicates: 0,
    extraSnapshots: 0,
    staleBoards: await staleBoards(),
    problems,
  };
  const byId = new Map(calls.map((c) => [c.id, c]));
  for (const [i, sc] of screens.entries()) {
    let missedHere = 0;
    for (const c of calls) {
      if (!hears(sc.scope, c.counterId, c.floor)) continue;
      const idx = callIndex.get(c.id);
      if (idx === undefined || !sc.heard.has(idx)) {
        missedHere++;
        note(`screen ${i} (${JSON.stringify(sc.scope)}) missed call ${c.id} at ${c.counterId}`);
      }
    }
    for (const [id, idx] of callIndex) {
      if (!sc.heard.has(idx)) continue;
      const c = byId.get(id);
      if (!c || !hears(sc.scope, c.counterId, c.floor)) {
        report.unexpected++;
        note(`screen ${i} (${JSON.stringify(sc.scope)}) heard call ${id}, not meant for it`);
      }
    }
    report.missed += missedHere;
    if (missedHere) report.screensMissing++;
    report.duplicates += sc.duplicates;
    // One snapshot on connect; more would mean the server resynced boards mid-run (day or venue change).
    report.extraSnapshots += Math.max(0, sc.snapshots - 1);
  }
  return report;
}

process.on('message', (m: SwarmCommand) => {
  if (m.type === 'connect') {
    expected = m.screens.length;
    loopDelay = loopDelayMeter();
    // Connect in small batches: 500 boards of a hall do not all power on in the same millisecond.
    bareUrl = m.bareUrl ?? null;
    m.screens.forEach((s, i) =>
      timers.push(
        setTimeout(
          () => {
            connect(m.url, s.token, s.scope, m.reconcileMs);
            if (bareUrl) connectBare(bareUrl, s.token);
          },
          Math.floor(i / 25) * 50,
        ),
      ),
    );
    timers.push(setInterval(flush, 250));
  } else if (m.type === 'flush') {
    flush();
    send({ type: 'flushed' });
  } else if (m.type === 'verify') {
    flush();
    void verify(m.calls).then((report) => send({ type: 'report', report }));
  } else if (m.type === 'stop') {
    timers.forEach((t) => clearTimeout(t));
    for (const s of [...screens.map((x) => x.socket), ...bareSockets]) {
      s.removeAllListeners('disconnect');
      s.disconnect();
    }
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0)); // the parent died: do not linger
