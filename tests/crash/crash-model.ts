import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { dirOf, type DiskOp, type LogEntry } from './recording-disk.ts';

/** The folder a power cut may leave: file name (relative to the data folder) -> bytes; `key` names the content. */
export interface CrashState {
  files: Map<string, Buffer>;
  key: string;
  why: string;
}

type DataOp = Extract<DiskOp, { k: 'write' | 'truncate' }>;

/** Pending directory operations up to this many are tried in every subset; more, only as prefixes in order. */
const ALL_SUBSETS_UP_TO = 4;

/** The unit in which a file's unsynced data may reach the disk. */
const PAGE = 4096;

function apply(base: Buffer, op: DataOp): Buffer {
  if (op.k === 'truncate') {
    if (op.len <= base.length) return Buffer.from(base.subarray(0, op.len));
    const out = Buffer.alloc(op.len);
    base.copy(out);
    return out;
  }
  const out = Buffer.alloc(Math.max(base.length, op.pos + op.data.length));
  base.copy(out);
  op.data.copy(out, op.pos);
  return out;
}

function hash(b: Buffer): string {
  return createHash('sha1').update(b).digest('hex');
}

interface Variant {
  content: Buffer;
  why: string;
}

/**
 * The states a power cut may leave on a disk that promises no more than POSIX, in the manner of
 * ALICE (OSDI 2014): a file's bytes are durable up to its last fsync/fdatasync; of the writes after
 * it, none, a prefix, or all may have landed, and the last one that landed may be torn (cut short,
 * or with zeros where its tail should be). A directory entry (create, rename, unlink) is durable
 * once its folder was fsynced after it; before that it may or may not have happened, independently
 * of the others (every subset when few are pending, else every prefix in order).
 */
export class CrashModel {
  /** The content of an op's file right after that op (data ops only). */
  private readonly after = new Map<number, Buffer>();

  constructor(
    readonly log: LogEntry<unknown>[],
    private readonly root: string,
  ) {
    const content = new Map<number, Buffer>();
    log.forEach((op, i) => {
      if (op.k === 'create') content.set(op.ino, Buffer.alloc(0));
      if (op.k !== 'write' && op.k !== 'truncate') return;
      const next = apply(content.get(op.ino) ?? Buffer.alloc(0), op);
      content.set(op.ino, next);
      this.after.set(i, next);
    });
  }

  /** The folder as the running process saw it at the end: every operation landed. */
  latest(): Map<string, Buffer> {
    const all = this.log
      .map((_, i) => i)
      .filter((i) => {
        const op = this.log[i]!;
        return op.k !== 'mark' && dirOf(op as DiskOp) !== null;
      });
    const [ns] = this.namespaces(all, []);
    const content = new Map<number, Buffer>();
    this.log.forEach((op, i) => {
      if (op.k === 'create') content.set(op.ino, Buffer.alloc(0));
      if (this.after.has(i)) content.set((op as DataOp).ino, this.after.get(i)!);
    });
    return new Map([...ns!.names].map(([name, ino]) => [name.slice(this.root.length + 1), content.get(ino)!]));
  }

  /** Every state a power cut just before log entry `k` may leave, at most `cap` of them (spread evenly). */
  statesAt(k: number, cap = 48): CrashState[] {
    const files = new Map<number, { ops: number[]; durable: number }>();
    const dirs = new Map<string, { ops: number[]; durable: number }>();
    for (let i = 0; i < k; i++) {
      const op = this.log[i]!;
      if (op.k === 'write' || op.k === 'truncate') {
        const f = files.get(op.ino) ?? { ops: [], durable: 0 };
        f.ops.push(i);
        files.set(op.ino, f);
      } else if (op.k === 'sync') {
        const f = files.get(op.ino);
        if (f) f.durable = f.ops.length;
      } else if (op.k === 'fsyncDir') {
        const d = dirs.get(op.dir);
        if (d) d.durable = d.ops.length;
      } else if (op.k !== 'mark') {
        const dir = dirOf(op)!;
        const d = dirs.get(dir) ?? { ops: [], durable: 0 };
        d.ops.push(i);
        dirs.set(dir, d);
      }
    }
    const durable: number[] = [];
    const pending: number[] = [];
    for (const d of dirs.values()) {
      durable.push(...d.ops.slice(0, d.durable));
      pending.push(...d.ops.slice(d.durable));
    }
    pending.sort((a, b) => a - b);
    const namespaces = this.namespaces(durable, pending);
    const variants = new Map<number, Variant[]>();
    const variantsOf = (ino: number) => {
      let v = variants.get(ino);
      if (!v) variants.set(ino, (v = this.fileVariants(files.get(ino))));
      return v;
    };
    const out: CrashState[] = [];
    const perNs = Math.max(1, Math.ceil(cap / namespaces.length));
    for (const ns of namespaces) {
      const names = [...ns.names.keys()].sort();
      const lists = names.map((n) => variantsOf(ns.names.get(n)!));
      const total = lists.reduce((p, l) => p * l.length, 1);
      const picks =
        total <= perNs ? Array.from({ length: total }, (_, i) => i) : Array.from({ length: perNs }, (_, i) => Math.floor((i * (total - 1)) / (perNs - 1 || 1)));
      for (const pick of new Set(picks)) {
        let rest = pick;
        const state = new Map<string, Buffer>();
        const whys: string[] = [];
        const keys: string[] = [];
        names.forEach((name, i) => {
          const list = lists[i]!;
          const v = list[rest % list.length]!;
          rest = Math.floor(rest / list.length);
          const rel = name.slice(this.root.length + 1);
          state.set(rel, v.content);
          keys.push(`${rel}=${hash(v.content)}`);
          if (v.why) whys.push(`${basename(name)} ${v.why}`);
        });
        out.push({ files: state, key: keys.join('|'), why: [`crash before log entry ${k}`, ns.why, ...whys].filter(Boolean).join('; ') });
      }
    }
    return out;
  }

