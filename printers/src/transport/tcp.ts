// Raw TCP ("port 9100") transport with connect/write timeouts and DLE EOT status reads.
// escpos-network is not used: it has no timeouts and cannot tell a finished job from a dropped connection.
import net from 'node:net';
import type { PrinterStatus, PrinterTransport, PrintJobMeta } from '../types.js';
import { PrinterError, toPrinterError } from '../errors.js';
import { parseStatusReply, statusFault, writeOnlyStatus } from '../status/status-bytes.js';
import { exchangeStatus } from '../status/status-exchange.js';

export interface TcpTransportOptions {
  /** Connect, write and "printer took the job" timeout (ms). Default 10 000. */
  timeoutMs?: number;
  /** How long to wait for a DLE EOT answer before deciding the printer does not support status. Default min(1000, timeoutMs). */
  statusTimeoutMs?: number;
  /** URI to report (the virtual transport reports "virtual"). */
  uri?: string;
}

type StatusSupport = 'unknown' | 'yes' | 'no';

export class TcpTransport implements PrinterTransport {
  readonly uri: string;
  private readonly timeoutMs: number;
  private readonly statusTimeoutMs: number;
  private statusSupport: StatusSupport = 'unknown';
  private lastWriteOk: boolean | undefined;
  private lastError: string | undefined;
  private readonly sockets = new Set<net.Socket>();

  constructor(
    readonly host: string,
    readonly port: number,
    opts: TcpTransportOptions = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.statusTimeoutMs = opts.statusTimeoutMs ?? Math.min(1000, this.timeoutMs);
    const hostPart = host.includes(':') ? `[${host}]` : host;
    this.uri = opts.uri ?? `tcp://${hostPart}:${port}`;
  }

  private get where(): string {
    return `printer ${this.uri}`;
  }

