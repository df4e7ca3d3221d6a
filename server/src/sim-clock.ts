import type { RunningServer } from './server.js';

/** What a simulation driver sends over the process's IPC channel, and what it gets back. */
export type SimClockMessage = { type: 'sim:clock'; at: number };
export type SimClockReply = { type: 'sim:clock:ok'; at: number; day: string } | { type: 'sim:clock:error'; at: number; message: string };

/**
 * A clock that stands still until the simulation driver moves it. Only used when the server is
 * started with ANTRE_SIM_CLOCK (a seeded simulated day runs hours of service in seconds and must
 * see the same times on every run). Time never goes backwards: the journal is in time order.
 */
export class SimClock {
  private t: number;

  constructor(start: number) {
    if (!Number.isFinite(start)) throw new Error('ANTRE_SIM_CLOCK must be an ISO date-time or epoch milliseconds');
    this.t = start;
  }

  now = (): number => this.t;

  set(at: number): void {
    if (!Number.isFinite(at) || at < this.t)
      throw new Error(`the simulated clock cannot go from ${new Date(this.t).toISOString()} back to ${new Date(at).toISOString()}`);
    this.t = at;
  }

  static parse(value: string): SimClock {
    return new SimClock(/^\d+$/.test(value) ? Number(value) : Date.parse(value));
  }
}

/**
 * Lets the parent process move the clock. After each move the day rolls over if midnight passed
 * and every screen gets what time alone changed (opening hours, breaks, estimates) and the
 * board update being gathered, exactly as the real clock's timers would do, before the move is
 * acknowledged. A move to the time it already shows only does the latter.
 */
export function listenForSimClock(clock: SimClock, server: RunningServer): void {
  if (!process.send) throw new Error('ANTRE_SIM_CLOCK needs an IPC channel to the process that drives the clock');
  const reply = (m: SimClockReply) => process.send?.(m);
  process.on('message', (raw: unknown) => {
    const m = raw as Partial<SimClockMessage> | null;
    if (!m || m.type !== 'sim:clock' || typeof m.at !== 'number') return;
    const at = m.at;
    void (async () => {
      try {
        clock.set(at);
        await server.ctx.queue.rollover(at);
        await server.ticker.tick();
        server.notifier.tick();
        // Messages whose retry fell due (or expired) in the jump go now, as their real-time timer would have sent them.
        server.ctx.messaging?.outbox.kick();
        reply({ type: 'sim:clock:ok', at, day: server.ctx.queue.day });
      } catch (err) {
        reply({ type: 'sim:clock:error', at, message: (err as Error).message });
      }
    })();
  });
}
