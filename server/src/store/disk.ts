import { promises as fsp } from 'node:fs';

/** An open data file: positional writes and the syncs durability rests on. */
export interface DiskFile {
  write(buf: Buffer, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  datasync(): Promise<void>;
  sync(): Promise<void>;
  truncate(length: number): Promise<void>;
  size(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Every write the stores make to the data folder goes through here: opening, positional writes,
 * syncs, truncates, renames and removals. One seam, so a test can record the exact sequence of
 * operations and build the disk states a power cut at any point of it may leave.
 */
export interface Disk {
  /** Opens for writing: 'append' keeps what the file holds (creating it when absent), 'replace' starts it empty. */
  open(path: string, how: 'append' | 'replace', mode?: number): Promise<DiskFile>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Makes a rename or a new file in a folder durable. */
  fsyncDir(dir: string): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
}

class NodeFile implements DiskFile {
  constructor(private readonly fh: fsp.FileHandle) {}
  write(buf: Buffer, offset: number, length: number, position: number) {
    return this.fh.write(buf, offset, length, position);
  }
  datasync() {
    return this.fh.datasync();
  }
  sync() {
    return this.fh.sync();
  }
  truncate(length: number) {
    return this.fh.truncate(length);
  }
  async size() {
    return (await this.fh.stat()).size;
  }
  close() {
    return this.fh.close();
  }
}

/** The real file system. Files are opened read-write, never O_APPEND: a write lands exactly where the writer says, also after a truncate. */
export const nodeDisk: Disk = {
  async open(path, how, mode = 0o644) {
    return new NodeFile(
      await fsp.open(path, how === 'append' ? 'a+' : 'w', mode).then(async (fh) => {
        if (how === 'replace') return fh;
        // 'a+' creates the file when absent; reopen it read-write so writes go where they are aimed.
        await fh.close();
        return fsp.open(path, 'r+');
      }),
    );
  },
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
  async fsyncDir(dir) {
    const fh = await fsp.open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  },
  chmod: (path, mode) => fsp.chmod(path, mode),
};

let current: Disk = nodeDisk;

/** The disk the stores write through. */
export function disk(): Disk {
  return current;
}

/** Swaps the disk the stores write through (a recording one in the crash-state test); returns the previous one. */
export function useDisk(d: Disk): Disk {
  const prev = current;
  current = d;
  return prev;
}
