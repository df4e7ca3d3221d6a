// Virtual transport: raw TCP to an in-process VirtualPrinter (its own one unless a port is given).
import type { PrinterStatus, PrinterTransport, PrintJobMeta } from '../types.js';
import { VirtualPrinter } from '../virtual/virtual-printer.js';
import { TcpTransport } from './tcp.js';

export interface VirtualTransportOptions {
  timeoutMs?: number;
  /** Port of a running VirtualPrinter on 127.0.0.1; without it one is started on first use. */
  port?: number;
}

export class VirtualTransport implements PrinterTransport {
  readonly uri = 'virtual';
  /** The printer this transport started itself (undefined when it connects to a given port). */
  printer: VirtualPrinter | undefined;
  private tcp: TcpTransport | undefined;
  private starting: Promise<TcpTransport> | undefined;

  constructor(private readonly opts: VirtualTransportOptions = {}) {
    if (opts.port !== undefined) this.tcp = this.makeTcp(opts.port);
  }

  private makeTcp(port: number): TcpTransport {
    return new TcpTransport('127.0.0.1', port, { timeoutMs: this.opts.timeoutMs ?? 5000, uri: 'virtual' });
  }

  private connection(): Promise<TcpTransport> {
    if (this.tcp) return Promise.resolve(this.tcp);
    this.starting ??= (async () => {
      this.printer = new VirtualPrinter();
      const { port } = await this.printer.start();
      this.tcp = this.makeTcp(port);
      return this.tcp;
    })();
    return this.starting;
  }

  /** Sends the job to the virtual printer exactly like a network printer would receive it. */
  async print(bytes: Buffer, job?: PrintJobMeta): Promise<void> {
    await (await this.connection()).print(bytes, job);
  }

  /** Reads DLE EOT status from the virtual printer (always online unless a condition was set). */
  async status(): Promise<PrinterStatus> {
    return (await this.connection()).status();
  }

  /** Closes connections and stops the printer this transport started. */
  async close(): Promise<void> {
    await this.tcp?.close();
    if (this.printer) {
      await this.printer.stop();
      this.printer = undefined;
      this.tcp = undefined;
      this.starting = undefined;
    }
  }
}
