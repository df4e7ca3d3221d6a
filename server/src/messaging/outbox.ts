import type { Logger } from 'pino';
import type { DeadLetterView } from '../contract/booking.js';
import { localDay } from '../contract/time.js';
import type { OutboxStore, StoredMessage } from '../store/outbox-store.js';
import { maskPhone, SendError, type MessageChannel, type OutgoingMessage } from './channel.js';

export interface OutboxOptions {
  clock: () => number;
  log: Logger;
  timeZone: string;
  /** First retry after this long, doubling each time up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Failed tries on one channel before the next channel takes the message. */
  attemptsPerChannel?: number;
  /** One attempt may take this long before the provider counts as slow and the attempt fails. */
  attemptTimeoutMs?: number;
  /** Messages in flight at once. */
  concurrency?: number;
  /** Dead letters are kept this long for the supervisors (they hold a number: not for ever). */
  deadRetentionMs?: number;
  /** Real timers (the server); tests call runDue() themselves after moving the clock. */
  autoRun?: boolean;
}

export interface NewMessage extends Omit<OutgoingMessage, 'id'> {
  ref: StoredMessage['ref'];
  /** How long the message stays worth sending. */
  ttlMs: number;
}

/** A dead letter as the supervisors see it: the number masked. */
export type DeadLetter = DeadLetterView;

/**
 * Sends visitor messages in the background: a command only puts a message in the (durable)
 * outbox, so no provider, however slow or down, ever holds up a call. Failures are retried with
 * growing pauses; a rate limit pauses that channel; a channel that refuses or keeps failing
 * hands the message to the next channel; when every channel has failed, or the message is too
 * old to matter, it becomes a dead letter the supervisors can see and send again.
 */
export class Outbox {
  private readonly ready = new Set<string>();
  private readonly inFlight = new Set<string>();
  private readonly pausedUntil: number[];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private closed = false;
  private seq = 0;
  private readonly o: Required<Omit<OutboxOptions, 'log' | 'clock' | 'timeZone'>>;

  constructor(
    private readonly store: OutboxStore,
    readonly channels: MessageChannel[],
    private readonly opts: OutboxOptions,
  ) {
    this.pausedUntil = channels.map(() => 0);
    this.o = {
      backoffMs: opts.backoffMs ?? 30_000,
      maxBackoffMs: opts.maxBackoffMs ?? 10 * 60_000,
      attemptsPerChannel: opts.attemptsPerChannel ?? 4,
      attemptTimeoutMs: opts.attemptTimeoutMs ?? 15_000,
      concurrency: opts.concurrency ?? 4,
      deadRetentionMs: opts.deadRetentionMs ?? 7 * 86_400_000,
      autoRun: opts.autoRun ?? true,
    };
    for (const m of store.data.messages) if (m.state === 'pending') this.ready.add(m.id);
  }

  /** Puts messages in the outbox; resolves once they are on disk, then sends in the background. */
  async enqueue(list: NewMessage[]): Promise<string[]> {
    if (!list.length || this.closed) return [];
    const now = this.opts.clock();
    const stored: StoredMessage[] = list.map((m) => ({
      id: `m${now.toString(36)}${(this.seq++).toString(36)}${Math.random().toString(36).slice(2, 6)}`,
      to: m.to,
      kind: m.kind,
      params: m.params,
      text: m.text,
      ref: m.ref,
      createdAt: now,
      expiresAt: now + m.ttlMs,
      nextAt: now,
      channel: 0,
      attempts: 0,
      lastError: null,
      state: 'pending',
      deadAt: null,
    }));
    await this.store.change((d) => d.messages.push(...stored));
    for (const m of stored) this.ready.add(m.id);
    this.kick();
    return stored.map((m) => m.id);
  }

  /** Starts a run now unless one is going (the run picks up whatever is due). */
  kick(): void {
    if (!this.o.autoRun || this.closed) return;
    void this.runDue();
  }

  /** Sends everything due now, at most `concurrency` at a time; resolves when this round is done. */
  runDue(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.round().finally(() => {
      this.running = null;
      this.schedule();
    });
    return this.running;
  }

  private async round(): Promise<void> {
    for (;;) {
      const now = this.opts.clock();
      const due = this.store.data.messages.filter((m) => m.state === 'pending' && this.ready.has(m.id) && !this.inFlight.has(m.id) && m.nextAt <= now);
      const sendable = due.filter((m) => m.expiresAt <= now || m.channel >= this.channels.length || this.pausedUntil[m.channel]! <= now);
      if (!sendable.length || this.closed) return;
      const batch = sendable.slice(0, this.o.concurrency);
      await Promise.all(batch.map((m) => this.attempt(m)));
    }
  }

  private async attempt(m: StoredMessage): Promise<void> {
    const now = this.opts.clock();
    if (m.expiresAt <= now) return this.bury(m, m.lastError ? `${m.lastError}; too late to send` : 'too late to send');
    const ch = this.channels[m.channel];
    if (!ch) return this.bury(m, m.lastError ?? 'no message channel is configured');
    this.inFlight.add(m.id);
    try {
      const receipt = await ch.send({ id: m.id, to: m.to, kind: m.kind, params: m.params, text: m.text }, AbortSignal.timeout(this.o.attemptTimeoutMs));
      const day = localDay(this.opts.clock(), this.opts.timeZone);
      await this.store.change((d) => {
        d.messages = d.messages.filter((x) => x.id !== m.id);
        const perDay = (d.sent[day] ??= {});
        perDay[ch.name] = (perDay[ch.name] ?? 0) + 1;
      });
      this.ready.delete(m.id);
      this.opts.log.info({ messageId: m.id, kind: m.kind, to: maskPhone(m.to), channel: ch.name, providerId: receipt.providerId }, 'message sent');
    } catch (err) {
      await this.failed(m, ch, err);
    } finally {
      this.inFlight.delete(m.id);
    }
  }

