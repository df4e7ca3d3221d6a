import { EventEmitter } from 'node:events';
import { AntreError } from '../contract/errors.js';
import type { Venue } from '../contract/venue.js';
import { localDay, nextMidnight } from '../contract/time.js';
import { Engine, type Outcome } from '../engine/engine.js';
import { DayState, type Change, type DayDoc } from '../engine/state.js';
import { DayStore } from '../store/day-store.js';
import { arrivalProfile } from '../engine/arrival-profile.js';

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

interface Job {
  fn: (engine: Engine, now: number) => Outcome<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/** Days before today whose tickets give the usual shape of a day's arrivals (the estimate's). */
const PROFILE_DAYS = 7;

/** How often (at most) a failed store is tried again while commands keep arriving: each try writes and syncs a probe. */
const RECOVER_EVERY_MS = 100;

/**
 * Runs engine commands and answers each only after its changes are on disk; then tells listeners.
 * Owns the service day: loads it on start, rolls it over at local midnight.
 *
 * One writer: commands that arrive while a write is in flight wait, then run together as the next
 * batch and share one append and its fdatasync (group commit). Memory is ahead of the disk only for
 * the batch being written; if that write fails, every command of the batch is refused, memory is
 * rebuilt from the disk, and the service refuses commands (507) until a write succeeds again. The
 * day document is compacted only between batches, when memory and disk agree, so a snapshot never
 * holds a refused change.
 */
export class QueueService extends EventEmitter<QueueEvents> {
  engine!: Engine;
  readonly store: DayStore;
  rev = 0;
  venueVersion = 1;
  /** Today's bookings not checked in yet, per service (set by the booking service): estimates count them. */
  upcomingBookings: ((serviceId: string) => readonly number[]) | null = null;
  private pending: Job[] = [];
  private pumping = false;
  private lock: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private closing = false;
  /** Why commands are refused: a write or a reload failed and the disk has not proved healthy since. */
  private failure: { err: unknown; at: number; memoryStale: boolean } | null = null;
  private lastRecoverAt = -Infinity;
  private recovering: Promise<void> | null = null;
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

  /** Null while the store takes writes; else since when and why it refuses them. */
  get storageFailure(): { since: number; reason: string } | null {
    if (!this.failure) return null;
    const err = this.failure.err as NodeJS.ErrnoException;
    return { since: this.failure.at, reason: err?.code ?? err?.message ?? String(err) };
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
    this.engine = new Engine(this.engine?.venue ?? this.opts.venue, state, {
      newId: this.opts.newId,
      ignoreHours: this.opts.ignoreHours,
      upcomingBookings: (serviceId) => this.upcomingBookings?.(serviceId) ?? [],
      arrivalProfile: this.usualArrivals(day),
    });
    await this.store.open(day, () => undefined);
    if (fresh && this.opts.openCountersOnNewDay) {
      const changes: Change[] = this.venue.counters.map((c) => ({ t: 'counter', counter: { ...state.counters.get(c.id)!, status: 'open', since: now } }));
      await this.store.append(changes);
      for (const c of changes) state.apply(c);
    }
  }

  /**
   * How arrivals usually spread over the day: the tickets of the last PROFILE_DAYS days with data
   * before `day`. A day that cannot be read only loses its share of the history.
   */
  private usualArrivals(day: string): number[] | null {
    const days = this.store
      .days()
      .filter((d) => d < day)
      .slice(-PROFILE_DAYS);
    const seen: { day: string; issuedAt: number[] }[] = [];
    for (const d of days) {
      try {
        const { snapshot, batches } = this.store.read(d);
        const issued = new Map<string, number>();
        for (const t of snapshot?.tickets ?? []) issued.set(t.id, t.issuedAt);
        for (const batch of batches) for (const c of batch) if (c.t === 'ticket' && !issued.has(c.ticket.id)) issued.set(c.ticket.id, c.ticket.issuedAt);
        seen.push({ day: d, issuedAt: [...issued.values()] });
      } catch (err) {
        this.opts.onNotice?.(`the tickets of ${d} are left out of the usual day's arrivals: ${(err as Error).message}`);
      }
    }
    return arrivalProfile(seen, this.opts.venue.timeZone);
  }

  /** Runs `fn` with no command in flight and none starting until it ends: memory and disk agree throughout. */
  private locked<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs `fn` between commands, with the queue held still: a venue edit checks today's tickets and
   * saves without a ticket slipping in between.
   */
  exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    if (this.closing) return Promise.reject(new AntreError('SHUTTING_DOWN'));
    return this.locked(async () => {
      if (this.failure) throw storageFailed(this.failure.err);
      return fn();
    });
  }

