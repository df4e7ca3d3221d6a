/**
 * The announcement queue: one call spoken at a time, in arrival order, none dropped while the
 * queue is sane, recalls spoken again. Knows nothing of audio: a Voice plays one announcement.
 */
import type { Announcement } from './announcement';

export type VoiceMode = 'clips' | 'speech';

/** The browser refused to play without a user gesture; the item waits for unblock(). */
export class VoiceBlockedError extends Error {
  constructor() {
    super('audio playback is blocked until the user interacts with the page');
  }
}

/** Plays one announcement to its end (or throws VoiceBlockedError). */
export interface Voice {
  readonly mode: VoiceMode;
  play(a: Announcement): Promise<void>;
}

export type Outcome = 'pending' | 'playing' | 'played' | 'stale' | 'dropped' | 'failed';

/** One announcement as tests and operators see it (window.__antreAnnouncements). */
export interface AnnouncementRecord {
  key: string;
  number: string;
  counterId: string;
  recall: number;
  text: string;
  tokens: string[];
  mode: VoiceMode | null;
  queuedAt: number;
  startedAt: number | null;
  endedAt: number | null;
  outcome: Outcome;
  error?: string;
}

export interface AnnouncerOptions {
  pickVoice: () => Voice;
  now?: () => number;
  /** Pending items beyond this push the oldest out (a stuck speaker must not grow memory). */
  maxQueue?: number;
  /** Records kept for inspection. */
  maxLog?: number;
  /** An item still waiting after this long (sound was blocked) is skipped: the visitor has gone. */
  staleMs?: number;
}

interface Item {
  record: AnnouncementRecord;
  announcement: Announcement;
}

const SEEN_KEYS = 500;

export class Announcer {
  /** Oldest first; mutated in place so a page can hold a reference to it. */
  readonly log: AnnouncementRecord[] = [];
  private readonly queue: Item[] = [];
  private readonly seen = new Set<string>();
  private readonly seenOrder: string[] = [];
  private readonly listeners = new Set<(blocked: boolean) => void>();
  private readonly now: () => number;
  private running = false;
  private blocked = false;
  private disposed = false;

  constructor(private readonly opts: AnnouncerOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Queues a call once per key; returns false for a duplicate delivery. */
  enqueue(key: string, meta: { number: string; counterId: string; recall: number }, announcement: Announcement): boolean {
    if (this.disposed || this.seen.has(key)) return false;
    this.remember(key);
    const record: AnnouncementRecord = {
      key,
      ...meta,
      text: announcement.text,
      tokens: announcement.tokens,
      mode: null,
      queuedAt: this.now(),
      startedAt: null,
      endedAt: null,
      outcome: 'pending',
    };
    this.pushLog(record);
    this.queue.push({ record, announcement });
    while (this.queue.length > (this.opts.maxQueue ?? 30)) {
      const at = this.queue[0]?.record.outcome === 'playing' ? 1 : 0;
      const [dropped] = this.queue.splice(at, 1);
      if (dropped) dropped.record.outcome = 'dropped';
    }
    void this.pump();
    return true;
  }

  get isBlocked(): boolean {
    return this.blocked;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Marks sound as blocked (seen at start-up) so the board can ask for a tap before any call. */
  setBlocked(blocked: boolean): void {
    if (this.blocked === blocked) return;
    this.blocked = blocked;
    // A line in the browser console: what a technician (and a browser test, without touching the page) reads.
    console.info(blocked ? '[antre] sound blocked: waiting for a tap' : '[antre] sound enabled');
    for (const fn of this.listeners) fn(blocked);
    if (!blocked) void this.pump();
  }

  /** Subscribes to blocked/unblocked; returns the unsubscribe. */
  onBlocked(fn: (blocked: boolean) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  dispose(): void {
    this.disposed = true;
    this.queue.length = 0;
    this.listeners.clear();
  }

  private remember(key: string): void {
    this.seen.add(key);
    this.seenOrder.push(key);
    if (this.seenOrder.length > SEEN_KEYS) this.seen.delete(this.seenOrder.shift()!);
  }

  private pushLog(r: AnnouncementRecord): void {
    this.log.push(r);
    const max = this.opts.maxLog ?? 50;
    if (this.log.length > max) this.log.splice(0, this.log.length - max);
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (!this.disposed && !this.blocked && this.queue.length > 0) {
        const item = this.queue[0]!;
        const r = item.record;
        if (this.now() - r.queuedAt > (this.opts.staleMs ?? 120_000)) {
          r.outcome = 'stale';
          this.queue.shift();
          continue;
        }
        const voice = this.opts.pickVoice();
        r.mode = voice.mode;
        r.startedAt = this.now();
        r.outcome = 'playing';
        console.info(`[antre] announcing ${r.number}`);
        try {
          await voice.play(item.announcement);
          r.outcome = 'played';
        } catch (err) {
          if (err instanceof VoiceBlockedError) {
            r.startedAt = null;
            r.outcome = 'pending';
            this.setBlocked(true);
            break;
          }
          r.outcome = 'failed';
          r.error = err instanceof Error ? err.message : String(err);
        }
        r.endedAt = this.now();
        if (this.queue[0] === item) this.queue.shift();
      }
    } finally {
      this.running = false;
    }
  }
}
