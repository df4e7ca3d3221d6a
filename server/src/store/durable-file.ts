import { readFileSync } from 'node:fs';
import { disk } from './disk.js';
import { AntreError } from '../contract/errors.js';
import { dirname, basename, join } from 'node:path';
import type { Adapter } from 'lowdb';

/** A data file that cannot be read back as what was written: refuse, never start empty. */
export class CorruptDataError extends Error {
  constructor(
    readonly path: string,
    cause: string,
  ) {
    super(
      `Data file ${path} is damaged (${cause}). Antre will not start on a damaged file: restore it from a backup copy of the data folder, or move it aside to start that day empty.`,
    );
  }
}

/** Checks the shape of a parsed data file: null when it is what Antre writes, else what is wrong. */
export type ShapeCheck = (value: unknown) => string | null;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

let tmpCounter = 0;

/**
 * JSON.stringify(value), exactly, as a series of pieces: the items of every top-level array
 * longer than `chunk` are written `chunk` at a time. A day of 20,000 tickets then never becomes
 * one string of many megabytes, and the event loop serves requests between the pieces. The
 * caller must not change `value` until the pieces are consumed (the day document is a snapshot
 * of immutable records).
 */
export function* jsonPieces(value: unknown, chunk = 200): Generator<string> {
  if (!isRecord(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    yield JSON.stringify(value);
    return;
  }
  let first = true;
  yield '{';
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    const head = `${first ? '' : ','}${JSON.stringify(k)}:`;
    first = false;
    if (!Array.isArray(v) || v.length <= chunk) {
      yield head + JSON.stringify(v);
      continue;
    }
    yield `${head}[`;
    for (let i = 0; i < v.length; i += chunk) {
      const items = v.slice(i, i + chunk).map((x: unknown) => JSON.stringify(x) ?? 'null');
      yield (i ? ',' : '') + items.join(',');
    }
    yield ']';
  }
  yield '}';
}

/**
 * A file written in pieces is flushed to the disk every this many bytes. The journal's fdatasync,
 * which every command waits for, then never queues behind megabytes of a day document at once:
 * at most this much is being flushed when it comes.
 */
export const FLUSH_EVERY_BYTES = 1 << 20;

/**
 * Writes a file so that a crash leaves either the old or the new content: temp, fsync, rename, fsync dir.
 * `mode` is the new file's permission (0o600 for files that hold secrets).
 */
export async function writeFileDurable(path: string, content: string | Iterable<string>, mode = 0o644): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${tmpCounter++}.tmp`);
  const d = disk();
  const fh = await d.open(tmp, 'replace', mode);
  try {
    try {
      let pos = 0;
      let unflushed = 0;
      for (const piece of typeof content === 'string' ? [content] : content) {
        const buf = Buffer.from(piece);
        for (let off = 0; off < buf.length;) {
          const { bytesWritten } = await fh.write(buf, off, buf.length - off, pos);
          off += bytesWritten;
          pos += bytesWritten;
          unflushed += bytesWritten;
        }
        if (unflushed >= FLUSH_EVERY_BYTES) {
          await fh.datasync();
          unflushed = 0;
        }
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    await d.rename(tmp, path);
  } catch (err) {
    // A failed write (disk full) must not leave its half-written temp file taking up the space.
    await d.unlink(tmp).catch(() => undefined);
    throw err;
  }
  await d.fsyncDir(dirname(path));
}

/** Makes a rename or a new file in a folder durable. */
export function fsyncDir(dir: string): Promise<void> {
  return disk().fsyncDir(dir);
}

/** Reads a JSON data file; null when absent, CorruptDataError when unreadable or not of the expected shape. */
export function readJsonFileSync<T>(path: string, check?: ShapeCheck): T | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new CorruptDataError(path, text.length === 0 ? 'the file is empty' : (err as Error).message);
  }
  const problem = check?.(value);
  if (problem) throw new CorruptDataError(path, problem);
  return value as T;
}

/**
 * lowdb adapter with the durability lowdb's own JSONFile lacks (it renames without fsync):
 * every write is temp + fsync + rename + directory fsync; concurrent writes coalesce.
 */
export class DurableJSONFile<T> implements Adapter<T> {
  private writing: Promise<void> | null = null;
  private next: { data: T; waiters: { resolve: () => void; reject: (e: unknown) => void }[] } | null = null;

  /** `pieces`: write in pieces (jsonPieces) for a large document that is not changed while written. */
  constructor(
    readonly path: string,
    private readonly check?: ShapeCheck,
    private readonly pieces = false,
    private readonly mode = 0o644,
  ) {}

  async read(): Promise<T | null> {
    return readJsonFileSync<T>(this.path, this.check);
  }

  write(data: T): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.next) {
        this.next.data = data;
        this.next.waiters.push({ resolve, reject });
      } else this.next = { data, waiters: [{ resolve, reject }] };
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.next) {
      const batch = this.next;
      this.next = null;
      this.writing = writeFileDurable(this.path, this.pieces ? jsonPieces(batch.data) : JSON.stringify(batch.data), this.mode);
      try {
        await this.writing;
        batch.waiters.forEach((w) => w.resolve());
      } catch (err) {
        batch.waiters.forEach((w) => w.reject(err));
      }
    }
    this.writing = null;
  }
}

/**
 * Changes to a small document, one at a time: each is made on a copy, written durably, and only
 * then becomes the document. Memory is never ahead of the disk, and a failed write
 * (STORAGE_FAILED) changes nothing, also for the change queued behind it.
 */
export function copyOnWrite<T>(file: DurableJSONFile<T>, get: () => T, set: (doc: T) => void): <R>(fn: (copy: T) => R) => Promise<R> {
  let chain: Promise<unknown> = Promise.resolve();
  return <R>(fn: (copy: T) => R): Promise<R> => {
    const run = chain.then(async () => {
      const next = structuredClone(get());
      const out = fn(next);
      try {
        await file.write(next);
      } catch (err) {
        throw new AntreError('STORAGE_FAILED', { cause: (err as NodeJS.ErrnoException).code ?? 'EIO' });
      }
      set(next);
      return out;
    });
    chain = run.catch(() => undefined);
    return run;
  };
}
