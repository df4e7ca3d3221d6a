import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';
import type { Limits } from './limits.js';

/** A budget of `points` per `seconds` per key (rate-limiter-flexible's in-memory store: one process is enough). */
export function budget(points: number, seconds: number, keyPrefix: string): RateLimiterMemory {
  return new RateLimiterMemory({ points: Math.max(1, Math.round(points)), duration: Math.max(1, Math.round(seconds)), keyPrefix });
}

/** Takes points from a key's budget; answers how long to wait (seconds) when it is spent, else 0. */
export async function take(limiter: RateLimiterMemory, key: string, points = 1): Promise<number> {
  try {
    await limiter.consume(key, points);
    return 0;
  } catch (res) {
    if (res instanceof Error) throw res;
    return Math.max(1, Math.ceil((res as RateLimiterRes).msBeforeNext / 1000));
  }
}

/**
 * The process's own health, checked once a second: event-loop delay and heap. While either is
 * past its bound, work nobody authenticated (ticket pages, public reads) is refused with 503, so
 * staff, kiosks and boards keep their share of the server whatever a flood does.
 */
export class OverloadGuard {
  private readonly delay: IntervalHistogram;
  private readonly timer: NodeJS.Timeout;
  private shedding = false;
  /** Last second's p99 event-loop delay (ms) and heap share, for /api/health. */
  loopDelayMs = 0;
  heapRatio = 0;

  constructor(private readonly limits: Pick<Limits, 'heapShedRatio' | 'loopDelayShedMs'>) {
    this.delay = monitorEventLoopDelay({ resolution: 20 });
    this.delay.enable();
    this.timer = setInterval(() => this.check(), 1000);
    this.timer.unref();
  }

  private check(): void {
    this.loopDelayMs = this.delay.percentile(99) / 1e6;
    this.delay.reset();
    const heap = getHeapStatistics();
    this.heapRatio = heap.used_heap_size / heap.heap_size_limit;
    this.shedding = this.loopDelayMs > this.limits.loopDelayShedMs || this.heapRatio > this.limits.heapShedRatio;
  }

  get overloaded(): boolean {
    return this.shedding;
  }

  close(): void {
    clearInterval(this.timer);
    this.delay.disable();
  }
}
