import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Low } from 'lowdb';
import type { Change, DayDoc, StoredDayDoc } from '../engine/state.js';
import { CorruptDataError, DurableJSONFile, fsyncDir, isRecord, readJsonFileSync, writeFileDurable } from './durable-file.js';
import { disk } from './disk.js';
import { Journal } from './journal.js';

/** The snapshot document: the day as of the start of journal segment `segment`. */
export interface DaySnapshot extends DayDoc {
  format: 1;
  segment: number;
}

export interface JournalRecord {
  c: Change[];
}

/** What every journal line starts with (JSON.stringify of a JournalRecord). */
const RECORD_HEAD = '{"c":[';

function recordProblem(v: unknown): string | null {
  if (!isRecord(v) || !Array.isArray(v.c)) return 'not a journal record';
  return v.c.every((c) => isRecord(c) && typeof c.t === 'string') ? null : 'a change in the record is not readable';
}

function snapshotProblem(day: string): (v: unknown) => string | null {
  return (v) => {
    if (!isRecord(v)) return 'not a day document';
    if (v.format !== 1) return `unknown format ${JSON.stringify(v.format)}`;
    if (v.day !== day) return `holds the day ${JSON.stringify(v.day)}, not ${day}`;
    for (const k of ['tickets', 'counters', 'services', 'calls']) if (!Array.isArray(v[k])) return `"${k}" is missing or not a list`;
    if (!isRecord(v.seq)) return '"seq" is missing';
    if (!Number.isInteger(v.segment) || (v.segment as number) < 0) return '"segment" is missing';
    return null;
  };
}

/** Reports a repair the store made while reading (a torn journal tail); the default prints a process warning. */
export type StoreNotice = (message: string) => void;

const warn: StoreNotice = (message) => process.emitWarning(message, { code: 'ANTRE_DATA_REPAIRED' });

const DAY_RE = /^(\d{4}-\d{2}-\d{2})\.json$/;
const SEG_RE = /^(\d{4}-\d{2}-\d{2})\.journal\.(\d+)$/;

/**
 * One service day on disk: a lowdb snapshot document plus fsynced append-only journal
 * segments. A command costs one append whatever the size of the day; the snapshot is
 * rewritten only when a segment grows past `compactEvery` records.
 */
export class DayStore {
  private journal: Journal | null = null;
  private segment = 0;
  private compacting: Promise<void> | null = null;

