import { AntreError } from '../contract/errors.js';

/**
 * At most `limit` tasks at once, at most `queue` waiting; more are refused at once (SERVER_BUSY)
 * instead of waiting without bound. Password hashing runs behind one, so a log-in flood keeps
 * its hashes on one of libuv's threads and leaves the others to the journal's writes.
 */
export class Semaphore {
  private active = 0;
  private waiting: (() => void)[] = [];
  private lastStart = -Infinity;

  /** `paceMs`: the least time between two task starts, so CPU-heavy tasks take at most a share of a core. */
  constructor(
    private readonly limit: number,
    private readonly queue: number,
    private readonly paceMs = 0,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      if (this.waiting.length >= this.queue) throw new AntreError('SERVER_BUSY');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.active++;
    try {
      const wait = this.lastStart + this.paceMs - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      this.lastStart = performance.now();
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
