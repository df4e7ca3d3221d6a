import { promises as fsp, readFileSync, existsSync, truncateSync } from 'node:fs';
import { CorruptDataError } from './durable-file.js';

interface Pending {
  line: string;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * An append-only file of JSON lines with group commit: records that arrive while a write is
 * in flight share the next write and its fdatasync. A record's promise resolves only once it
 * is on disk, in the order appended.
 */
export class Journal {
  private fh: fsp.FileHandle | null = null;
  private size = 0;
  private queue: Pending[] = [];
  private flushing = false;
  private failure: ((err: unknown) => void) | null = null;
  lines = 0;

  constructor(readonly path: string) {}

  /** Opens for appending; appends made before it finishes wait for it. */
  open(onFailure: (err: unknown) => void): Promise<void> {
    this.failure = onFailure;
    this.opening = (async () => {
      this.fh = await fsp.open(this.path, 'a');
      this.size = (await this.fh.stat()).size;
    })();
    return this.opening;
  }

  private opening: Promise<void> = Promise.resolve();

  append(record: unknown): Promise<void> {
    const line = JSON.stringify(record) + '\n';
    return new Promise((resolve, reject) => {
      this.queue.push({ line, resolve, reject });
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
      let before = this.size;
      try {
        await this.opening;
        before = this.size;
        if (!this.fh) throw new Error('journal is closed');
        let off = 0;
        while (off < buf.length) {
          const { bytesWritten } = await this.fh.write(buf, off, buf.length - off, before + off);
          off += bytesWritten;
        }
        await this.fh.datasync();
        this.size = before + buf.length;
        this.lines += batch.length;
        batch.forEach((p) => p.resolve());
      } catch (err) {
        // Nothing of this batch counts: cut the file back, fail it and everything queued behind it.
        const rest = this.queue;
        this.queue = [];
        try {
          await this.fh?.truncate(before);
        } catch {
          /* the replay ignores a torn last line anyway */
        }
        [...batch, ...rest].forEach((p) => p.reject(err));
        this.failure?.(err);
      }
    }
    this.flushing = false;
  }

  async close(): Promise<void> {
    await this.drain();
    await this.fh?.close();
    this.fh = null;
  }

  /** Reads a journal's records; a torn last line (a write cut by a crash) is dropped and cut off, a torn middle is corruption. */
  static readAll<T>(path: string): T[] {
    if (!existsSync(path)) return [];
    const buf = readFileSync(path);
    const out: T[] = [];
    let start = 0;
    while (start < buf.length) {
      const nl = buf.indexOf(10, start);
      const end = nl === -1 ? buf.length : nl;
      const line = buf.toString('utf8', start, end);
      let record: T | undefined;
      try {
        record = line === '' ? undefined : (JSON.parse(line) as T);
      } catch (err) {
        if (nl === -1 || buf.indexOf(10, nl + 1) === -1 && buf.length === nl + 1) {
          truncateSync(path, start);
          break;
        }
        throw new CorruptDataError(path, `line ${out.length + 1}: ${(err as Error).message}`);
      }
      if (nl === -1) {
        // A complete record without its newline was never acknowledged: drop it too.
        truncateSync(path, start);
        break;
      }
      if (record !== undefined) out.push(record);
      start = nl + 1;
    }
    return out;
  }
}
