import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { HubEvent } from '../contract/hub.js';
import { disk } from '../store/disk.js';
import { CorruptDataError, isRecord, readJsonFileSync, writeFileDurable } from '../store/durable-file.js';
import { Journal } from '../store/journal.js';

/** The feed's own small document: its identity and how far the hub and the site's settings have come. */
export interface FeedMeta {
  format: 1;
  /** Random, made with the feed: one life of this site's sequence numbers. */
  feedId: string;
  createdAt: number;
  /** Highest sequence the hub has acknowledged (its nextSeq - 1): segments wholly below it may go. */
  acked: number;
  /** The hub settings version applied here (0: none). */
  configVersion: number;
  /** The newest settings version refused here, so it is not pulled and refused again and again. */
  refusedVersion: number;
}

interface Segment {
  first: number;
  last: number;
  /** Newest service day of its events. */
  maxDay: string;
  path: string;
}

/** Events per segment file: a week offline is read back one segment at a time, never all at once. */
export const SEGMENT_EVENTS = 5000;
const SEG_RE = /^feed\.(\d{12})\.jsonl$/;
/** Every event line starts so (HubEvent keys in this order): a torn last line is told from damage by it. */
const EVENT_HEAD = '{"seq":';

function eventProblem(v: unknown): string | null {
  if (!isRecord(v) || !Number.isInteger(v.seq) || typeof v.key !== 'string' || typeof v.kind !== 'string' || typeof v.day !== 'string')
    return 'not a feed event';
  return null;
}

function metaProblem(v: unknown): string | null {
  if (!isRecord(v) || v.format !== 1 || typeof v.feedId !== 'string') return 'not a hub feed document';
  for (const k of ['acked', 'configVersion', 'refusedVersion']) if (!Number.isInteger(v[k])) return `"${k}" is missing`;
  return null;
}

/**
 * The site's change feed on disk (`<venue data>/hub/`): `feed.json` (identity and progress) and
 * append-only segments `feed.<first seq>.jsonl`, one HubEvent per line, each appended and
 * fdatasynced (group commit) before it counts. Same durability rules as the day journal: a torn last
 * line is an append a crash cut before it was acknowledged and is dropped; anything else unreadable,
 * or a sequence that skips, refuses the feed.
 */
export class FeedStore {
  readonly dir: string;
  meta!: FeedMeta;
  private segments: Segment[] = [];
  private journal: Journal | null = null;
  private metaWrite: Promise<void> = Promise.resolve();
  /** Highest sequence acknowledged on disk, with every one before it. */
  durableSeq = 0;
  private inOrder: Promise<void> = Promise.resolve();
  private appendFailed: unknown = null;

  constructor(
    venueDataDir: string,
    private readonly onRepair: (message: string) => void = () => {},
    private readonly segmentEvents = SEGMENT_EVENTS,
  ) {
    this.dir = join(venueDataDir, 'hub');
  }

  private segPath(first: number): string {
    return join(this.dir, `feed.${String(first).padStart(12, '0')}.jsonl`);
  }

  private metaPath(): string {
    return join(this.dir, 'feed.json');
  }

  /**
   * Reads the feed, calling `each` for every event in order (the caller keeps what it needs), and
   * opens it for appending. A new feed gets its random id, written durably before any event.
   */
  async open(now: number, each: (e: HubEvent) => void): Promise<void> {
    await this.close();
    await this.inOrder;
    this.appendFailed = null;
    mkdirSync(this.dir, { recursive: true });
    const files = readdirSync(this.dir)
      .map((f) => SEG_RE.exec(f))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
    const meta = readJsonFileSync<FeedMeta>(this.metaPath(), metaProblem);
    if (!meta) {
      if (files.length) throw new CorruptDataError(this.metaPath(), 'missing, while the feed has events: the feed id is lost');
      this.meta = { format: 1, feedId: randomUUID(), createdAt: now, acked: 0, configVersion: 0, refusedVersion: 0 };
      await writeFileDurable(this.metaPath(), JSON.stringify(this.meta));
    } else this.meta = meta;
    this.segments = [];
    let expect = files[0] ?? this.meta.acked + 1;
    for (const [i, first] of files.entries()) {
      const path = this.segPath(first);
      if (first !== expect) {
        // Segments flush on their own: a power cut can keep a newer segment's records and lose the older one's
        // unsynced tail. Nothing past such a hole was ever durable in order, so none of it was sent: drop it; start-up
        // reconciliation emits those changes again.
        for (const f of files.slice(i)) await disk().unlink(this.segPath(f));
        await disk().fsyncDir(this.dir);
        this.onRepair(
          `Hub feed ${this.dir}: dropped ${files.length - i} segment(s) after a hole at ${expect} (a power cut during a segment switch); the day's changes are sent again.`,
        );
        break;
      }
      const events = Journal.readAll<HubEvent>(path, { check: eventProblem, head: EVENT_HEAD, onRepair: this.onRepair });
      let maxDay = '';
      for (const e of events) {
        if (e.seq !== expect) throw new CorruptDataError(path, `sequence ${e.seq} where ${expect} was due`);
        expect++;
        if (e.day > maxDay) maxDay = e.day;
        each(e);
      }
      this.segments.push({ first, last: expect - 1, maxDay, path });
    }
    this.durableSeq = expect - 1;
    const tail = this.segments.at(-1);
    if (!tail || tail.last - tail.first + 1 >= this.segmentEvents) await this.startSegment(this.durableSeq + 1);
    else {
      this.journal = new Journal(tail.path);
      await this.journal.open(() => {});
    }
  }

