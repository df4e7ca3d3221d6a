/**
 * Counts failures per key in a sliding window; too many blocks the key until the window passes.
 * Kept beside rate-limiter-flexible (security/guard.ts, for request and event budgets) for counts
 * on the service clock, which tests and the simulated days move: log-in and pairing failures, and
 * the booking and contact routes of the visitor pages.
 */
export class RateLimiter {
  private fails = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.fails.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.fails.set(key, list);
    else this.fails.delete(key);
    return list;
  }

  blocked(key: string, now: number): boolean {
    return this.recent(key, now).length >= this.max;
  }

  retryAfter(key: string, now: number): number {
    const list = this.recent(key, now);
    return list.length ? Math.ceil((list[0]! + this.windowMs - now) / 1000) : 0;
  }

  fail(key: string, now: number): void {
    const list = this.recent(key, now);
    list.push(now);
    this.fails.set(key, list);
    if (this.fails.size > 10000) this.fails.delete(this.fails.keys().next().value!);
  }

  /** Takes back the newest failure of a key (an attempt counted up front that turned out right). */
  forgive(key: string): void {
    const list = this.fails.get(key);
    list?.pop();
    if (list && !list.length) this.fails.delete(key);
  }

  reset(key: string): void {
    this.fails.delete(key);
  }
}