  private async failed(m: StoredMessage, ch: MessageChannel, err: unknown): Promise<void> {
    const e = err instanceof SendError ? err : new SendError((err as Error)?.message ?? String(err), true);
    const now = this.opts.clock();
    const attempts = m.attempts + 1;
    let channel = m.channel;
    let nextAt = now;
    let tries = attempts;
    if (e.rateLimited) {
      const wait = e.opts.retryAfterMs ?? Math.min(this.o.maxBackoffMs, this.o.backoffMs * 4);
      this.pausedUntil[m.channel] = now + wait;
      nextAt = now + wait;
      tries = m.attempts; // a busy provider is not a failing one: the channel keeps the message
    } else if (!e.retryable || attempts >= this.o.attemptsPerChannel) {
      channel = m.channel + 1;
      tries = 0;
    } else nextAt = now + Math.min(this.o.maxBackoffMs, this.o.backoffMs * 2 ** (attempts - 1));
    const lastError = `${ch.name}: ${e.message}`.slice(0, 300);
    this.opts.log.warn(
      { messageId: m.id, kind: m.kind, to: maskPhone(m.to), channel: ch.name, attempts, retryable: e.retryable, rateLimited: e.rateLimited, err: e.message },
      'message not sent',
    );
    if (channel >= this.channels.length) return this.bury(m, lastError, attempts);
    // A retry that could only come after the message stopped mattering ("go to the counter" an hour late) is not kept waiting.
    if (nextAt >= m.expiresAt) return this.bury(m, `${lastError}; too late to send`, attempts);
    await this.update(m.id, { attempts: tries, channel, nextAt, lastError });
  }

  private async bury(m: StoredMessage, reason: string, attempts = m.attempts): Promise<void> {
    this.ready.delete(m.id);
    await this.update(m.id, { state: 'dead', deadAt: this.opts.clock(), lastError: reason, attempts });
    this.opts.log.warn({ messageId: m.id, kind: m.kind, to: maskPhone(m.to), reason }, 'message given up (dead letter)');
  }

  private async update(id: string, patch: Partial<StoredMessage>): Promise<void> {
    try {
      await this.store.change((d) => {
        const i = d.messages.findIndex((x) => x.id === id);
        if (i >= 0) d.messages[i] = { ...d.messages[i]!, ...patch };
      });
    } catch (err) {
      // The bookkeeping of a try could not be saved: the message stays as the disk has it and goes again.
      this.opts.log.error({ err, messageId: id }, 'outbox: could not record a send attempt');
    }
  }

  /** Arms one timer for the next due message (real time; the test clock does not move timers). */
  private schedule(): void {
    if (!this.o.autoRun || this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const now = this.opts.clock();
    let next = Infinity;
    for (const m of this.store.data.messages) {
      if (m.state !== 'pending' || !this.ready.has(m.id) || this.inFlight.has(m.id)) continue;
      next = Math.min(next, Math.max(m.nextAt, this.pausedUntil[m.channel] ?? 0, now));
    }
    if (next === Infinity) return;
    this.timer = setTimeout(() => void this.runDue(), Math.min(60_000, Math.max(50, next - now)));
    this.timer.unref();
  }

  pending(): number {
    return this.store.data.messages.filter((m) => m.state === 'pending').length;
  }

  deadLetters(): DeadLetter[] {
    return this.store.data.messages
      .filter((m) => m.state === 'dead')
      .map((m) => ({
        id: m.id,
        to: maskPhone(m.to),
        kind: m.kind,
        text: m.text,
        createdAt: m.createdAt,
        deadAt: m.deadAt,
        attempts: m.attempts,
        lastError: m.lastError,
      }));
  }

  /** A supervisor sends a dead letter again (a channel is back): it starts over on the first channel. */
  async retry(id: string): Promise<boolean> {
    const m = this.store.data.messages.find((x) => x.id === id && x.state === 'dead');
    if (!m) return false;
    const now = this.opts.clock();
    await this.store.change((d) => {
      const i = d.messages.findIndex((x) => x.id === id);
      d.messages[i] = {
        ...d.messages[i]!,
        state: 'pending',
        deadAt: null,
        attempts: 0,
        channel: 0,
        nextAt: now,
        expiresAt: Math.max(m.expiresAt, now + 3600_000),
      };
    });
    this.ready.add(id);
    this.kick();
    return true;
  }

  /** Forgets what must not be kept: dead letters past retention, and every message of the given refs. */
  async purge(refs: { ticketIds?: Set<string>; bookingIds?: Set<string> } = {}): Promise<number> {
    const now = this.opts.clock();
    const drop = (m: StoredMessage) =>
      (m.state === 'dead' && (m.deadAt ?? 0) + this.o.deadRetentionMs <= now) ||
      (!!m.ref.ticketId && !!refs.ticketIds?.has(m.ref.ticketId)) ||
      (!!m.ref.bookingId && !!refs.bookingIds?.has(m.ref.bookingId));
    const gone = this.store.data.messages.filter((m) => drop(m) && !this.inFlight.has(m.id));
    if (!gone.length) return 0;
    const ids = new Set(gone.map((m) => m.id));
    await this.store.change((d) => {
      d.messages = d.messages.filter((m) => !ids.has(m.id));
    });
    for (const id of ids) this.ready.delete(id);
    return gone.length;
  }

  /** Delivered counts per day and channel (aggregate only). */
  sentCounts(): Readonly<Record<string, Record<string, number>>> {
    return this.store.data.sent;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
    await Promise.all(this.channels.map((c) => c.close?.().catch(() => undefined)));
  }
}