  constructor(
    readonly dir: string,
    private readonly compactEvery = 10000,
    private readonly notice: StoreNotice = warn,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  private snapshotPath(day: string): string {
    return join(this.dir, `${day}.json`);
  }

  private segmentPath(day: string, n: number): string {
    return join(this.dir, `${day}.journal.${n}`);
  }

  private segments(day: string): number[] {
    return readdirSync(this.dir)
      .map((f) => SEG_RE.exec(f))
      .filter((m): m is RegExpExecArray => !!m && m[1] === day)
      .map((m) => Number(m[2]))
      .sort((a, b) => a - b);
  }

  /** Every day that has data, oldest first. */
  days(): string[] {
    const set = new Set<string>();
    for (const f of readdirSync(this.dir)) {
      const m = DAY_RE.exec(f) ?? SEG_RE.exec(f);
      if (m) set.add(m[1]!);
    }
    return [...set].sort();
  }

  /** The snapshot and the changes recorded after it: what the day was when last acknowledged. */
  read(day: string): { snapshot: DaySnapshot | null; batches: Change[][] } {
    const snapshot = readJsonFileSync<DaySnapshot>(this.snapshotPath(day), snapshotProblem(day));
    const from = snapshot?.segment ?? 0;
    const segs = this.segments(day).filter((n) => n >= from);
    // Segments run on from the day document without a gap; a missing piece would silently lose tickets.
    segs.forEach((n, i) => {
      if (n === from + i) return;
      if (!snapshot && i === 0)
        throw new CorruptDataError(
          this.snapshotPath(day),
          `missing: the journal starts at segment ${n}, so the day document holding everything before it is gone`,
        );
      throw new CorruptDataError(this.segmentPath(day, from + i), `missing: the day goes on in segment ${n}`);
    });
    const batches: Change[][] = [];
    for (const n of segs) {
      const path = this.segmentPath(day, n);
      // The open segment is read up to what it acknowledged: a failed write whose cut-back also failed may have left a whole refused record after it.
      const limit = this.journal?.path === path && this.journal.broken ? this.journal.acknowledgedSize : undefined;
      const records = Journal.readAll<JournalRecord>(path, { check: recordProblem, head: RECORD_HEAD, onRepair: this.notice, limit });
      for (const r of records) batches.push(r.c);
    }
    return { snapshot, batches };
  }

  /** Starts appending to a day's journal (after read() replayed it). */
  async open(day: string, onFailure: (err: unknown) => void): Promise<void> {
    await this.close();
    const segs = this.segments(day);
    const snap = readJsonFileSync<DaySnapshot>(this.snapshotPath(day), snapshotProblem(day));
    this.segment = Math.max(segs.at(-1) ?? 0, snap?.segment ?? 0);
    this.journal = new Journal(this.segmentPath(day, this.segment));
    await this.journal.open(onFailure);
    this.onFailure = onFailure;
    this.day = day;
    await fsyncDir(this.dir);
  }

  /** Why appends are refused (a write failed), or null while the journal takes them. */
  get broken(): unknown {
    return this.journal?.broken ?? null;
  }

  /** Proves the folder takes a synced write of a useful size again (after a full disk), leaving nothing behind. */
  async probe(): Promise<void> {
    const path = join(this.dir, '.write-probe');
    await writeFileDurable(path, ' '.repeat(64 * 1024));
    await disk().unlink(path);
  }

  /** After a failed write: cuts the journal back to what was acknowledged; throws while the disk still refuses. */
  async recover(): Promise<void> {
    if (!this.journal) throw new Error('day store is not open');
    await this.journal.recover();
  }

  private onFailure: (err: unknown) => void = () => {};
  private day = '';

  /** Resolves once the changes are on disk; `commands` is how many commands they hold, counted toward compaction. */
  append(changes: Change[], commands = 1): Promise<void> {
    if (!this.journal) return Promise.reject(new Error('day store is not open'));
    return this.journal.append({ c: changes } satisfies JournalRecord, commands);
  }

  /** Whether the current segment is due for compaction. */
  get due(): boolean {
    return !this.compacting && (this.journal?.lines ?? 0) >= this.compactEvery;
  }

  /**
   * Folds the journal into the lowdb snapshot: switch to a new segment, write the state as of
   * the switch, then drop the old segments. `doc` must be taken at the moment of the call.
   */
  compact(doc: DayDoc | StoredDayDoc): Promise<void> {
    if (this.compacting) return this.compacting;
    // Synchronous up to the first await: appends from here on land in the new segment.
    const run = async () => {
      const day = this.day;
      const old = this.journal;
      this.segment += 1;
      this.journal = new Journal(this.segmentPath(day, this.segment));
      const opened = this.journal.open(this.onFailure);
      await old?.close();
      await opened;
      // Written in pieces: the doc holds the day's immutable tickets as of the switch, so it may be read over many turns.
      // (A StoredDayDoc writes as the same JSON as a DayDoc: its packed tickets unpack in JSON.stringify.)
      const db = new Low<(DayDoc | StoredDayDoc) & Pick<DaySnapshot, 'format' | 'segment'>>(new DurableJSONFile(this.snapshotPath(day), undefined, true), {
        ...doc,
        format: 1,
        segment: this.segment,
      });
      db.data = { ...doc, format: 1, segment: this.segment };
      await db.write();
      // The segment before this snapshot stays until the next compaction: a copy of the folder taken
      // while this one runs may hold the previous snapshot, which needs it (a backup is a copy).
      // Asynchronously: a directory fsync can wait on the disk for a long moment, and commands must not.
      for (const n of this.segments(day)) if (n < this.segment - 1) await disk().unlink(this.segmentPath(day, n));
      await fsyncDir(this.dir);
    };
    this.compacting = run().finally(() => {
      this.compacting = null;
    });
    return this.compacting;
  }

  async close(): Promise<void> {
    if (this.compacting) await this.compacting.catch(() => {});
    await this.journal?.close();
    this.journal = null;
  }
}
