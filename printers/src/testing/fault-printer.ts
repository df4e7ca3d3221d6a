// A raw-9100 TCP printer for tests that can misbehave on purpose: stall, drop mid-job, stay silent on status,
// or report paper out. Listens on 127.0.0.1 only.
import net from 'node:net';
import { decodeAt, initialDecoderState } from '../decode/decoder.js';
import { statusReplyBytes } from '../status/status-bytes.js';
import type { VirtualCondition } from '../virtual/virtual-printer.js';

/**
 * ok: answers status, stores the job when the client ends.  silent: stores jobs but never answers status.
 * stall: accepts and never reads or answers.  drop: answers status, then resets the connection after `dropAfter` job bytes.
 */
export type FaultMode = 'ok' | 'silent' | 'stall' | 'drop';

export interface FaultPrinterOptions {
  /** Modes for the first connections, in order; later connections use `mode`. */
  plan?: FaultMode[];
  mode?: FaultMode;
  dropAfter?: number;
  condition?: VirtualCondition;
  port?: number;
}

/** A misbehaving test printer; `jobs` holds what it fully received, `connections` counts accepted connections. */
export class FaultPrinter {
  readonly jobs: Buffer[] = [];
  connections = 0;
  port = 0;
  condition: VirtualCondition;
  private plan: FaultMode[];
  private mode: FaultMode;
  private readonly dropAfter: number;
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private readonly wantPort: number;

  constructor(opts: FaultPrinterOptions = {}) {
    this.plan = [...(opts.plan ?? [])];
    this.mode = opts.mode ?? 'ok';
    this.dropAfter = opts.dropAfter ?? 64;
    this.condition = opts.condition ?? {};
    this.wantPort = opts.port ?? 0;
  }

  /** Changes the behaviour of the next connections. */
  setMode(mode: FaultMode, plan: FaultMode[] = []): void {
    this.mode = mode;
    this.plan = [...plan];
  }

  async start(): Promise<number> {
    const server = net.createServer((s) => this.accept(s));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port || this.wantPort, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as net.AddressInfo).port;
    return this.port;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(sock: net.Socket): void {
    this.connections++;
    this.sockets.add(sock);
    sock.on('close', () => this.sockets.delete(sock));
    sock.on('error', () => undefined);
    const mode = this.plan.shift() ?? this.mode;
    if (mode === 'stall') {
      sock.pause();
      return;
    }
    let buf = Buffer.alloc(0);
    let scanned = 0;
    let jobBytes = 0;
    const state = initialDecoderState();
    sock.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      while (scanned < buf.length) {
        const op = decodeAt(buf, scanned, state);
        if (!op) break;
        if (op.op === 'status' && mode !== 'silent') {
          const reply = statusReplyBytes(this.condition);
          sock.write(Buffer.from([reply[op.n === 1 ? 0 : op.n === 2 ? 1 : 2]!]));
        } else if (op.op !== 'status') jobBytes += op.length;
        scanned += op.length;
      }
      if (mode === 'drop' && jobBytes >= this.dropAfter) sock.resetAndDestroy();
    });
    sock.on('end', () => {
      if (jobBytes > 0 || scanned < buf.length) this.jobs.push(buf);
      sock.end();
    });
  }
}
