import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Low } from 'lowdb';
import type { AlertRecord } from '../contract/alert-records.js';
import { copyOnWrite, DurableJSONFile, isRecord, readJsonFileSync } from './durable-file.js';

interface AlertDoc {
  format: 1;
  day: string;
  records: AlertRecord[];
}

/**
 * The day's alerts with when they began, who acknowledged them and when they ended: one document
 * per service day (alerts/YYYY-MM-DD.json), written durably before anyone is told.
 */
export class AlertStore {
  private db: Low<AlertDoc> | null = null;
  /** Changes to the open day's document: written first, then shown (memory never ahead of the disk). */
  private change: (<R>(fn: (copy: AlertDoc) => R) => Promise<R>) | null = null;
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'alerts');
    mkdirSync(this.dir, { recursive: true });
  }

  get day(): string | null {
    return this.db?.data.day ?? null;
  }

  /** Opens a day's document (a new day starts empty). */
  async open(day: string): Promise<void> {
    const file = new DurableJSONFile<AlertDoc>(this.path(day), problem(day));
    const db = new Low<AlertDoc>(file, { format: 1, day, records: [] });
    await db.read();
    this.db = db;
    this.change = copyOnWrite(
      file,
      () => db.data,
      (doc) => {
        db.data = doc;
      },
    );
  }

  records(): readonly AlertRecord[] {
    return this.db?.data.records ?? [];
  }

  /** A past day's (or today's) records, for the history and the accountability record. */
  history(day: string): AlertRecord[] {
    if (day === this.day) return [...this.records()];
    return readJsonFileSync<AlertDoc>(this.path(day), problem(day))?.records ?? [];
  }

  /**
   * Resolves once the records are on disk, and only then are they the store's records; a failed
   * write (STORAGE_FAILED) leaves the records as they were, so nobody is told of an alert the
   * disk does not hold.
   */
  async save(records: AlertRecord[]): Promise<void> {
    if (!this.change) throw new Error('alert store not open');
    await this.change((doc) => {
      doc.records = records;
    });
  }

  private path(day: string): string {
    return join(this.dir, `${day}.json`);
  }
}

function problem(day: string) {
  return (v: unknown): string | null => {
    if (!isRecord(v) || v.format !== 1) return 'not an alert document';
    if (v.day !== day) return `holds the day ${JSON.stringify(v.day)}, not ${day}`;
    return Array.isArray(v.records) ? null : '"records" is not a list';
  };
}