  /** Starts the segment whose first event is `first`; appends from now on go there. */
  private startSegment(first: number): Promise<void> {
    const seg: Segment = { first, last: first - 1, maxDay: '', path: this.segPath(first) };
    const old = this.journal;
    this.journal = new Journal(seg.path);
    this.segments.push(seg);
    const opened = this.journal.open(() => {});
    // Handled here as well: a failed open must not go unheard while the old segment is still closing.
    opened.catch(() => undefined);
    return (async () => {
      await old?.close();
      await opened;
    })();
  }

  /** Why appends are refused (a failed write), until recover(). */
  get broken(): unknown {
    return this.journal?.broken ?? this.appendFailed;
  }

  /**
   * Appends one event (its seq must follow the last appended); resolves once it and every event
   * before it are on disk, in sequence order, also across a segment switch (two files flush on
   * their own). After one append fails, none after it counts until the feed is opened again: the
   * durable sequence never runs past a hole.
   */
  append(e: HubEvent): Promise<void> {
    const j = this.journal;
    if (!j) return Promise.reject(new Error('feed is not open'));
    const seg = this.segments.at(-1)!;
    const written = j.append(e);
    // Taken up below only once the appends before it are done: a write refused meanwhile (a full
    // disk fails every queued line at once) would otherwise be an unhandled rejection, which ends
    // the process. Its failure still reaches `done` through the chain.
    written.catch(() => undefined);
    const done = this.inOrder
      .then(() => written)
      .then(() => {
        if (this.appendFailed) throw this.appendFailed;
        seg.last = Math.max(seg.last, e.seq);
        if (e.day > seg.maxDay) seg.maxDay = e.day;
        this.durableSeq = e.seq;
      });
    done.catch((err: unknown) => {
      this.appendFailed ??= err;
    });
    this.inOrder = done.catch(() => undefined);
    // Counted on queueing, so the next segment starts exactly after this one's events.
    // A segment that cannot be opened fails the appends made to it, which the feed recovers from.
    if (e.seq - seg.first + 1 >= this.segmentEvents) this.startSegment(e.seq + 1).catch(() => undefined);
    return done;
  }

  /** Events from `from` on (at most `max`), read from disk, only ones acknowledged there. */
  read(from: number, max: number): HubEvent[] {
    const out: HubEvent[] = [];
    for (const seg of this.segments) {
      if (seg.last < from || out.length >= max) continue;
      const open = this.journal?.path === seg.path;
      const events = Journal.readAll<HubEvent>(seg.path, { check: eventProblem, head: EVENT_HEAD, limit: open ? this.journal!.acknowledgedSize : undefined });
      for (const e of events) if (e.seq >= from && e.seq <= this.durableSeq && out.length < max) out.push(e);
    }
    return out;
  }

  /** The oldest sequence still on disk (what a resend can start from). */
  get oldestSeq(): number {
    return this.segments[0]?.first ?? this.durableSeq + 1;
  }

  /**
   * Drops segments the hub has acknowledged whole and whose events are all older than `keepDay`
   * (the days start-up reconciles against stay on disk). The open segment always stays.
   */
  async prune(keepDay: string): Promise<void> {
    let dropped = false;
    while (this.segments.length > 1) {
      const s = this.segments[0]!;
      if (s.last > this.meta.acked || s.maxDay >= keepDay || s.path === this.journal?.path) break;
      await disk()
        .unlink(s.path)
        .catch(() => undefined);
      this.segments.shift();
      dropped = true;
    }
    if (dropped)
      await disk()
        .fsyncDir(this.dir)
        .catch(() => undefined);
  }

  /**
   * Starts a new life of the feed: a new random id, sequences from 1, nothing of the old one kept
   * (the applied settings versions stay). For a hub that asks for events this site no longer holds.
   * Crash-safe in either half: old segments go first, so a restart finds the old feed without them
   * (and asks again) or the new one.
   */
  async reset(now: number): Promise<void> {
    await this.close();
    await this.inOrder;
    for (const s of this.segments)
      await disk()
        .unlink(s.path)
        .catch(() => undefined);
    await disk().fsyncDir(this.dir);
    this.segments = [];
    const old = this.meta;
    this.meta = { format: 1, feedId: randomUUID(), createdAt: now, acked: 0, configVersion: old.configVersion, refusedVersion: old.refusedVersion };
    await writeFileDurable(this.metaPath(), JSON.stringify(this.meta));
    await this.open(now, () => {});
  }

  /** Changes the feed document durably, one change at a time. */
  saveMeta(patch: Partial<Omit<FeedMeta, 'format' | 'feedId' | 'createdAt'>>): Promise<void> {
    const run = this.metaWrite.then(async () => {
      const next = { ...this.meta, ...patch };
      await writeFileDurable(this.metaPath(), JSON.stringify(next));
      this.meta = next;
    });
    this.metaWrite = run.catch(() => undefined);
    return run;
  }

  /** After a failed append: cut back to what was acknowledged (throws while the disk still refuses). */
  async recover(): Promise<void> {
    await this.journal?.recover();
  }

  async close(): Promise<void> {
    await this.metaWrite;
    await this.journal?.close();
    this.journal = null;
  }

  static exists(venueDataDir: string): boolean {
    return existsSync(join(venueDataDir, 'hub', 'feed.json'));
  }
}
