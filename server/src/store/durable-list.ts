import { join } from 'node:path';
import { AntreError } from '../contract/errors.js';
import { DurableJSONFile, isRecord, readJsonFileSync } from './durable-file.js';

interface ListDoc<T> {
  format: 1;
  items: T[];
}

/**
 * A small list of records in one JSON file (bookings): each change is written (temp, fsync,
 * rename, fsync of the folder) before readers see it, one change at a time; a failed write
 * changes nothing and answers STORAGE_FAILED.
 */
export class DurableList<T extends { id: string }> {
  private readonly file: DurableJSONFile<ListDoc<T>>;
  private readonly path: string;
  private doc: ListDoc<T> = { format: 1, items: [] };
  private byId = new Map<string, T>();
  private lock: Promise<unknown> = Promise.resolve();

  constructor(
    dir: string,
    name: string,
    private readonly valid: (item: unknown) => boolean,
  ) {
    this.path = join(dir, name);
    this.file = new DurableJSONFile(this.path, (v) => this.problem(v));
  }

  private problem(v: unknown): string | null {
    if (!isRecord(v) || v.format !== 1 || !Array.isArray(v.items)) return 'not a list document';
    return v.items.every(this.valid) ? null : 'an item is not of the expected shape';
  }

  async load(): Promise<void> {
    this.doc = readJsonFileSync<ListDoc<T>>(this.path, (v) => this.problem(v)) ?? { format: 1, items: [] };
    this.byId = new Map(this.doc.items.map((x) => [x.id, x]));
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  all(): readonly T[] {
    return this.doc.items;
  }

  /** Runs `fn` on a copy of the list; what it returns is written, then becomes the list. */
  change<R>(fn: (items: T[]) => { items: T[]; value: R }): Promise<R> {
    const run = async () => {
      const { items, value } = fn(this.doc.items.map((x) => ({ ...x })));
      const doc: ListDoc<T> = { format: 1, items };
      try {
        await this.file.write(doc);
      } catch (err) {
        throw new AntreError('STORAGE_FAILED', { cause: (err as NodeJS.ErrnoException).code ?? 'EIO' });
      }
      this.doc = doc;
      this.byId = new Map(items.map((x) => [x.id, x]));
      return value;
    };
    const next = this.lock.then(run, run);
    this.lock = next.catch(() => undefined);
    return next;
  }
}
