import type { Ticket } from '../../server/src/contract/domain.ts';
import type { Http, Load } from './load.ts';
import type { ScreenReport, ServerCall } from './swarm.ts';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

const f1 = (x: number) => x.toFixed(1);

/** Every call and recall the server recorded, rebuilt from the day's tickets and their history. */
export function serverCalls(tickets: Ticket[], floorOf: Map<string, number>): ServerCall[] {
  const out: ServerCall[] = [];
  for (const t of tickets) {
    let recall = 0;
    for (const h of t.history) {
      if (h.action !== 'called' && h.action !== 'recalled') continue;
      const k = h.action === 'called' ? 0 : ++recall;
      out.push({ id: `${t.id}:${k}`, counterId: h.counterId!, floor: floorOf.get(h.counterId!) ?? NaN });
    }
  }
  return out;
}

export interface Evidence {
  seconds: number;
  screensWanted: number;
  http: Http;
  load: Load;
  loadSeconds: number;
  serverAlive: boolean;
  serverErrors: string[];
  screens: ScreenReport;
  swarmFailures: string[];
  /** Calls not at all their boards when the wait after the load ended. */
  pending: number;
  serverTickets: number;
  calls: ServerCall[];
  /** Calls and recalls that reached all their boards, and how many took longer than livenessMs. */
  complete: number;
  late: number;
  maxLatency: number;
  livenessMs: number | null;
  rss: { warm: number; end: number; growth: number; from: number; max: number | null };
}

/** The verdict: one check per promise the soak makes, each with the numbers behind it. */
export function judge(e: Evidence): Check[] {
  const { http, load, screens: s } = e;
  const acked = new Set(load.calls.keys());
  const known = new Set(e.calls.map((c) => c.id));
  const unacked = e.calls.filter((c) => !acked.has(c.id)).length;
  const unknown = [...acked].filter((id) => !known.has(id)).length;
  const limit = e.seconds * 1.05 + 2;
  const checks: Check[] = [
    { name: 'HTTP errors', ok: http.errorCount === 0, detail: http.errorCount ? [...http.errors].map(([k, n]) => `${n}x ${k}`).join('; ') : '0' },
    {
      name: 'server alive, no error logged',
      ok: e.serverAlive && e.serverErrors.length === 0,
      detail: e.serverAlive ? `${e.serverErrors.length} error lines${e.serverErrors.length ? `: ${e.serverErrors[0]!.slice(0, 300)}` : ''}` : 'server exited',
    },
    {
      // Calls are closed-loop per officer (each step waits for the last answer), so slow answers make the run longer.
      name: 'load as scheduled',
      ok: load.queueEmpty === 0 && load.ticketLag < 1000 && e.loadSeconds <= limit,
      detail: `${f1(load.issued / e.loadSeconds)} tickets/s, ${f1(load.calls.size / e.loadSeconds)} calls/s over ${f1(e.loadSeconds)} s (limit ${f1(limit)}); ${load.queueEmpty} QUEUE_EMPTY; tickets sent late by ${load.ticketLag.toFixed(0)} ms at most (limit 1000); "next" pressed late by ${load.counterLag.toFixed(0)} ms at most (waiting for answers)`,
    },
    {
      name: 'boards connected, none dropped',
      ok: s.connected === e.screensWanted && s.disconnects === 0 && s.connectErrors === 0 && e.swarmFailures.length === 0,
      detail: `${s.connected}/${e.screensWanted} connected, ${s.disconnects} disconnects, ${s.connectErrors} connect errors${e.swarmFailures.length ? `; ${e.swarmFailures.join('; ')}` : ''}`,
    },
    {
      name: 'no missed event',
      ok: s.missed === 0 && e.pending === 0 && s.staleBoards === 0,
      detail: `${s.missed} calls missed on ${s.screensMissing} boards; ${e.pending} calls not at all their boards 10 s after the load; ${s.staleBoards} boards whose counters and queues, from updates alone, differ from the server's at the end`,
    },
    {
      name: 'no stray or repeated event',
      ok: s.unexpected === 0 && s.duplicates === 0 && s.extraSnapshots === 0,
      detail: `${s.unexpected} calls at boards not meant to hear them, ${s.duplicates} repeats, ${s.extraSnapshots} unasked snapshots`,
    },
    { name: 'board snapshots answered', ok: s.reconcileFailures === 0, detail: `${s.reconciles} snapshot:request, ${s.reconcileFailures} failed` },
    {
      name: 'server calls = answered calls',
      ok: unacked === 0 && unknown === 0,
      detail: `${e.calls.length} on the server, ${acked.size} answered; ${unacked} unanswered, ${unknown} unknown to the server`,
    },
    {
      name: 'server tickets = 201 answers',
      ok: e.serverTickets === load.backlog + load.issued,
      detail: `${e.serverTickets} on the server, ${load.backlog + load.issued} answered 201`,
    },
  ];
  if (e.livenessMs !== null) {
    checks.push({
      name: `every call at its boards within ${e.livenessMs} ms`,
      ok: e.late === 0 && e.complete === load.calls.size,
      detail: `${e.late} later, ${load.calls.size - e.complete} incomplete; max ${e.maxLatency.toFixed(0)} ms`,
    });
  }
  if (e.rss.max !== null) {
    checks.push({
      name: `server RSS growth < ${(e.rss.max * 100).toFixed(0)}%`,
      ok: e.rss.growth < e.rss.max,
      detail: `${f1(e.rss.warm)} MB at ${e.rss.from.toFixed(0)} s -> ${f1(e.rss.end)} MB at the end: ${f1(e.rss.growth * 100)}%`,
    });
  }
  return checks;
}
