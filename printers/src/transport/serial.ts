// Serial transport: opens the tty with node fs, sets the baud rate with `stty`, writes jobs, reads DLE EOT status.
// Also works for write-only character devices such as /dev/usb/lp0 (no stty, no status).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import tty from 'node:tty';
import type { Readable, Writable } from 'node:stream';
import { promisify } from 'node:util';
import type { PrinterStatus, PrinterTransport, PrintJobMeta } from '../types.js';
import { PrinterError, toPrinterError } from '../errors.js';
import { parseStatusReply, statusFault, writeOnlyStatus } from '../status/status-bytes.js';
import { exchangeStatus } from '../status/status-exchange.js';

const openFd = promisify(fs.open);
const run = promisify(execFile);

export interface SerialTransportOptions {
  /** Write and status-answer timeout (ms). Default 10 000. */
  timeoutMs?: number;
  /** Wait for a first DLE EOT answer before treating the printer as status-less. Default min(1000, timeoutMs). */
  statusTimeoutMs?: number;
}

interface Port {
  input?: Readable; // only for ttys
  output: Writable;
}

export class SerialTransport implements PrinterTransport {
  readonly uri: string;
  private readonly timeoutMs: number;
  private readonly statusTimeoutMs: number;
  private port: Port | undefined;
  private statusSupport: 'unknown' | 'yes' | 'no' = 'unknown';
  private lastWriteOk: boolean | undefined;
  private lastError: string | undefined;
  private lock: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    readonly baud: number,
    opts: SerialTransportOptions = {},
  ) {
    this.uri = `serial:${path}?baud=${baud}`;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.statusTimeoutMs = opts.statusTimeoutMs ?? Math.min(1000, this.timeoutMs);
  }

  private get where(): string {
    return `printer ${this.uri}`;
  }

  /** Runs print/status one at a time so their bytes never interleave on the line. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.lock.then(fn, fn);
    this.lock = next.catch(() => undefined);
    return next;
  }

  private async open(): Promise<Port> {
    if (this.port) return this.port;
    const flags = fs.constants.O_NOCTTY;
    const wfd = await openFd(this.path, fs.constants.O_WRONLY | flags);
    if (!tty.isatty(wfd)) {
      this.port = { output: fs.createWriteStream('', { fd: wfd, autoClose: true }) };
      return this.port;
    }
    try {
      // raw 8-bit, no echo, at the printer's speed; a machine without stty keeps the current settings
      await run('stty', ['-F', this.path, String(this.baud), 'raw', '-echo'], { timeout: 5000 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        fs.closeSync(wfd);
        throw new PrinterError('io', `${this.where}: could not set ${this.baud} baud with stty: ${(err as Error).message.trim()}`);
      }
    }
    const rfd = await openFd(this.path, fs.constants.O_RDONLY | flags);
    // one fd per direction, so each stream owns (and closes) its own descriptor
    const input = new tty.ReadStream(rfd);
    const output = new tty.WriteStream(wfd);
    input.on('error', () => undefined);
    output.on('error', () => undefined);
    this.port = { input, output };
    return this.port;
  }

  private drop(): void {
    this.port?.input?.destroy();
    this.port?.output.destroy();
    this.port = undefined;
  }

  private write(out: Writable, bytes: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new PrinterError('timeout', `${this.where}: write timed out after ${this.timeoutMs} ms (printer stalled or offline)`)),
        this.timeoutMs,
      );
      out.write(bytes, (err) => {
        clearTimeout(timer);
        if (err) reject(toPrinterError(err, this.where));
        else resolve();
      });
    });
  }

  private async askStatus(port: Port, timeoutMs: number): Promise<PrinterStatus> {
    if (!port.input) throw new PrinterError('timeout', `${this.where}: device cannot be read`);
    const reply = await exchangeStatus(port.input, port.output, timeoutMs, this.where);
    this.statusSupport = 'yes';
    return parseStatusReply(reply);
  }

  /** Writes one job; checks paper and cover first (and after) when the printer answers DLE EOT. */
  print(bytes: Buffer, _job?: PrintJobMeta): Promise<void> {
    return this.exclusive(async () => {
      try {
        const port = await this.open();
        if (this.statusSupport !== 'no' && port.input) {
          try {
            const fault = statusFault(await this.askStatus(port, this.statusTimeoutMs));
            if (fault) throw new PrinterError(fault.code, `${this.where}: ${fault.message}`);
          } catch (err) {
            if (!(err instanceof PrinterError && err.code === 'timeout' && this.statusSupport === 'unknown')) throw err;
            this.statusSupport = 'no'; // no answer at all: a printer without status, print blind
          }
        }
        await this.write(port.output, bytes);
        if (this.statusSupport === 'yes') {
          const fault = statusFault(await this.askStatus(port, this.timeoutMs));
          if (fault) throw new PrinterError(fault.code, `${this.where}: ${fault.message} (during the job)`);
        }
        this.lastWriteOk = true;
        this.lastError = undefined;
      } catch (err) {
        this.drop(); // reopen cleanly on the next attempt
        const e = toPrinterError(err, this.where);
        this.lastWriteOk = false;
        this.lastError = e.message;
        throw e;
      }
    });
  }

  /** DLE EOT status when the printer answers; otherwise online only after a successful write. */
  status(): Promise<PrinterStatus> {
    return this.exclusive(async () => {
      try {
        const port = await this.open();
        if (!port.input) return writeOnlyStatus(this.lastWriteOk, this.lastError);
        // a printer known not to answer gets the short wait
        return await this.askStatus(port, this.statusSupport === 'no' ? this.statusTimeoutMs : this.timeoutMs);
      } catch (err) {
        const e = toPrinterError(err, this.where);
        if (e.code === 'timeout' && this.statusSupport !== 'yes') return writeOnlyStatus(this.lastWriteOk, this.lastError);
        return { online: false, error: e.message, checkedAt: Date.now() };
      }
    });
  }

  /** Closes the device; the next job reopens it. */
  async close(): Promise<void> {
    this.drop();
  }
}
