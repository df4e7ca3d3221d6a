import net from 'node:net';
import { decodeAt, initialDecoderState } from '../../printers/src/decode/decoder.ts';
import { decodeEscPos, textLines } from '../../printers/src/decode/decoder.ts';
import { statusReplyBytes } from '../../printers/src/status/status-bytes.ts';

const now = () => performance.timeOrigin + performance.now();

/** One job as the printer got it: when its last byte arrived, and its text. */
export interface TimedJob {
  at: number;
  /** The client's port: tells apart jobs whose connections overlap. */
  peerPort: number;
  bytes: Buffer;
  text: string;
}

/**
 * A healthy raw port-9100 printer on loopback that notes when each job's last byte arrived (the
 * client closes its side after a job, as the product's TCP transport does) and answers DLE EOT
 * status as a paper-loaded Epson would.
 */
export class TimedPrinter {
  readonly jobs: TimedJob[] = [];
  private server: net.Server | null = null;
  private waiters: (() => void)[] = [];
  port = 0;

  async start(): Promise<number> {
    const server = net.createServer((s) => this.accept(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.server = server;
    this.port = (server.address() as net.AddressInfo).port;
    return this.port;
  }

  /** Resolves once a job matching `match` has arrived (or rejects after `ms`). */
  async waitFor(what: string, match: (j: TimedJob) => boolean, ms: number): Promise<TimedJob> {
    const end = Date.now() + ms;
    for (;;) {
      const job = this.jobs.find(match);
      if (job) return job;
      if (Date.now() > end) throw new Error(`printer: no ${what} within ${ms} ms (${this.jobs.length} jobs)`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 100);
      });
    }
  }

  stop(): Promise<void> {
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private accept(sock: net.Socket): void {
    sock.on('error', () => undefined);
    // A printer answers each status request at once; Nagle's algorithm would hold its 1-byte replies for an ACK.
    sock.setNoDelay(true);
    let buf = Buffer.alloc(0);
    let scanned = 0;
    let jobBytes = 0;
    let last = 0;
    const peerPort = sock.remotePort ?? 0;
    const state = initialDecoderState();
    sock.on('data', (chunk: Buffer) => {
      last = now();
      buf = Buffer.concat([buf, chunk]);
      while (scanned < buf.length) {
        const op = decodeAt(buf, scanned, state);
        if (!op) break;
        if (op.op === 'status') {
          const reply = statusReplyBytes({});
          sock.write(Buffer.from([reply[op.n === 1 ? 0 : op.n === 2 ? 1 : 2]!]));
        } else jobBytes += op.length;
        scanned += op.length;
      }
    });
    sock.on('end', () => {
      if (jobBytes > 0) this.jobs.push({ at: last, peerPort, bytes: buf, text: textLines(decodeEscPos(buf)).join('\n') });
      sock.end();
      this.waiters.splice(0).forEach((w) => w());
    });
  }
}

/** The floor of the printer path: the same bytes written over a fresh TCP connection, to the last byte at the printer (ms). */
export async function bareWrite(printer: TimedPrinter, bytes: Buffer): Promise<number> {
  const t0 = now();
  const local = await new Promise<number>((resolve, reject) => {
    const sock = net.connect({ host: '127.0.0.1', port: printer.port }, () => {
      const port = sock.localPort!;
      sock.end(bytes);
      sock.on('close', () => resolve(port));
    });
    sock.on('error', reject);
    sock.resume(); // reads (and drops) the printer's status answers, and so sees its close
  });
  return (await printer.waitFor('bare job', (j) => j.peerPort === local, 5000)).at - t0;
}