  /** Runs one engine command: refused commands change nothing; accepted ones are durable before the answer. */
  async run<T>(fn: (engine: Engine, now: number) => Outcome<T>): Promise<T> {
    if (this.closing) throw new AntreError('SHUTTING_DOWN');
    if (this.failure) await this.tryRecover();
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.pumping) void this.pump();
    });
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.pending.length) await this.locked(() => this.runBatch());
    } finally {
      this.pumping = false;
    }
  }

  private async runBatch(): Promise<void> {
    const jobs = this.pending;
    this.pending = [];
    const refuse = this.closing ? new AntreError('SHUTTING_DOWN') : this.failure ? storageFailed(this.failure.err) : null;
    if (refuse) return jobs.forEach((j) => j.reject(refuse));
    let now = this.clock();
    if (this.engine.isStale(now)) {
      try {
        await this.rolloverLocked(now);
      } catch (err) {
        this.opts.onError?.(err, 'day rollover');
        return jobs.forEach((j) => j.reject(storageFailed(err)));
      }
      now = this.clock();
    }
    const done: { job: Job; value: unknown; changes: Change[] }[] = [];
    for (const job of jobs) {
      try {
        const out = job.fn(this.engine, now);
        done.push({ job, value: out.value, changes: out.changes });
      } catch (err) {
        job.reject(err);
      }
    }
    const writes = done.filter((d) => d.changes.length);
    if (writes.length) {
      try {
        // One record for the whole batch: it lands or is dropped as one, so a failed write can never
        // leave on disk a command of the batch that is then refused (and back after a reload or restart).
        await this.store.append(
          writes.flatMap((d) => d.changes),
          writes.length,
        );
      } catch (err) {
        const refused = storageFailed(err);
        done.forEach((d) => d.job.reject(refused));
        this.fail(err);
        return;
      }
    }
    for (const d of done) {
      if (d.changes.length) {
        this.rev++;
        this.announce(d.changes, this.rev);
      }
      d.job.resolve(d.value);
    }
    // Between batches memory is exactly the disk: the only moment a snapshot may be taken.
    if (this.store.due) void this.store.compact(this.engine.state.toStoredDoc()).catch((e) => this.opts.onError?.(e, 'compaction'));
  }

  private announce(changes: Change[], rev: number): void {
    try {
      this.emit('changes', changes, rev);
    } catch (err) {
      this.opts.onError?.(err, 'publishing changes');
    }
  }

  /** A write failed: take the disk's word again and refuse commands until the disk proves healthy. */
  private fail(err: unknown): void {
    this.opts.onError?.(err, 'journal write failed; refusing commands until the disk takes writes again');
    this.failure = { err, at: this.clock(), memoryStale: true };
    try {
      this.reloadFromDisk();
      this.failure.memoryStale = false;
    } catch (e) {
      this.opts.onError?.(e, 'reload after a failed write');
    }
  }

  private reloadFromDisk(): void {
    const { state } = this.restore(this.day, this.clock());
    this.engine.state = state;
    this.engine.setVenue(this.engine.venue, this.clock());
    this.rev++;
    this.emit('day', this.day);
  }

  /**
   * After a failure, at most every RECOVER_EVERY_MS: cut the journal back to what was acknowledged, prove the
   * disk takes a synced write, and reload the day if memory may be ahead. Throws STORAGE_FAILED while
   * the disk still refuses.
   */
  private async tryRecover(): Promise<void> {
    if (!this.failure) return;
    // One try at a time; a command arriving within the pace waits for the next try rather than being refused untried.
    this.recovering ??= (async () => {
      const wait = this.lastRecoverAt + RECOVER_EVERY_MS - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      this.lastRecoverAt = performance.now();
      await this.locked(async () => {
        if (!this.failure) return;
        try {
          await this.store.recover();
          await this.store.probe();
          if (this.failure.memoryStale) this.reloadFromDisk();
        } catch (err) {
          this.failure = { err, at: this.failure.at, memoryStale: this.failure.memoryStale };
          return;
        }
        this.failure = null;
        this.opts.onNotice?.('storage healthy again: taking commands');
      });
    })().finally(() => {
      this.recovering = null;
    });
    await this.recovering;
    if (this.failure) throw storageFailed(this.failure.err);
  }

  /** Ends the held day (waiting visitors expire) and starts the day `now` is in. */
  rollover(now: number): Promise<void> {
    return this.locked(() => this.rolloverLocked(now));
  }

  private async rolloverLocked(now: number): Promise<void> {
    if (!this.engine.isStale(now)) return;
    const changes = this.engine.expireAll(now);
    if (changes.length) {
      await this.store.append(changes);
      for (const c of changes) this.engine.state.apply(c);
    }
    await this.store.compact(this.engine.state.toStoredDoc());
    await this.load(now);
    this.failure = null;
    this.rev++;
    this.emit('day', this.day);
  }

  private scheduleMidnight(): void {
    if (this.timer) clearTimeout(this.timer);
    const now = this.clock();
    const wait = Math.min(nextMidnight(now, this.venue.timeZone) - now + 50, 3600_000);
    this.timer = setTimeout(
      () => {
        void this.rollover(this.clock())
          .catch((e) => this.opts.onError?.(e, 'day rollover'))
          .finally(() => this.scheduleMidnight());
      },
      Math.max(1000, wait),
    );
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
    await this.locked(async () => undefined);
    const left = this.pending.splice(0);
    left.forEach((j) => j.reject(new AntreError('SHUTTING_DOWN')));
    await this.store.close();
  }
}

/** The refusal every command gets while the store cannot write. */
function storageFailed(err: unknown): AntreError {
  return err instanceof AntreError ? err : new AntreError('STORAGE_FAILED', { cause: (err as NodeJS.ErrnoException)?.code ?? 'EIO' });
}
