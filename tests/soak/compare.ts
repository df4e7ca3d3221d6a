import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServerProcess } from '../support/server-process.ts';
import type { BareSetup } from './bare-server.ts';
import type { Check } from './judge.ts';
import type { Load } from './load.ts';
import { pct } from './report.ts';
import type { Swarm } from './swarm.ts';
import { hears, type ScreenScope, type SoakVenue } from './venue.ts';

/** The soak's three goals against the bare server of the same run. */
export const GOALS = { p99Ratio: 1.5, drift: 1.3, rssMb: 150, heapPerTicketBytes: 1000 };

/** The preload that lets the soak ask the server for its heap after a full GC (SIGUSR2). */
export const GC_PROBE = fileURLToPath(new URL('./gc-probe.mjs', import.meta.url));

/** The room a board joins on the bare server, named after what it shows. */
function roomOf(s: ScreenScope): string {
  return s.kind === 'all' ? 'all' : s.kind === 'floor' ? `floor:${s.floor}` : `zone:${s.zoneId}`;
}

/** Starts the bare server with the boards' tokens and rooms and each counter's rooms; answers it and its URL. */
export async function startBare(venue: SoakVenue, screens: { token: string; scope: ScreenScope }[]): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(fileURLToPath(new URL('./bare-server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const setup: BareSetup = { boards: {}, counters: {} };
  for (const s of screens) setup.boards[s.token] = roomOf(s.scope);
  for (const id of venue.counterIds) {
    const floor = venue.floorOf.get(id)!;
    setup.counters[id] = { floor, rooms: [...new Set(screens.filter((s) => hears(s.scope, id, floor)).map((s) => roomOf(s.scope)))] };
  }
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`bare server exited (${code}) before it listened`)));
    child.send(setup);
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

/** Call -> last board that must hear it, for every call of `load` that reached all of them (ms, with send times). */
export function latencies(load: Load, swarm: Swarm, venue: SoakVenue, screens: ScreenScope[]): { t0: number; ms: number }[] {
  const out: { t0: number; ms: number }[] = [];
  for (const [id, t0] of load.calls) {
    const counterId = load.callCounter.get(id)!;
    const want = screens.filter((s) => hears(s, counterId, venue.floorOf.get(counterId)!)).length;
    const d = swarm.delivered(id);
    if (d.n >= want) out.push({ t0, ms: d.last - t0 });
  }
  return out;
}

/** Sends SIGUSR2 and waits for the probe's line: heap in use after a full GC (bytes). */
export async function heapAfterGc(proc: ServerProcess): Promise<number> {
  const seen = proc.output().split('[gc-probe] ').length;
  proc.child.kill('SIGUSR2');
  const end = Date.now() + 10000;
  for (;;) {
    const parts = proc.output().split('[gc-probe] ');
    if (parts.length > seen) return (JSON.parse(parts.at(-1)!.split('\n')[0]!) as { heapUsed: number }).heapUsed;
    if (Date.now() > end) throw new Error('the server did not answer the GC probe');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Comparison {
  /** Antre's and the bare server's call -> last board latencies (ms), Antre's by send time. */
  antre: { t0: number; ms: number }[];
  bare: number[];
  antreSeconds: number;
  bareSeconds: number;
  heap: { start: number; end: number; tickets: number } | null;
  rssMaxMb: number;
}

/** Antre's p99 in the last fifth of its calls over the first fifth (by send time). */
export function drift(antre: { t0: number; ms: number }[]): { first: number; last: number; ratio: number } {
  const byTime = [...antre].sort((a, b) => a.t0 - b.t0).map((x) => x.ms);
  const fifth = Math.max(1, Math.floor(byTime.length / 5));
  const first = pct(byTime.slice(0, fifth), 99);
  const last = pct(byTime.slice(-fifth), 99);
  return { first, last, ratio: last / first };
}

const f = (x: number) => x.toFixed(1);

/** The three ratios as checks, each with the numbers behind it. */
export function comparisonChecks(c: Comparison): Check[] {
  const a99 = pct(
    c.antre.map((x) => x.ms),
    99,
  );
  const b99 = pct(c.bare, 99);
  const d = drift(c.antre);
  const checks: Check[] = [
    {
      name: `call->last board p99 within ${GOALS.p99Ratio}x the bare server's, same boards and load`,
      ok: a99 / b99 <= GOALS.p99Ratio,
      detail: `Antre p99 ${f(a99)} ms (${c.antre.length} calls in ${f(c.antreSeconds)} s) / bare p99 ${f(b99)} ms (${c.bare.length} calls in ${f(c.bareSeconds)} s) = ${(a99 / b99).toFixed(2)}x`,
    },
    {
      name: `no drift: Antre's p99 in its last fifth within ${GOALS.drift}x its first fifth`,
      ok: d.ratio <= GOALS.drift,
      detail: `${f(d.last)} ms / ${f(d.first)} ms = ${d.ratio.toFixed(2)}x`,
    },
    { name: `server RSS under ${GOALS.rssMb} MB throughout`, ok: c.rssMaxMb < GOALS.rssMb, detail: `max ${f(c.rssMaxMb)} MB` },
  ];
  // Below a few thousand tickets the start-up's own allocations (compiled code, caches) outweigh the
  // day's data: the figure is printed in the summary, and checked only on a run that long.
  if (c.heap && c.heap.tickets >= 2000) {
    const growth = c.heap.end - c.heap.start;
    const per = growth / Math.max(1, c.heap.tickets);
    checks.push({
      name: `heap growth after a full GC explained by the tickets held (<= ${GOALS.heapPerTicketBytes} B a ticket)`,
      ok: per <= GOALS.heapPerTicketBytes,
      detail: `${f(c.heap.start / 2 ** 20)} MB at the start -> ${f(c.heap.end / 2 ** 20)} MB at the end (${(c.heap.end / c.heap.start).toFixed(2)}x): +${f(growth / 2 ** 20)} MB for ${c.heap.tickets.toLocaleString('en-US')} tickets = ${per.toFixed(0)} B a ticket`,
    });
  }
  return checks;
}