  /** The directory trees: durable entries, plus each allowed choice of the pending ones. */
  private namespaces(durable: number[], pending: number[]): { names: Map<string, number>; why: string }[] {
    const choices: number[][] = [];
    if (pending.length <= ALL_SUBSETS_UP_TO) {
      for (let mask = 0; mask < 1 << pending.length; mask++) choices.push(pending.filter((_, i) => mask & (1 << i)));
    } else {
      for (let j = 0; j <= pending.length; j++) choices.push(pending.slice(0, j));
    }
    return choices.map((chosen) => {
      const names = new Map<string, number>();
      for (const i of [...durable, ...chosen].sort((a, b) => a - b)) {
        const op = this.log[i]!;
        if (op.k === 'create') names.set(op.path, op.ino);
        else if (op.k === 'rename') {
          if (names.get(op.from) === op.ino) names.delete(op.from);
          names.set(op.to, op.ino);
        } else if (op.k === 'unlink' && names.get(op.path) === op.ino) names.delete(op.path);
      }
      const why = pending.length
        ? `${chosen.length} of ${pending.length} unsynced directory changes landed [${chosen.map((i) => this.describe(i)).join(', ')}]`
        : '';
      return { names, why };
    });
  }

  private describe(i: number): string {
    const op = this.log[i]!;
    if (op.k === 'rename') return `rename ${basename(op.from)} -> ${basename(op.to)}`;
    if (op.k === 'create' || op.k === 'unlink') return `${op.k} ${basename(op.path)}`;
    return op.k;
  }

  /** A file's possible contents: its synced bytes, then each prefix of the unsynced writes, the last one possibly torn. */
  private fileVariants(f: { ops: number[]; durable: number } | undefined): Variant[] {
    if (!f) return [{ content: Buffer.alloc(0), why: '' }];
    const base = f.durable ? this.after.get(f.ops[f.durable - 1]!)! : Buffer.alloc(0);
    const pending = f.ops.slice(f.durable);
    const out: Variant[] = [{ content: base, why: pending.length ? `kept none of ${pending.length} unsynced writes` : '' }];
    pending.forEach((idx, j) => {
      const prev = j ? this.after.get(pending[j - 1]!)! : base;
      out.push({ content: this.after.get(idx)!, why: `kept ${j + 1} of ${pending.length} unsynced writes` });
      const op = this.log[idx] as DataOp;
      if (op.k !== 'write') return;
      const len = op.data.length;
      const half = Math.floor(len / 2);
      for (const cut of new Set([1, half, len - 1])) {
        if (cut <= 0 || cut >= len) continue;
        out.push({
          content: apply(prev, { ...op, data: op.data.subarray(0, cut) }),
          why: `write ${j + 1} of ${pending.length} torn after ${cut} of ${len} bytes`,
        });
      }
      for (const cut of new Set([0, half])) {
        const data = Buffer.concat([op.data.subarray(0, cut), Buffer.alloc(len - cut)]);
        out.push({ content: apply(prev, { ...op, data }), why: `write ${j + 1} of ${pending.length} landed as ${cut} bytes then ${len - cut} zero bytes` });
      }
      // Pages of one write reach the disk in any order: one page of it missing (zeros), the rest landed.
      const firstPage = Math.floor(op.pos / PAGE) * PAGE;
      for (let page = firstPage; page < op.pos + len; page += PAGE) {
        const from = Math.max(page, op.pos) - op.pos;
        const to = Math.min(page + PAGE, op.pos + len) - op.pos;
        if (from === 0 && to === len) continue;
        const data = Buffer.from(op.data);
        data.fill(0, from, to);
        out.push({ content: apply(prev, { ...op, data }), why: `write ${j + 1} of ${pending.length} landed but for its page at ${page} (zeros)` });
      }
    });
    const seen = new Set<string>();
    return out.filter((v) => {
      const h = hash(v.content);
      if (seen.has(h)) return false;
      seen.add(h);
      return true;
    });
  }
}
