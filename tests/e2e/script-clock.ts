/**
 * The browser day's own clock: the script's visitors and officers wait on it, never on a bare
 * timer. It runs with real time while any of them is busy for real (tapping, waiting for a screen
 * to show a call), so their work overlaps as in the hall; once every one of them waits on the
 * clock, nothing can happen until the earliest wake-up, and the clock jumps there at once. The
 * hour then takes the time the screens need, not the hour's length.
 */
export class ScriptClock {
  private readonly began = performance.now();
  /** Simulated time skipped so far (ms). */
  private skipped = 0;
  /** Tasks of the script that are not waiting on the clock. */
  private busy = 0;
  private sleepers: { at: number; seq: number; wake: () => void }[] = [];
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  /** Simulated milliseconds since the hour began. */
  now(): number {
    return performance.now() - this.began + this.skipped;
  }

  /** Runs one actor of the script; the clock never skips while it is busy. */
  task<T>(fn: () => Promise<T>): Promise<T> {
    this.busy++;
    return fn().finally(() => {
      this.busy--;
      this.arm();
    });
  }

  /** Waits `ms` simulated milliseconds (only inside a task). */
  sleep(ms: number): Promise<void> {
    return new Promise<void>((wake) => {
      this.sleepers.push({ at: this.now() + Math.max(0, ms), seq: this.seq++, wake });
      this.busy--;
      this.arm();
    });
  }

  /** Waits until simulated time `at`. */
  until(at: number): Promise<void> {
    return this.sleep(at - this.now());
  }

  /** Wakes whoever is due; if everyone waits, skips to the earliest wake-up; else sets a timer for it. */
  private arm(): void {
    clearTimeout(this.timer);
    if (this.checking) return;
    this.checking = true;
    // After the callbacks already queued: a task that was just woken may be about to go on.
    setImmediate(() => {
      this.checking = false;
      if (this.sleepers.length === 0) return;
      this.sleepers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      if (this.busy === 0) this.skipped += Math.max(0, this.sleepers[0]!.at - this.now());
      const t = this.now();
      const due = this.sleepers.filter((s) => s.at <= t);
      if (due.length) {
        this.sleepers = this.sleepers.filter((s) => s.at > t);
        this.busy += due.length;
        due.forEach((s) => s.wake());
      }
      if (this.sleepers.length) this.timer = setTimeout(() => this.arm(), this.sleepers[0]!.at - t);
    });
  }
}
