// File transport: each job becomes <dir>/<timestamp>-<id>.bin, written durably (temp file, fsync, rename).
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { PrinterStatus, PrinterTransport, PrintJobMeta } from '../types.js';
import { toPrinterError } from '../errors.js';
import { writeOnlyStatus } from '../status/status-bytes.js';

/** Sortable, filename-safe UTC timestamp: 2026-11-28T01-41-00-000Z. */
function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}

function safeId(id: string | undefined): string {
  const cleaned = (id ?? '').replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 64);
  return cleaned || randomBytes(4).toString('hex');
}

export class FileTransport implements PrinterTransport {
  readonly uri: string;
  private lastWriteOk: boolean | undefined;
  private lastError: string | undefined;
  /** Path of the most recent job file. */
  lastFile: string | undefined;

  constructor(readonly dir: string) {
    this.uri = `file:${dir}`;
  }

  /** Writes the job so that a crash never leaves a half-written .bin behind (fsync, then atomic rename). */
  async print(bytes: Buffer, job?: PrintJobMeta): Promise<void> {
    const name = `${stamp(Date.now())}-${safeId(job?.id)}.bin`;
    const final = path.join(this.dir, name);
    const temp = path.join(this.dir, `.${name}.${randomBytes(3).toString('hex')}.tmp`);
    try {
      await mkdir(this.dir, { recursive: true });
      const fh = await open(temp, 'wx');
      try {
        await fh.writeFile(bytes);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(temp, final);
      const dirHandle = await open(this.dir, 'r');
      try {
        await dirHandle.sync(); // persist the rename itself
      } catch {
        // some filesystems refuse fsync on directories; the file data is already synced
      } finally {
        await dirHandle.close();
      }
      this.lastFile = final;
      this.lastWriteOk = true;
      this.lastError = undefined;
    } catch (err) {
      await rm(temp, { force: true }).catch(() => undefined);
      const e = toPrinterError(err, `printer ${this.uri}`);
      this.lastWriteOk = false;
      this.lastError = e.message;
      throw e;
    }
  }

  /** A directory cannot report paper; online once a job has been written. */
  async status(): Promise<PrinterStatus> {
    return writeOnlyStatus(this.lastWriteOk, this.lastError);
  }

  async close(): Promise<void> {
    // nothing held open between jobs
  }
}