  /** Opens a connection or fails with 'refused' / 'timeout' / 'unreachable'. */
  private connect(): Promise<net.Socket> {
    return new Promise((resolve, reject) => {
      const sock = net.connect({ host: this.host, port: this.port });
      this.sockets.add(sock);
      sock.once('close', () => this.sockets.delete(sock));
      const timer = setTimeout(() => {
        sock.destroy();
        reject(new PrinterError('timeout', `${this.where}: connect timed out after ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      sock.once('connect', () => {
        clearTimeout(timer);
        sock.off('error', onError);
        sock.on('error', () => undefined); // errors surface through the pending operation
        resolve(sock);
      });
      const onError = (err: Error): void => {
        clearTimeout(timer);
        sock.destroy();
        reject(toPrinterError(err, this.where));
      };
      sock.once('error', onError);
    });
  }

  /** Sends one job: status check, bytes, status check again (or a clean close), so a stalled or dropped printer is noticed. */
  async print(bytes: Buffer, _job?: PrintJobMeta): Promise<void> {
    let sock: net.Socket | undefined;
    try {
      sock = await this.connect();
      const s = sock;
      let ended = false;
      let peerEndedEarly = false;
      s.on('end', () => {
        if (!ended) peerEndedEarly = true;
      });
      s.resume();
      // Unanswered status only means "no status support" once the job then goes through: a stalled printer does not answer either.
      const unanswered = this.statusSupport !== 'no' && !(await this.checkBeforeJob(s));
      // A reply that comes late (a slow printer) means the printer does answer status after all.
      let lateReply = false;
      if (unanswered) {
        s.on('data', () => {
          lateReply = true;
          this.statusSupport = 'yes';
        });
      }
      await this.write(s, bytes);
      if (peerEndedEarly) throw new PrinterError('dropped', `${this.where}: connection dropped by the printer mid-job`);
      const confirm = this.statusSupport === 'yes';
      if (confirm) {
        const after = parseStatusReply(await exchangeStatus(s, s, this.timeoutMs, this.where));
        const fault = statusFault(after);
        if (fault) throw new PrinterError(fault.code, `${this.where}: ${fault.message} (during the job)`);
      }
      ended = true;
      await this.finish(s, confirm);
      // Bytes followed by a reset read as a clean close (libuv reports EOF): from a printer that answers
      // status, a close the status did not confirm is no proof it took the job.
      if (lateReply && !confirm)
        throw new PrinterError('dropped', `${this.where}: printer answered status late, then closed the connection: the job is not confirmed`);
      if (unanswered && !lateReply) this.statusSupport = 'no'; // printer does not answer DLE EOT: print without status from now on
      this.lastWriteOk = true;
      this.lastError = undefined;
    } catch (err) {
      const e = toPrinterError(err, this.where);
      this.lastWriteOk = false;
      this.lastError = e.message;
      throw e;
    } finally {
      sock?.destroy();
    }
  }

  /** Asks for status before a job; false when a printer of unknown support did not answer (print without it). */
  private async checkBeforeJob(s: net.Socket): Promise<boolean> {
    let reply: Buffer;
    try {
      reply = await exchangeStatus(s, s, this.statusTimeoutMs, this.where);
    } catch (err) {
      if (err instanceof PrinterError && err.code === 'timeout' && this.statusSupport === 'unknown') return false;
      throw err;
    }
    this.statusSupport = 'yes';
    const fault = statusFault(parseStatusReply(reply));
    if (fault) throw new PrinterError(fault.code, `${this.where}: ${fault.message}`);
    return true;
  }

  private write(s: net.Socket, bytes: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new PrinterError('timeout', `${this.where}: write timed out after ${this.timeoutMs} ms (printer stalled)`)),
        this.timeoutMs,
      );
      const onClose = (): void => {
        clearTimeout(timer);
        reject(new PrinterError('dropped', `${this.where}: connection dropped by the printer mid-job`));
      };
      s.once('close', onClose);
      s.write(bytes, (err) => {
        clearTimeout(timer);
        s.off('close', onClose);
        if (err) reject(toPrinterError(err, this.where));
        else resolve();
      });
    });
  }

  /** Half-closes and waits for the printer to close too; a printer that never does has stalled. */
  private finish(s: net.Socket, statusConfirmed: boolean): Promise<void> {
    // a printer that answered status after the job has the bytes: give it only a short grace to close
    const wait = statusConfirmed ? Math.min(2000, this.timeoutMs) : this.timeoutMs;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        s.off('close', onClose);
        if (statusConfirmed) resolve();
        else reject(new PrinterError('timeout', `${this.where}: printer did not take the job within ${this.timeoutMs} ms (stalled)`));
      }, wait);
      let failure: Error | undefined;
      const onError = (err: Error): void => {
        failure = err;
      };
      const onClose = (): void => {
        clearTimeout(timer);
        s.off('error', onError);
        if (failure) reject(toPrinterError(failure, this.where));
        else resolve();
      };
      s.on('error', onError);
      s.once('close', onClose);
      s.end();
    });
  }

  /** Asks the printer over a fresh connection; a printer that cannot answer is reported from the last write. */
  async status(): Promise<PrinterStatus> {
    let sock: net.Socket | undefined;
    try {
      sock = await this.connect();
      const wait = this.statusSupport === 'no' ? this.statusTimeoutMs : this.timeoutMs; // known status-less: short wait
      const reply = await exchangeStatus(sock, sock, wait, this.where);
      this.statusSupport = 'yes';
      return parseStatusReply(reply);
    } catch (err) {
      const e = toPrinterError(err, this.where);
      if (e.code === 'timeout' && sock && this.statusSupport !== 'yes') return writeOnlyStatus(this.lastWriteOk, this.lastError);
      return { online: false, error: e.message, checkedAt: Date.now() };
    } finally {
      sock?.destroy();
    }
  }

  /** Drops open connections; the transport stays usable (each job opens its own connection). */
  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }
}
