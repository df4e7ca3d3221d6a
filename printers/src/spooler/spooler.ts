// Print spooler: one FIFO queue per printer, retries with exponential backoff, never lets one printer delay another.
import { EventEmitter } from 'node:events';
import type { PrinterStatus, PrinterTransport } from '../types.js';

export type PrintJobStatus = 'queued' | 'printing' | 'printed' | 'failed' | 'retrying';

/** What the server sees of a job; a fresh copy is emitted on every change. */
export interface PrintJobState {
  id: string;
  printerId: string;
  ticketId?: string;
  state: PrintJobStatus;
  /** Attempts since the job was submitted or last reprinted. */
  attempts: number;
  error?: string;
  submittedAt: number;
  updatedAt: number;
  printedAt?: number;
  /** When the next attempt starts (state 'retrying'). */
  nextAttemptAt?: number;
  reprints: number;
}

export interface PrintSpoolerOptions {
  /** Extra attempts after the first. Default 3. */
  retries?: number;
  /** First backoff; doubles each retry (capped at 60 s). Default 1000 ms. */
  retryDelayMs?: number;
  /** Upper bound for one attempt. Default 30 000 ms. */
  jobTimeoutMs?: number;
  /** Finished jobs kept per printer for jobsFor()/reprint(). Default 200. */
  keepFinished?: number;
}

interface Job {
  state: PrintJobState;
  bytes: Buffer;
}

interface Printer {
  id: string;
  transport: PrinterTransport;
  queue: Job[];
  history: Job[];
  running: boolean;
  busy: boolean;
  polling: boolean;
  status: PrinterStatus;
  lastError?: string;
  inflight?: Promise<unknown>;
  wake?: () => void;
}

const MAX_BACKOFF_MS = 60_000;
const snapshot = (j: Job): PrintJobState => ({ ...j.state });

export class PrintSpooler extends EventEmitter {
  private readonly retries: number;
  private readonly retryDelayMs: number;
  private readonly jobTimeoutMs: number;
  private readonly keepFinished: number;
  private readonly printers = new Map<string, Printer>();
  private readonly jobs = new Map<string, { printer: Printer; job: Job }>();
  private pollTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(opts: PrintSpoolerOptions = {}) {
    super();
    this.retries = Math.max(0, opts.retries ?? 3);
    this.retryDelayMs = Math.max(0, opts.retryDelayMs ?? 1000);
    this.jobTimeoutMs = Math.max(1, opts.jobTimeoutMs ?? 30_000);
    this.keepFinished = Math.max(1, opts.keepFinished ?? 200);
  }

  override on(event: 'job', listener: (job: PrintJobState) => void): this;
  override on(event: 'status', listener: (printerId: string, status: PrinterStatus) => void): this;
  override on(event: string | symbol, listener: (...args: any[]) => void): this;
  override on(event: string | symbol, listener: (...args: any[]) => void): this {
    return super.on(event, listener);
  }

  /** Adds a printer (or swaps its transport); the spooler closes registered transports in close(). */
  register(printerId: string, transport: PrinterTransport): void {
    const existing = this.printers.get(printerId);
    if (existing) {
      existing.transport = transport;
      return;
    }
    this.printers.set(printerId, {
      id: printerId,
      transport,
      queue: [],
      history: [],
      running: false,
      busy: false,
      polling: false,
      status: { online: false, error: 'status unknown: not checked yet', checkedAt: 0 },
    });
  }

  private printer(printerId: string): Printer {
    const p = this.printers.get(printerId);
    if (!p) throw new Error(`unknown printer "${printerId}" (register it first)`);
    return p;
  }

  /** Queues a job and returns at once; submitting an id again returns the existing job instead of printing twice. */
  submit(printerId: string, job: { id: string; ticketId?: string; bytes: Buffer }): PrintJobState {
    if (this.closed) throw new Error('print spooler is closed');
    const p = this.printer(printerId);
    const known = this.jobs.get(job.id);
    if (known) {
      if (known.printer !== p) throw new Error(`job "${job.id}" already exists on printer "${known.printer.id}"`);
      return snapshot(known.job);
    }
    const now = Date.now();
    const record: Job = {
      bytes: job.bytes,
      state: { id: job.id, printerId, ticketId: job.ticketId, state: 'queued', attempts: 0, submittedAt: now, updatedAt: now, reprints: 0 },
    };
    this.jobs.set(job.id, { printer: p, job: record });
    p.queue.push(record);
    this.emitJob(record);
    void this.run(p);
    return snapshot(record);
  }

  /** Prints a finished (failed or printed) job again with a fresh retry budget; a waiting retry is started now. */
  reprint(jobId: string): PrintJobState {
    const found = this.jobs.get(jobId);
    if (!found) throw new Error(`unknown print job "${jobId}"`);
    const { printer: p, job } = found;
    if (job.state.state === 'retrying') {
      job.state.nextAttemptAt = Date.now();
      p.wake?.();
      return snapshot(job);
    }
    if (job.state.state !== 'failed' && job.state.state !== 'printed') return snapshot(job);
    if (this.closed) throw new Error('print spooler is closed');
    p.history = p.history.filter((h) => h !== job);
    Object.assign(job.state, { state: 'queued', attempts: 0, error: undefined, nextAttemptAt: undefined, reprints: job.state.reprints + 1 });
    p.queue.push(job);
    this.emitJob(job);
    void this.run(p);
    return snapshot(job);
  }

