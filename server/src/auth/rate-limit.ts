/**
 * Counts failures per key in a sliding window; too many blocks the key until the window passes.
 * Kept beside rate-limiter-flexible (security/guard.ts) for budgets counted on the service clock,
 * which the simulated days move: the booking and contact routes of the visitor pages.
 */
export class RateLimiter {
  private fails = new Map<string, number[]>();

  constructor(private readonly max: number, private readonly windowMs: number) {}

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

  reset(key: string): void {
    this.fails.delete(key);
  }
}
