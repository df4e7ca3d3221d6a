import type { AppContext } from '../context.js';
import type { HubBatch, HubBatchAnswer, HubConfig, HubConfigResult, HubEvent, HubLinkStatus } from '../contract/hub.js';
import type { SurveyRecord } from '../contract/survey.js';
import { accountabilityFor } from '../http/routes/accountability.js';
import { publicVenue } from '../http/routes/public.js';
import type { Notifier } from '../realtime/notifier.js';
import { applyHubConfig } from './config-apply.js';
import { HubFeed } from './feed.js';
import { FeedStore } from './feed-store.js';
import { siteLive } from './live.js';
import type { HubSettings } from './settings.js';

/** Events per batch: well under the hub's 1000, so a batch stays small on a slow uplink. */
export const BATCH_EVENTS = 500;
/** Bytes per batch body, under the hub's 1 MB with room for the live summary and the venue. */
const BATCH_BYTES = 800 * 1024;
const DEFAULT_MAX_BACKOFF_MS = 60_000;

class HubAnswerError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    const code = (body as { error?: { code?: string; message?: { en?: string } } } | null)?.error;
    super(`hub answered ${status}${code?.code ? ` ${code.code}` : ''}${code?.message?.en ? `: ${code.message.en}` : ''}`);
  }
}

/**
 * The site's side of the hub: the durable change feed, the sender that ships it in order (batches,
 * heartbeats, resend from the hub's nextSeq, capped and jittered backoff while the hub is away) and
 * the settings puller. It runs on its own timer and only reads the queue's memory: a hub that is
 * slow, down or hanging never delays a command (requests time out; nothing waits on them).
 */
export class HubLink {
  readonly feed: HubFeed;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private running: Promise<void> | null = null;
  /** A failed feed is being rebuilt: not healthy until the rebuilt feed's writes are on disk. */
  private healing = false;
  private failures = 0;
  private hubNext = 1;
  private venueSent = -1;
  private configWanted = true;
  private lastOkAt: number | null = null;
  private lastSentAt: number | null = null;
  private lastError: { at: number; message: string } | null = null;
  private started = false;
  private readonly onAnswered: (r: SurveyRecord) => void;

  constructor(
    private readonly ctx: AppContext,
    readonly settings: HubSettings,
    private readonly notifier: () => Notifier | null,
  ) {
    const q = ctx.queue;
    const store = new FeedStore(q.store.dir.replace(/[\\/]days$/, ''), (m) => ctx.log.warn(m), settings.feedSegmentEvents);
    this.feed = new HubFeed(
      store,
      {
        queue: q,
        surveys: (day) => ctx.surveys?.store.between(day, day) ?? [],
        alerts: (day) => ctx.alerts?.history(day) ?? [],
        accountability: (day) => accountabilityFor(ctx, day),
        onError: (err, what) => ctx.log.error({ err }, what),
        delayMs: settings.testFeedDelayMs,
      },
      q.clock,
    );
    this.onAnswered = (r) => this.feed.survey(r);
  }

