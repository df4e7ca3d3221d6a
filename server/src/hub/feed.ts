import { createHash } from 'node:crypto';
import type { HubEvent, HubEventKind } from '../contract/hub.js';
import type { AlertRecord } from '../contract/alert-records.js';
import type { SurveyRecord } from '../contract/survey.js';
import type { AccountabilityReport } from '../contract/accountability.js';
import type { Change, DayDoc } from '../engine/state.js';
import type { QueueService } from '../queue/queue-service.js';
import type { FeedStore } from './feed-store.js';

/** What the feed reads from the rest of the site; handed in, so tests can give a queue alone. */
export interface FeedSources {
  queue: QueueService;
  /** The SKM answers of a day. */
  surveys?: (day: string) => readonly SurveyRecord[];
  /** The alert records of a day (begun, acknowledged, ended). */
  alerts?: (day: string) => readonly AlertRecord[];
  /** The accountability record of a day that has ended. */
  accountability?: (day: string) => AccountabilityReport | null;
  onError?: (err: unknown, what: string) => void;
  /** Tests only (HubSettings.testFeedDelayMs): write each event this long after it was made. */
  delayMs?: number;
}

interface Item {
  kind: HubEventKind;
  key: string;
  data: unknown;
}

/** Events held in memory for the sender; older ones are read back from disk. */
const TAIL_MAX = 2000;

function digest(data: unknown): string {
  return createHash('sha1')
    .update(JSON.stringify(data) ?? 'null')
    .digest('base64')
    .slice(0, 16);
}

/**
 * The site's change feed: every change the site makes, as HubEvents with a gapless sequence and a
 * natural key, appended to the durable FeedStore.
 *
 * A change is committed by the queue (day journal, fdatasync) before the feed hears of it, so a crash
 * can fall between the two. The feed does not try to write both atomically; it reconciles instead.
 * At start (and after a failed feed write) it reads the feed back, keeps the last state digest it
 * recorded for every key of the newest days it holds, and compares them with the site's own stores
 * for those days and today: every key whose current state differs from what the feed last recorded
 * (or that the feed never recorded) becomes an event. The day journal stays the single source of
 * truth; the feed is a derived, durable outbox that can always be brought level with it. Since the
 * hub keeps the latest state per key, an event emitted again by reconciliation is never counted
 * twice, and one that was never written is never lost. Segments of the two newest days stay on
 * disk (even once acknowledged) so the digests survive a restart.
 */
