import { dirname } from 'node:path';
import { nodeDisk, type Disk, type DiskFile } from '../../server/src/store/disk.ts';

/**
 * One step of what the stores asked of the disk, in order. Files are inodes (`ino`): a name is a
 * directory entry that points at one, so a rename moves the entry and the data goes with it.
 */
export type DiskOp =
  | { k: 'create'; path: string; ino: number }
  | { k: 'write'; ino: number; pos: number; data: Buffer }
  | { k: 'truncate'; ino: number; len: number }
  | { k: 'sync'; ino: number }
  | { k: 'rename'; from: string; to: string; ino: number }
  | { k: 'unlink'; path: string; ino: number }
  | { k: 'fsyncDir'; dir: string };

/** A disk step, or a moment the test marks in the same sequence (a command answered or refused). */
export type LogEntry<M> = DiskOp | { k: 'mark'; mark: M };

export interface RecordingOptions {
  /** Forward and record no datasync: the model of a journal that never flushes (the test's self-check). */
  dropDatasync?: boolean;
}

/**
 * A Disk over the real one (nodeDisk) that records every operation with its data. A write is
 * logged when asked (it may reach the disk from then on), a sync or directory fsync when it has
 * returned (only then is anything promised). It can also fail one write with ENOSPC after writing
 * half of it, as a disk that fills up mid-write does.
 */
export class RecordingDisk<M> implements Disk {
  readonly log: LogEntry<M>[] = [];
  /** Where each name points now, mirroring the real folder. */
  private readonly names = new Map<string, number>();
  private nextIno = 1;
  private failing: { match: RegExp; skip: number } | null = null;
  failedWrites = 0;

  constructor(private readonly opts: RecordingOptions = {}) {}

  /** After `skip` more writes to files whose name matches, the next one fails: half written, then ENOSPC. */
  failWrite(match: RegExp, skip = 0): void {
    this.failing = { match, skip };
  }

  /** @internal Whether this write is the one to fail. */
  failsNow(path: string): boolean {
    if (!this.failing?.match.test(path)) return false;
    if (this.failing.skip-- > 0) return false;
    this.failing = null;
    this.failedWrites++;
    return true;
  }

  mark(mark: M): void {
    this.log.push({ k: 'mark', mark });
  }

  private create(path: string): number {
    const ino = this.nextIno++;
    this.names.set(path, ino);
    this.log.push({ k: 'create', path, ino });
    return ino;
  }

  async open(path: string, how: 'append' | 'replace', mode?: number): Promise<DiskFile> {
    let ino = this.names.get(path);
    if (ino === undefined) ino = this.create(path);
    else if (how === 'replace') this.log.push({ k: 'truncate', ino, len: 0 });
    return new RecordingFile(this, path, ino, await nodeDisk.open(path, how, mode));
  }

  async rename(from: string, to: string): Promise<void> {
    const ino = this.names.get(from);
    if (ino === undefined) throw new Error(`recording disk: rename of unknown ${from}`);
    this.log.push({ k: 'rename', from, to, ino });
    this.names.delete(from);
    this.names.set(to, ino);
    await nodeDisk.rename(from, to);
  }

  async unlink(path: string): Promise<void> {
    const ino = this.names.get(path);
    if (ino !== undefined) {
      this.log.push({ k: 'unlink', path, ino });
      this.names.delete(path);
    }
    await nodeDisk.unlink(path);
  }

  async fsyncDir(dir: string): Promise<void> {
    await nodeDisk.fsyncDir(dir);
    this.log.push({ k: 'fsyncDir', dir });
  }

  chmod(path: string, mode: number): Promise<void> {
    return nodeDisk.chmod(path, mode);
  }

  /** @internal */
  record(op: DiskOp): void {
    this.log.push(op);
  }

  /** @internal */
  get dropDatasync(): boolean {
    return !!this.opts.dropDatasync;
  }
}

class RecordingFile<M> implements DiskFile {
  private full = false;

  constructor(
    private readonly d: RecordingDisk<M>,
    private readonly path: string,
    private readonly ino: number,
    private readonly real: DiskFile,
  ) {}

  async write(buf: Buffer, offset: number, length: number, position: number) {
    if (this.full) {
      this.full = false;
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    }
    if (this.d.failsNow(this.path)) {
      this.full = true;
      length = Math.max(1, Math.floor(length / 2));
    }
    this.d.record({ k: 'write', ino: this.ino, pos: position, data: Buffer.from(buf.subarray(offset, offset + length)) });
    return this.real.write(buf, offset, length, position);
  }

  async datasync() {
    if (this.d.dropDatasync) return;
    await this.real.datasync();
    this.d.record({ k: 'sync', ino: this.ino });
  }

  async sync() {
    await this.real.sync();
    this.d.record({ k: 'sync', ino: this.ino });
  }

  async truncate(length: number) {
    this.d.record({ k: 'truncate', ino: this.ino, len: length });
    await this.real.truncate(length);
  }

  size() {
    return this.real.size();
  }

  close() {
    return this.real.close();
  }
}

/** The folder a directory operation changes. */
export function dirOf(op: DiskOp): string | null {
  if (op.k === 'create' || op.k === 'unlink') return dirname(op.path);
  if (op.k === 'rename') return dirname(op.to);
  return null;
}
