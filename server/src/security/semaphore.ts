import { AntreError } from '../contract/errors.js';

/**
 * At most `limit` tasks at once, at most `queue` waiting; more are refused at once (SERVER_BUSY)
 * instead of waiting without bound. Password hashing runs behind one, so a log-in flood keeps
 * its hashes on one of libuv's threads and leaves the others to the journal's writes.
 */
export class Semaphore {
  private active = 0;
  private waiting: (() => void)[] = [];

  constructor(private readonly limit: number, private readonly queue: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      if (this.waiting.length >= this.queue) throw new AntreError('SERVER_BUSY');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