export class HubFeed {
  /** Per service day, per key: digest of the last state the feed recorded. Only the newest days are kept. */
  private known = new Map<string, Map<string, string>>();
  private tail: HubEvent[] = [];
  private lastSeq = 0;
  private day = '';
  private failed: unknown = null;
  /** Events given a sequence whose write has not answered yet, and who waits for them all to answer. */
  private inFlight = 0;
  private idle: (() => void)[] = [];
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    readonly store: FeedStore,
    private readonly src: FeedSources,
    private readonly clock: () => number,
  ) {}

  /** Highest sequence on disk: what may be sent. */
  get durableSeq(): number {
    return this.store.durableSeq;
  }

  /** Highest sequence given to an event (on disk or on its way). */
  get assignedSeq(): number {
    return this.lastSeq;
  }

  /** Why the feed stopped taking events (a failed write), until rebuilt. */
  get failure(): unknown {
    return this.failed;
  }

  /** Opens the feed, brings it level with the site's stores, and follows every change from here on. */
  async start(): Promise<void> {
    await this.rebuild();
    const q = this.src.queue;
    const onChanges = (changes: Change[]) => this.onChanges(changes);
    const onDay = (day: string) => this.onDay(day);
    q.on('changes', onChanges);
    q.on('day', onDay);
    this.unsubscribe.push(
      () => q.off('changes', onChanges),
      () => q.off('day', onDay),
    );
  }

  /** Reads the feed back and reconciles; also the way back after a failed write. Synchronous after the reads, so no change slips in. */
  async rebuild(): Promise<void> {
    this.failed ??= new Error('the feed is being read back');
    this.known.clear();
    this.tail = [];
    try {
      await this.store.open(this.clock(), (e) => {
        this.dayMap(e.day).set(e.key, digest(e.data));
        this.keepNewestDays(2);
        if (e.seq > this.store.meta.acked) this.pushTail(e);
      });
    } catch (err) {
      this.failed = err;
      throw err;
    }
    this.lastSeq = this.store.durableSeq;
    this.failed = null;
    const today = this.src.queue.day;
    const days = [...new Set([...this.known.keys(), today])].filter((d) => d <= today).sort();
    for (const d of days) this.reconcile(d);
    this.day = today;
  }

  /**
   * A new life of the feed (new id, sequences from 1) holding the newest days again, for a hub that
   * lost what this site has already pruned. Changes meanwhile are dropped and found by the reconciliation.
   */
  async reset(): Promise<void> {
    const days = [...this.known.keys()];
    this.failed = new Error('the feed is being started anew');
    await this.store.reset(this.clock());
    this.known.clear();
    this.tail = [];
    this.lastSeq = 0;
    this.failed = null;
    const today = this.src.queue.day;
    for (const d of [...new Set([...days, today])].filter((x) => x <= today).sort()) this.reconcile(d);
    this.day = today;
  }

  private dayMap(day: string): Map<string, string> {
    let m = this.known.get(day);
    if (!m) {
      m = new Map();
      this.known.set(day, m);
    }
    return m;
  }

  private keepNewestDays(n: number): void {
    if (this.known.size <= n) return;
    const days = [...this.known.keys()].sort();
    for (const d of days.slice(0, days.length - n)) this.known.delete(d);
  }

  /** Everything the site holds for a day, as feed items, compared with what the feed recorded. */
  reconcile(day: string): void {
    const q = this.src.queue;
    const doc: DayDoc | null = q.readDay(day);
    const items: Item[] = [];
    if (doc) {
      for (const t of doc.tickets) items.push({ kind: 'ticket', key: `ticket:${day}:${t.id}`, data: t });
      for (const c of doc.counters) items.push({ kind: 'counter', key: `counter:${day}:${c.counterId}`, data: c });
      for (const s of doc.services) items.push({ kind: 'service', key: `service:${day}:${s.serviceId}`, data: s });
      for (const a of doc.agencies ?? [])
        items.push({ kind: 'accountability', key: `accountability:${day}:agency:${a.agencyId}`, data: { type: 'agency', ...a } });
      for (const o of doc.outcomes ?? [])
        items.push({ kind: 'accountability', key: `accountability:${day}:outcome:${o.ticketId}`, data: { type: 'outcome', ...o } });
    }
    for (const r of this.src.surveys?.(day) ?? []) items.push(surveyItem(r));
    for (const r of this.src.alerts?.(day) ?? []) items.push(alertItem(day, r));
    if (doc || day === q.day) items.push(this.dayItem(day, day === q.day ? 'open' : 'closed', doc));
    if (day < q.day && doc) items.push(...this.accountabilityItems(day));
    for (const it of items) this.emit(day, it);
  }

  private dayItem(day: string, status: 'open' | 'closed', doc: DayDoc | null): Item {
    const venueId = this.src.queue.venue.id;
    // An open day's figures change with every ticket (the tickets themselves carry them); a closed day's are final.
    if (status === 'open') return { kind: 'day', key: `day:${day}`, data: { day, status, venueId } };
    const tickets = doc?.tickets ?? [];
    const count = (s: string) => tickets.filter((t) => t.status === s).length;
    return {
      kind: 'day',
      key: `day:${day}`,
      data: { day, status, venueId, tickets: tickets.length, done: count('done'), noShow: count('no_show'), expired: count('expired') },
    };
  }

  private accountabilityItems(day: string): Item[] {
    let report: AccountabilityReport | null = null;
    try {
      report = this.src.accountability?.(day) ?? null;
    } catch (err) {
      this.src.onError?.(err, `hub feed: accountability record of ${day}`);
    }
    if (!report) return [];
    const rows = [...report.counters, ...report.officers, ...report.agencies, report.total];
    return rows.map((r) => ({ kind: 'accountability', key: `accountability:${day}:${r.kind}:${r.key}`, data: { type: 'row', day, ...r } }));
  }

  private onChanges(changes: Change[]): void {
    const day = this.src.queue.day;
    for (const c of changes) {
      const it = changeItem(day, c);
      if (it) this.emit(day, it);
    }
  }

  /** A new service day (or the day reloaded after a failed write): close the old one, open the new. */
  private onDay(day: string): void {
    const prev = this.day;
    if (prev && prev !== day) this.reconcile(prev);
    this.reconcile(day);
    this.day = day;
    this.keepNewestDays(2);
  }

  /** One SKM answer, as it is recorded. */
  survey(r: SurveyRecord): void {
    this.emit(r.day, surveyItem(r));
  }

  /** Alerts have no change event of their own: compared with what the feed recorded, at every send. */
  pollAlerts(): void {
    const day = this.src.queue.day;
    for (const r of this.src.alerts?.(day) ?? []) this.emit(day, alertItem(day, r));
  }

  private emit(day: string, it: Item): void {
    if (this.failed) return;
    const h = digest(it.data);
    const m = this.dayMap(day);
    if (m.get(it.key) === h) return;
    m.set(it.key, h);
    const e: HubEvent = { seq: ++this.lastSeq, at: this.clock(), day, kind: it.kind, key: it.key, data: it.data };
    this.inFlight++;
    // Timers of one delay fire in the order they were set: the sequence order holds.
    if (this.src.delayMs) setTimeout(() => this.write(e), this.src.delayMs);
    else this.write(e);
  }

  private write(e: HubEvent): void {
    this.store
      .append(e)
      .then(
        () => this.pushTail(e),
        (err: unknown) => {
          // Sequences after this one can no longer be written without a gap: stop, and let rebuild() reconcile what was lost.
          if (!this.failed) this.src.onError?.(err, "hub feed write failed; the feed is rebuilt from the site's stores once the disk takes writes");
          this.failed = err;
        },
      )
      .finally(() => {
        if (--this.inFlight > 0) return;
        for (const resolve of this.idle.splice(0)) resolve();
      });
  }

  /** Resolves once every event given a sequence so far has been written or refused (see `failure`). */
  async written(): Promise<void> {
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  private pushTail(e: HubEvent): void {
    this.tail.push(e);
    if (this.tail.length > TAIL_MAX) this.tail.splice(0, this.tail.length - TAIL_MAX);
  }

  /** Durable events from `from` on, at most `max`: from memory when it still holds them, else from disk. */
  pending(from: number, max: number): HubEvent[] {
    if (from > this.durableSeq) return [];
    const first = this.tail[0]?.seq;
    if (first !== undefined && first <= from) {
      const i = from - first;
      return this.tail.slice(i, i + max).filter((e) => e.seq <= this.durableSeq);
    }
    return this.store.read(Math.max(from, this.store.oldestSeq), max);
  }

  /** The hub has everything up to `seq`: memory lets go of it. */
  acked(seq: number): void {
    while (this.tail.length && this.tail[0]!.seq <= seq) this.tail.shift();
  }

  /** The oldest day whose digests must survive a restart. */
  get keepDay(): string {
    return [...this.known.keys()].sort()[0] ?? this.day;
  }

  async close(): Promise<void> {
    this.unsubscribe.splice(0).forEach((f) => f());
    await this.store.close();
  }
}

function changeItem(day: string, c: Change): Item | null {
  switch (c.t) {
    case 'ticket':
      return { kind: 'ticket', key: `ticket:${c.ticket.day}:${c.ticket.id}`, data: c.ticket };
    case 'counter':
      return { kind: 'counter', key: `counter:${day}:${c.counter.counterId}`, data: c.counter };
    case 'service':
      return { kind: 'service', key: `service:${day}:${c.service.serviceId}`, data: c.service };
    case 'agency':
      return { kind: 'accountability', key: `accountability:${day}:agency:${c.agency.agencyId}`, data: { type: 'agency', ...c.agency } };
    case 'outcome':
      return { kind: 'accountability', key: `accountability:${day}:outcome:${c.outcome.ticketId}`, data: { type: 'outcome', ...c.outcome } };
    // A call is the ticket's own change seen by the boards, and a request key is a kiosk's retry guard: neither is news for the hub.
    case 'call':
    case 'request':
      return null;
  }
}

function surveyItem(r: SurveyRecord): Item {
  return { kind: 'survey', key: `survey:${r.day}:${r.ticketId}`, data: r };
}

function alertItem(day: string, r: AlertRecord): Item {
  return { kind: 'alert', key: `alert:${day}:${r.id}`, data: r };
}