  /** The bytes a job sent (or will send): what the supervisor's preview shows. */
  bytesOf(jobId: string): Buffer | null {
    return this.jobs.get(jobId)?.job.bytes ?? null;
  }

  /** Jobs of one printer: finished ones (oldest first) then the queue in print order. */
  jobsFor(printerId: string): PrintJobState[] {
    const p = this.printer(printerId);
    return [...p.history, ...p.queue].map(snapshot);
  }

  /** Last known status, number of unfinished jobs and the last error of a printer. */
  printerState(printerId: string): { status: PrinterStatus; queue: number; lastError?: string } {
    const p = this.printer(printerId);
    return { status: { ...p.status }, queue: p.queue.length, lastError: p.lastError };
  }

  /** Asks every idle printer for its status every `intervalMs` (0 stops); emits 'status'. */
  pollStatus(intervalMs: number): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = undefined;
    if (!(intervalMs > 0) || this.closed) return;
    const tick = (): void => {
      for (const p of this.printers.values()) void this.poll(p);
    };
    this.pollTimer = setInterval(tick, intervalMs);
    this.pollTimer.unref();
    tick();
  }

  private async poll(p: Printer): Promise<void> {
    if (p.busy || p.polling || this.closed) return; // never compete with a job for the printer
    p.polling = true;
    try {
      const status = await withTimeout(p.transport.status(), this.jobTimeoutMs).catch((err: unknown): PrinterStatus => ({
        online: false,
        error: (err as Error).message,
        checkedAt: Date.now(),
      }));
      if (!p.busy && !this.closed) this.setStatus(p, status);
    } finally {
      p.polling = false;
    }
  }

  /** Stops polling and retries, waits for attempts in progress, closes transports. Unfinished jobs stay queued. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.pollStatus(0);
    for (const p of this.printers.values()) p.wake?.();
    await Promise.all([...this.printers.values()].map((p) => p.inflight?.catch(() => undefined)));
    await Promise.all([...this.printers.values()].map((p) => p.transport.close().catch(() => undefined)));
  }

  private emitJob(job: Job): void {
    job.state.updatedAt = Date.now();
    this.emit('job', snapshot(job));
  }

  private setStatus(p: Printer, status: PrinterStatus): void {
    p.status = status;
    this.emit('status', p.id, { ...status });
  }

  /** The per-printer worker: one job at a time, head-of-line retries keep ticket order. */
  private async run(p: Printer): Promise<void> {
    if (p.running) return;
    p.running = true;
    try {
      while (!this.closed) {
        const job = p.queue[0];
        if (!job) break;
        const wait = (job.state.nextAttemptAt ?? 0) - Date.now();
        if (wait > 0) await this.sleep(p, wait);
        if (this.closed) break;
        await this.attempt(p, job);
      }
    } finally {
      p.running = false;
    }
  }

  private sleep(p: Printer, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        p.wake = undefined;
        resolve();
      }
      p.wake = done;
    });
  }

  private async attempt(p: Printer, job: Job): Promise<void> {
    await p.inflight?.catch(() => undefined); // a timed-out attempt must settle before the next one starts
    p.busy = true;
    job.state.attempts += 1;
    job.state.state = 'printing';
    job.state.nextAttemptAt = undefined;
    this.emitJob(job);
    const printing = p.transport.print(job.bytes, { id: job.state.id });
    p.inflight = printing;
    try {
      await withTimeout(printing, this.jobTimeoutMs);
      job.state.state = 'printed';
      job.state.printedAt = Date.now();
      job.state.error = undefined;
      p.lastError = undefined;
      // the printer took a whole job: whatever stopped it before (paper out, cover open) is over
      this.setStatus(p, { ...p.status, online: true, paperOut: false, coverOpen: false, error: undefined, checkedAt: Date.now() });
    } catch (err) {
      const message = (err as Error)?.message ?? String(err);
      job.state.error = message;
      p.lastError = message;
      const code = (err as { code?: string }).code;
      this.setStatus(p, {
        online: false,
        error: message,
        checkedAt: Date.now(),
        ...(code === 'paper-out' ? { paperOut: true } : code === 'cover-open' ? { coverOpen: true } : {}),
      });
      if (job.state.attempts <= this.retries && !this.closed) {
        job.state.state = 'retrying';
        job.state.nextAttemptAt = Date.now() + Math.min(MAX_BACKOFF_MS, this.retryDelayMs * 2 ** (job.state.attempts - 1));
      } else job.state.state = 'failed';
    } finally {
      p.busy = false;
    }
    if (job.state.state === 'printed' || job.state.state === 'failed') {
      // settle the bookkeeping before telling anyone, so printerState() agrees with the event
      p.queue = p.queue.filter((q) => q !== job);
      p.history.push(job);
      this.trim(p);
    }
    this.emitJob(job);
  }

  private trim(p: Printer): void {
    while (p.history.length > this.keepFinished) {
      const old = p.history.shift();
      if (old) this.jobs.delete(old.state.id);
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`print attempt timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
