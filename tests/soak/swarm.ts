import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ScreenScope } from './venue.ts';

/** A call as the server recorded it: the list every board is checked against. */
export interface ServerCall {
  id: string;
  counterId: string;
  floor: number;
}

/** What one screens process found; summed over processes by the parent. */
export interface ScreenReport {
  screens: number;
  connected: number;
  disconnects: number;
  connectErrors: number;
  /** Call events received, all boards together. */
  calls: number;
  /** Board updates (counters and queues gathered into one frame), and how many carried each. */
  updates: number;
  counterEvents: number;
  queuesEvents: number;
  otherEvents: number;
  reconciles: number;
  reconcileFailures: number;
  missed: number;
  screensMissing: number;
  unexpected: number;
  duplicates: number;
  extraSnapshots: number;
  /** Boards whose counters and queues, built from the connect snapshot and updates alone, differ from a final snapshot. */
  staleBoards: number;
  /** How late the boards' event loops ran (ms; the worst process): a board that is slow to read makes a call late too. */
  loopDelayP99: number;
  loopDelayMax: number;
  problems: string[];
}

export type SwarmCommand =
  | { type: 'connect'; url: string; bareUrl?: string; reconcileMs: number; screens: { token: string; scope: ScreenScope }[] }
  | { type: 'flush' }
  | { type: 'verify'; calls: ServerCall[] }
  | { type: 'stop' };

export type SwarmMessage =
  { type: 'ready' } | { type: 'arrivals'; batch: [string, number, number, number][] } | { type: 'flushed' } | { type: 'report'; report: ScreenReport };

const SCREENS_TS = fileURLToPath(new URL('./screens.ts', import.meta.url));

/**
 * The hall boards, spread over a few child processes so that their decoding does not share
 * one event loop with the load generator; merges what each process heard per call.
 */
export class Swarm {
  private children: ChildProcess[] = [];
  /** Per call id, per child: boards that heard it, and when the first and the last of them did. */
  private heard = new Map<string, [number, number, number][]>();
  private waiters = new Map<ChildProcess, (m: SwarmMessage) => void>();
  readonly failures: string[] = [];
  private stopping = false;

  /**
   * `nice`: the boards' processes run at this lower CPU priority. In the building each board is a
   * TV with its own computer; here 500 of them share the server's two cores, and at the same
   * priority they would take the server's CPU away from it. Their own delays still count: a call
   * is timed until the last board's process has received it.
   */
  constructor(
    private readonly processes: number,
    private readonly reconcileMs: number,
    private readonly nice = 0,
  ) {}

  /** Forks the processes (before the boards are registered: a process takes a while to start). */
  spawn(): void {
    for (let p = 0; p < this.processes; p++) {
      const child = fork(SCREENS_TS, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      const slot = this.children.push(child) - 1;
      if (this.nice && child.pid) setPriority(child.pid, this.nice);
      child.on('exit', (code, signal) => {
        if (!this.stopping) this.failures.push(`screens process ${slot} exited (${code ?? signal}) during the run`);
      });
      child.on('message', (m: SwarmMessage) => {
        if (m.type === 'arrivals') this.merge(slot, m.batch);
        else this.waiters.get(child)?.(m);
      });
    }
  }

  /** Connects every board (shared evenly over the processes); resolves once all are connected. */
  async connect(url: string, screens: { token: string; scope: ScreenScope }[], timeoutMs = 60000, bareUrl?: string): Promise<void> {
    const share = Math.ceil(screens.length / this.children.length);
    await Promise.all(
      this.children.map((child, slot) => {
        const mine = screens.slice(slot * share, (slot + 1) * share);
        return new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`screens process ${slot}: not all ${mine.length} boards connected within ${timeoutMs} ms`)),
            timeoutMs,
          );
          child.once('exit', () => reject(new Error(`screens process ${slot} exited before its boards connected`)));
          this.waiters.set(child, (m) => {
            if (m.type !== 'ready') return;
            clearTimeout(timer);
            this.waiters.delete(child);
            resolve();
          });
          child.send({ type: 'connect', url, bareUrl, reconcileMs: this.reconcileMs, screens: mine } satisfies SwarmCommand);
        });
      }),
    );
  }

  private merge(slot: number, batch: [string, number, number, number][]): void {
    for (const [id, n, first, last] of batch) {
      const per = this.heard.get(id) ?? Array.from({ length: this.children.length }, (): [number, number, number] => [0, Infinity, 0]);
      per[slot] = [n, first, last];
      this.heard.set(id, per);
    }
  }

  /** The screens processes' ids (for their CPU time). */
  pids(): number[] {
    return this.children.map((c) => c.pid!).filter(Boolean);
  }

  /** Boards that heard a call so far, and when the first (Infinity if none) and the last (0 if none) of them did. */
  delivered(callId: string): { n: number; first: number; last: number } {
    const per = this.heard.get(callId) ?? [];
    return { n: per.reduce((s, x) => s + x[0], 0), first: per.reduce((m, x) => Math.min(m, x[1]), Infinity), last: per.reduce((m, x) => Math.max(m, x[2]), 0) };
  }

  private ask(m: SwarmCommand, want: SwarmMessage['type'], timeoutMs = 60000): Promise<SwarmMessage[]> {
    return Promise.all(
      this.children.map(
        (child, i) =>
          new Promise<SwarmMessage>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`screens process ${i} did not answer ${m.type}`)), timeoutMs);
            this.waiters.set(child, (msg) => {
              if (msg.type !== want) return;
              clearTimeout(timer);
              this.waiters.delete(child);
              resolve(msg);
            });
            child.send(m);
          }),
      ),
    );
  }

  /** Waits until every call has reached the boards meant to hear it (or the time is up). */
  async settle(expected: Map<string, number>, timeoutMs: number): Promise<number> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      await this.ask({ type: 'flush' }, 'flushed');
      const pending = [...expected].filter(([id, n]) => this.delivered(id).n < n).length;
      if (!pending || Date.now() > until) return pending;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** The missed-event check of every board against the server's own list of calls. */
  async verify(calls: ServerCall[]): Promise<ScreenReport> {
    const reports = (await this.ask({ type: 'verify', calls }, 'report', 120000)).map((m) => (m as { report: ScreenReport }).report);
    const sum = (k: keyof Omit<ScreenReport, 'problems' | 'loopDelayP99' | 'loopDelayMax'>) => reports.reduce((s, r) => s + r[k], 0);
    return {
      screens: sum('screens'),
      connected: sum('connected'),
      disconnects: sum('disconnects'),
      connectErrors: sum('connectErrors'),
      calls: sum('calls'),
      updates: sum('updates'),
      counterEvents: sum('counterEvents'),
      queuesEvents: sum('queuesEvents'),
      otherEvents: sum('otherEvents'),
      reconciles: sum('reconciles'),
      reconcileFailures: sum('reconcileFailures'),
      missed: sum('missed'),
      screensMissing: sum('screensMissing'),
      unexpected: sum('unexpected'),
      duplicates: sum('duplicates'),
      extraSnapshots: sum('extraSnapshots'),
      staleBoards: sum('staleBoards'),
      loopDelayP99: Math.max(...reports.map((r) => r.loopDelayP99)),
      loopDelayMax: Math.max(...reports.map((r) => r.loopDelayMax)),
      problems: reports.flatMap((r) => r.problems).slice(0, 20),
    };
  }

  /** Disconnects the boards and ends every screens process (killed if it does not leave in 3 s). */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      this.children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        if (child.connected) child.send({ type: 'stop' } satisfies SwarmCommand);
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}