  /** Opens the feed (reconciling it with the site's stores) and starts sending; never throws for a hub that is away. */
  async start(): Promise<void> {
    try {
      await this.feed.start();
      this.hubNext = this.feed.store.meta.acked + 1;
      this.ctx.surveys?.on('answered', this.onAnswered);
      this.started = true;
    } catch (err) {
      // A damaged feed stops the link, not the building: the queue runs and health says why.
      this.note(err);
      this.ctx.log.error({ err }, 'hub link: the feed cannot be opened; the site runs without the hub');
      return;
    }
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = null;
      });
    }, ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.closed) return;
    let delay = this.settings.intervalMs;
    try {
      if (this.feed.failure) await this.heal();
      this.feed.pollAlerts();
      const more = await this.sendOnce();
      if (this.configWanted) await this.pullConfig();
      this.failures = 0;
      this.lastError = null;
      if (more) delay = 0;
    } catch (err) {
      this.note(err);
      this.failures++;
      const cap = this.settings.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
      const base = Math.min(cap, this.settings.intervalMs * 2 ** Math.min(this.failures - 1, 20));
      // Jitter: a hub coming back is not met by every building at the same instant.
      delay = base * (0.5 + Math.random() * 0.5);
    }
    this.schedule(delay);
  }

  private note(err: unknown): void {
    const message =
      err instanceof Error
        ? err.name === 'TimeoutError'
          ? 'the hub did not answer in time'
          : err.message + ((err as { cause?: { code?: string } }).cause?.code ? ` (${(err as { cause: { code: string } }).cause.code})` : '')
        : String(err);
    this.lastError = { at: this.ctx.queue.clock(), message };
  }

  /** After a failed feed write: cut the feed back, read it again and reconcile (throws while the disk refuses). */
  private async heal(): Promise<void> {
    this.healing = true;
    try {
      await this.feed.store.recover();
      await this.feed.rebuild();
      // What the rebuild wrote must be on disk before the feed counts as healed: a disk that still
      // refuses writes fails the heal, and the link stays 'retrying' with the reason.
      await this.feed.written();
      if (this.feed.failure) throw this.feed.failure;
      this.hubNext = Math.min(this.hubNext, this.feed.durableSeq + 1);
    } finally {
      this.healing = false;
    }
  }

  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const timeout = this.settings.requestTimeoutMs ?? Math.max(10_000, this.settings.intervalMs * 5);
    const res = await fetch(`${this.settings.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.settings.credential}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(timeout),
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON (a proxy's error page): the status says enough.
      parsed = null;
    }
    return { status: res.status, body: parsed };
  }

  /** The sequence to send from, kept within what the site holds. */
  private clamp(next: number): number {
    if (next > this.feed.durableSeq + 1) {
      // The hub is ahead: this site was restored from an older copy. Its new history goes on from here; the hub sees the difference and says so.
      return this.feed.durableSeq + 1;
    }
    return Math.max(next, this.feed.store.oldestSeq);
  }

  /** Sends one batch (or a heartbeat); true when more events are waiting. */
  private async sendOnce(): Promise<boolean> {
    const q = this.ctx.queue;
    const from = this.clamp(this.hubNext);
    const events = this.fit(this.feed.pending(from, BATCH_EVENTS));
    const now = q.clock();
    const includeVenue = this.venueSent !== q.venueVersion;
    const venueVersion = q.venueVersion;
    const batch: HubBatch = {
      siteId: this.settings.siteId,
      feedId: this.feed.store.meta.feedId,
      fromSeq: from,
      events,
      sentAt: now,
      configVersion: this.feed.store.meta.configVersion,
      live: siteLive(
        q,
        safe(() => this.ctx.alerts?.compute(now) ?? [], []),
      ),
      ...(includeVenue ? { venue: publicVenue(q.venue, venueVersion) } : {}),
    };
    this.lastSentAt = now;
    const res = await this.request('POST', '/hub/v1/ingest', batch);
    const err = res.body as { error?: { code?: string }; nextSeq?: number } | null;
    if (res.status === 409 && err?.error?.code === 'SEQUENCE_GAP' && Number.isInteger(err.nextSeq)) {
      this.lastOkAt = q.clock();
      if (err.nextSeq! < this.feed.store.oldestSeq) return this.startAnew(err.nextSeq!);
      const next = this.clamp(err.nextSeq!);
      if (next === from) throw new HubAnswerError(409, res.body);
      this.hubNext = next;
      return true;
    }
    if (res.status !== 200) throw new HubAnswerError(res.status, res.body);
    const ans = res.body as HubBatchAnswer;
    this.lastOkAt = q.clock();
    if (ans.nextSeq < this.feed.store.oldestSeq) return this.startAnew(ans.nextSeq);
    // What the hub saw about this site (clock skew, sequence back): for the building's log too.
    for (const n of ans.notices ?? []) this.ctx.log.warn({ kind: n.kind, detail: n.detail }, `hub notice: ${n.message?.en ?? n.kind}`);
    if (includeVenue) this.venueSent = venueVersion;
    this.hubNext = this.clamp(ans.nextSeq);
    const meta = this.feed.store.meta;
    if (this.hubNext - 1 > meta.acked) {
      this.feed.acked(this.hubNext - 1);
      await this.feed.store.saveMeta({ acked: this.hubNext - 1 });
      await this.feed.store.prune(this.feed.keepDay);
    }
    if (ans.configVersion > Math.max(meta.configVersion, meta.refusedVersion)) this.configWanted = true;
    return this.feed.durableSeq >= this.hubNext && events.length > 0;
  }

  /**
   * The hub asks for events this site has already pruned (the hub was restored from an older copy):
   * they cannot be sent again. The feed starts a new life (new id, from 1) holding the newest days,
   * which the hub notices as a feed reset; what the hub lost before them stays lost and is logged.
   */
  private async startAnew(asked: number): Promise<boolean> {
    this.ctx.log.warn({ asked, oldest: this.feed.store.oldestSeq }, 'hub asks for events this site no longer holds; the feed starts anew with the newest days');
    await this.feed.reset();
    this.hubNext = 1;
    this.venueSent = -1;
    return true;
  }

  /** The longest prefix of `events` whose body stays under the batch's byte bound (at least one event). */
  private fit(events: HubEvent[]): HubEvent[] {
    let bytes = 0;
    for (let i = 0; i < events.length; i++) {
      bytes += Buffer.byteLength(JSON.stringify(events[i])) + 1;
      if (bytes > BATCH_BYTES && i > 0) return events.slice(0, i);
    }
    return events;
  }

  /** Takes the newest settings from the hub, applies them through the site's rules, and reports. */
  private async pullConfig(): Promise<void> {
    const meta = this.feed.store.meta;
    const res = await this.request('GET', `/hub/v1/site/config?since=${meta.configVersion}`);
    if (res.status === 204) {
      this.configWanted = false;
      return;
    }
    if (res.status !== 200) throw new HubAnswerError(res.status, res.body);
    const config = res.body as HubConfig;
    if (!Number.isInteger(config?.version) || config.version <= Math.max(meta.configVersion, meta.refusedVersion)) {
      this.configWanted = false;
      return;
    }
    const result: HubConfigResult = await applyHubConfig(this.ctx, config, this.notifier);
    await this.feed.store.saveMeta(result.outcome === 'applied' ? { configVersion: config.version } : { refusedVersion: config.version });
    this.ctx.log.info({ version: config.version, outcome: result.outcome, reason: result.reason?.en }, 'hub settings');
    const ack = await this.request('POST', '/hub/v1/site/config/result', result);
    if (ack.status >= 300) throw new HubAnswerError(ack.status, ack.body);
    this.configWanted = false;
  }

  status(): HubLinkStatus {
    const meta = this.started ? this.feed.store.meta : null;
    const f = this.started ? (this.feed.failure ?? (this.healing ? new Error('the feed is being rebuilt') : null)) : null;
    const lastError = f
      ? {
          at: this.ctx.queue.clock(),
          message: `the feed could not be written or read (${(f as NodeJS.ErrnoException).code ?? (f as Error).message ?? String(f)}); it is rebuilt from the day once the disk allows`,
        }
      : this.lastError;
    return {
      state: !this.started ? (lastError ? 'failed' : 'starting') : lastError ? 'retrying' : this.lastOkAt === null ? 'starting' : 'ok',
      url: this.settings.url,
      siteId: this.settings.siteId,
      feedId: meta?.feedId ?? null,
      lastOkAt: this.lastOkAt,
      lastSentAt: this.lastSentAt,
      pendingEvents: this.started ? Math.max(0, this.feed.durableSeq - this.hubNext + 1) : 0,
      hubNextSeq: this.hubNext,
      configVersion: meta?.configVersion ?? 0,
      lastError,
    };
  }

  /** Stops sending (a request in flight is left to its timeout) and closes the feed once its writes are on disk. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.ctx.surveys?.off('answered', this.onAnswered);
    if (this.started) await this.feed.close();
  }
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}
