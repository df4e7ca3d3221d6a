import type { QueueService } from './queue-service.js';

/** Something the server does because time passed, not because anyone pressed a button. */
export type TimedTask = (now: number) => Promise<void> | void;

/**
 * Runs what time alone changes, every few seconds (settings.alertEvalSeconds), whatever page is
 * open: counters pausing at a scheduled break, then the alert rules. Tests and the simulated
 * clock call tick() after moving the clock instead of waiting.
 */
export class DayTicker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly tasks: TimedTask[] = [];

  constructor(
    private readonly queue: QueueService,
    private readonly onError: (err: unknown, what: string) => void,
  ) {}

  /** Adds a task run after the scheduled pauses on every tick. */
  add(task: TimedTask): void {
    this.tasks.push(task);
  }

  start(): void {
    const every = this.queue.venue.settings.alertEvalSeconds * 1000;
    this.timer = setInterval(() => void this.tick(), every);
    this.timer.unref();
  }

  /** One pass; a pass already running is waited for rather than run twice at once. */
  async tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        await this.queue.run((e, now) => e.scheduledPauses(now));
      } catch (err) {
        this.onError(err, 'scheduled breaks');
      }
      for (const task of this.tasks) {
        try {
          await task(this.queue.clock());
        } catch (err) {
          this.onError(err, 'timed task');
        }
      }
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Resolves once the pass in flight (if any) is done. */
  async idle(): Promise<void> {
    await this.running;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
