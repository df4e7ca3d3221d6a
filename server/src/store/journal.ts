import { readFileSync, existsSync, truncateSync } from 'node:fs';
import { dirname } from 'node:path';
import { disk, type DiskFile } from './disk.js';
import { CorruptDataError, type ShapeCheck } from './durable-file.js';

interface Pending {
  line: string;
  /** How many commands the record holds, counted toward compaction. */
  weight: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * An append-only file of JSON lines with group commit: records that arrive while a write is
 * in flight share the next write and its fdatasync. A record's promise resolves only once it
 * is on disk, in the order appended.
 *
 * Fails closed: a write that fails cuts the file back to its last acknowledged length, and the
 * journal then refuses every append until `recover()` has cut it back and synced it again. Writes
 * go to explicit positions of a file opened read-write (never O_APPEND), so nothing can land after
 * a torn tail that a truncate failed to remove.
 */
export class Journal {
  private fh: DiskFile | null = null;
  /** Bytes acknowledged: everything before this is on disk and was answered. */
  private size = 0;
  private queue: Pending[] = [];
  private flushing = false;
  private failure: ((err: unknown) => void) | null = null;
  /** Why the journal refuses appends, until recovered. */
  broken: unknown = null;
  /** Bytes of this file that were acknowledged: a reload while the journal is broken reads no further. */
  get acknowledgedSize(): number {
    return this.size;
  }

  /** Commands acknowledged in this file (a record may hold several). */
  lines = 0;

  constructor(readonly path: string) {}

  /** Opens for appending; appends made before it finishes wait for it. */
  open(onFailure: (err: unknown) => void): Promise<void> {
    this.failure = onFailure;
    this.opening = (async () => {
      const created = !existsSync(this.path);
      this.fh = await disk().open(this.path, 'append');
      this.size = await this.fh.size();
      // fdatasync makes a record durable, not the new file's name: without this a power cut can lose a whole new segment of acknowledged records.
      if (created) await disk().fsyncDir(dirname(this.path));
    })();
    return this.opening;
  }

  private opening: Promise<void> = Promise.resolve();

  append(record: unknown, weight = 1): Promise<void> {
    if (this.broken) return Promise.reject(this.broken);
    const line = JSON.stringify(record) + '\n';
    return new Promise((resolve, reject) => {
      this.queue.push({ line, weight, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  /** Waits for everything appended so far to be on disk. */
  async drain(): Promise<void> {
    while (this.flushing || this.queue.length) await new Promise((r) => setImmediate(r));
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length) {
      const batch = this.queue;
      this.queue = [];
      const buf = Buffer.from(batch.map((p) => p.line).join(''));
      try {
        await this.opening;
        if (!this.fh) throw new Error('journal is closed');
        let off = 0;
        while (off < buf.length) {
          const { bytesWritten } = await this.fh.write(buf, off, buf.length - off, this.size + off);
          off += bytesWritten;
        }
        await this.fh.datasync();
        this.size += buf.length;
        this.lines += batch.reduce((n, p) => n + p.weight, 0);
        batch.forEach((p) => p.resolve());
      } catch (err) {
        // Nothing of this batch counts: fail it and everything queued behind it, and refuse more until recovered.
        this.broken = err;
        const rest = this.queue;
        this.queue = [];
        await this.cutBack().catch(() => undefined);
        [...batch, ...rest].forEach((p) => p.reject(err));
        this.failure?.(err);
      }
    }
    this.flushing = false;
  }

  private async cutBack(): Promise<void> {
    if (!this.fh) return;
    await this.fh.truncate(this.size);
    await this.fh.datasync();
  }

  /** Cuts the file back to what was acknowledged and syncs it; on success appends are taken again. */
  async recover(): Promise<void> {
    await this.drain();
    await this.opening;
    await this.cutBack();
    this.broken = null;
  }

  async close(): Promise<void> {
    await this.drain();
    await this.fh?.close();
    this.fh = null;
  }

  /**
   * Reads a journal's records. A last line without its newline is an append cut by a crash,
   * never acknowledged: it is cut off and reported through `onRepair`. When `head` is given, such
   * a line must look like the start of a record (or be zero bytes a power cut left), so junk is
   * not mistaken for it. So is an unreadable last line with holes of zero bytes (looksHoled).
   * Anything else unreadable, or failing `check`, is corruption.
   */
  static readAll<T>(path: string, opts: { check?: ShapeCheck; head?: string; onRepair?: (message: string) => void; limit?: number } = {}): T[] {
    if (!existsSync(path)) return [];
    // `limit`: only the acknowledged length of a journal still open (bytes past it belong to a write that failed).
    const buf = opts.limit === undefined ? readFileSync(path) : readFileSync(path).subarray(0, opts.limit);
    const out: T[] = [];
    let start = 0;
    for (let lineNo = 1; start < buf.length; lineNo++) {
      const nl = buf.indexOf(10, start);
      const end = nl === -1 ? buf.length : nl;
      const line = buf.toString('utf8', start, end);
      let record: unknown;
      let problem: string | null = null;
      try {
        record = line === '' ? undefined : JSON.parse(line);
        if (record !== undefined) problem = opts.check?.(record) ?? null;
      } catch (err) {
        problem = (err as Error).message;
      }
      const last = nl === -1 || nl === buf.length - 1;
      const holed = last && problem !== null && looksHoled(buf.subarray(start, end), opts.head);
      if ((nl === -1 && (problem === null || looksTorn(buf.subarray(start), opts.head))) || holed) {
        truncateSync(path, start);
        opts.onRepair?.(
          `Journal ${path}: dropped its torn last line (line ${lineNo}, ${buf.length - start} bytes), a write cut by a crash before it was acknowledged; ${out.length} complete records kept.`,
        );
        break;
      }
      if (problem !== null) throw new CorruptDataError(path, `line ${lineNo}: ${problem}`);
      if (record !== undefined) out.push(record as T);
      start = nl + 1;
    }
    return out;
  }
}

/**
 * Whether a last line can be an append a power cut left with holes: its pages reach the disk in any
 * order, so some of it may be zero bytes while its newline landed. Such a line was never
 * acknowledged (its fdatasync would have filled the holes). Antre writes no control bytes, so junk
 * with them, or not starting like a record, is still corruption.
 */
function looksHoled(line: Buffer, head?: string): boolean {
  if (!line.includes(0) || line.some((b) => b !== 0 && b < 0x20)) return false;
  for (let i = 0; head !== undefined && i < Math.min(line.length, head.length) && line[i] !== 0; i++) {
    if (line[i] !== head.charCodeAt(i)) return false;
  }
  return true;
}

/** Whether an unterminated last line can be a cut append: the start of a record, possibly followed or replaced by zero bytes. */
function looksTorn(tail: Buffer, head?: string): boolean {
  if (head === undefined) return true;
  let end = tail.length;
  while (end > 0 && tail[end - 1] === 0) end--;
  const text = tail.subarray(0, end).toString('latin1');
  return text.startsWith(head) || head.startsWith(text);
}
