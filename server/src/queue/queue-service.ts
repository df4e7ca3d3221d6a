import { EventEmitter } from 'node:events';
import { AntreError } from '../contract/errors.js';
import type { Venue } from '../contract/venue.js';
import { localDay, nextMidnight } from '../contract/time.js';
import { Engine, type Outcome } from '../engine/engine.js';
import { DayState, type Change, type DayDoc } from '../engine/state.js';
import { DayStore } from '../store/day-store.js';

export interface QueueServiceOptions {
  venue: Venue;
  /** The venue's days folder. */
  daysDir: string;
  clock?: () => number;
  newId: () => string;
  ignoreHours?: boolean;
  /** Demo: open every counter when a day starts, so the kiosk can be tried at once. */
  openCountersOnNewDay?: boolean;
  compactEvery?: number;
  onError?: (err: unknown, what: string) => void;
  /** Recoverable damage found in the day's files (a torn last journal line), for the log. */
  onNotice?: (message: string) => void;
}

export interface QueueEvents {
  changes: [changes: Change[], rev: number];
  day: [day: string];
}

/**
 * Runs engine commands one at a time and answers each only after its changes are on disk;
 * then tells listeners. Owns the service day: loads it on start, rolls it over at local midnight.
 */
export class QueueService extends EventEmitter<QueueEvents> {
  engine!: Engine;
  readonly store: DayStore;
  rev = 0;
  venueVersion = 1;
  private gate: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closing = false;
  readonly clock: () => number;

  private constructor(private readonly opts: QueueServiceOptions) {
    super();
    this.clock = opts.clock ?? Date.now;
    this.store = new DayStore(opts.daysDir, opts.compactEvery, opts.onNotice);
  }

  static async open(opts: QueueServiceOptions): Promise<QueueService> {
    const q = new QueueService(opts);
    await q.load(q.clock());
    q.scheduleMidnight();
    return q;
  }

  get venue(): Venue {
    return this.engine.venue;
  }

  get day(): string {
    return this.engine.state.day;
  }

  /** Rebuilds the day from what is on disk: snapshot, then every journaled change after it. */
  private restore(day: string, now: number): { state: DayState; fresh: boolean } {
    const { snapshot, batches } = this.store.read(day);
    const state = snapshot ? DayState.fromDoc(this.opts.venue, snapshot, now) : DayState.fresh(this.opts.venue, day, now);
    for (const batch of batches) for (const c of batch) state.apply(c);
    return { state, fresh: !snapshot && batches.length === 0 };
  }

  private async load(now: number): Promise<void> {
    const day = localDay(now, this.opts.venue.timeZone);
    const { state, fresh } = this.restore(day, now);
    this.engine = new Engine(this.engine?.venue ?? this.opts.venue, state, { newId: this.opts.newId, ignoreHours: this.opts.ignoreHours });
    await this.store.open(day, (err) => this.onStorageFailure(err));
    if (fresh && this.opts.openCountersOnNewDay) {
      const changes: Change[] = this.venue.counters.map((c) => ({ t: 'counter', counter: { ...state.counters.get(c.id)!, status: 'open', since: now } }));
      for (const c of changes) state.apply(c);
      await this.store.append(changes);
    }
  }

  private onStorageFailure(err: unknown): void {
    // Memory ran ahead of the disk: throw it away and take the disk's word.
    this.opts.onError?.(err, 'journal write failed; reloading the day from disk');
    try {
      const { state } = this.restore(this.day, this.clock());
      this.engine.state = state;
      this.engine.setVenue(this.engine.venue, this.clock());
      this.rev++;
      this.emit('day', this.day);
    } catch (e) {
      this.opts.onError?.(e, 'reload after a failed write');
    }
  }

  /** Runs one engine command: refused commands change nothing; accepted ones are durable before the answer. */
  async run<T>(fn: (engine: Engine, now: number) => Outcome<T>): Promise<T> {
    if (this.closing) throw new AntreError('SHUTTING_DOWN');
    while (this.gate) await this.gate;
    const now = this.clock();
    if (this.engine.isStale(now)) {
      await this.rollover(now);
      return this.run(fn);
    }
    const out = fn(this.engine, now);
    if (out.changes.length === 0) return out.value;
    try {
      await this.store.append(out.changes);
    } catch (err) {
      throw new AntreError('STORAGE_FAILED', { cause: (err as NodeJS.ErrnoException).code ?? 'EIO' });
    }
    this.rev++;
    this.emit('changes', out.changes, this.rev);
    if (this.store.due) void this.store.compact(this.engine.state.toStoredDoc()).catch((e) => this.opts.onError?.(e, 'compaction'));
    return out.value;
  }

  /** Ends the held day (waiting visitors expire) and starts the day `now` is in. */
  async rollover(now: number): Promise<void> {
    if (this.gate) return this.gate;
    if (!this.engine.isStale(now)) return;
    this.gate = (async () => {
      const changes = this.engine.expireAll(now);
      if (changes.length) {
        for (const c of changes) this.engine.state.apply(c);
        await this.store.append(changes);
      }
      await this.store.compact(this.engine.state.toStoredDoc());
      await this.load(now);
      this.rev++;
      this.emit('day', this.day);
    })().finally(() => {
      this.gate = null;
    });
    return this.gate;
  }

  private scheduleMidnight(): void {
    if (this.timer) clearTimeout(this.timer);
    const now = this.clock();
    const wait = Math.min(nextMidnight(now, this.venue.timeZone) - now + 50, 3600_000);
    this.timer = setTimeout(() => {
      void this.rollover(this.clock())
        .catch((e) => this.opts.onError?.(e, 'day rollover'))
        .finally(() => this.scheduleMidnight());
    }, Math.max(1000, wait));
    this.timer.unref();
  }

  /** Swaps in an edited venue; the day's tickets stay. */
  setVenue(venue: Venue): void {
    this.opts.venue = venue;
    this.engine.setVenue(venue, this.clock());
    this.venueVersion++;
    this.rev++;
  }

  /** A past (or the current) day as a document, for reports. */
  readDay(day: string): DayDoc | null {
    if (day === this.day) return this.engine.state.toDoc();
    const { state, fresh } = this.restore(day, this.clock());
    return fresh ? null : state.toDoc();
  }

  days(): string[] {
    return this.store.days();
  }

  /** Stops taking commands and waits for the write in flight. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.gate) await this.gate.catch(() => {});
    await this.store.close();
  }
}
