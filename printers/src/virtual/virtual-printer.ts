// An in-process printer speaking raw TCP 9100: answers DLE EOT, stores each job with a PNG preview.
import { EventEmitter } from 'node:events';
import net from 'node:net';
import type { PaperWidth } from '../types.js';
import { decodeAt, decodeEscPos, initialDecoderState, textLines } from '../decode/decoder.js';
import { renderPreviewPng } from '../preview/render.js';
import { statusReplyBytes } from '../status/status-bytes.js';

export interface VirtualJob {
  id: string;
  receivedAt: number;
  bytes: Buffer;
  /** PNG preview of the receipt. */
  png: Buffer;
  /** Decoded text lines joined with "\n". */
  text: string;
}

export interface VirtualPrinterOptions {
  /** Listen address; loopback by default. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** How many recent jobs to keep. Default 50. */
  keep?: number;
  /** Paper width used for previews. Default 80. */
  paper?: PaperWidth;
  /** A connection silent this long counts as finished. Default 2000 ms. */
  idleMs?: number;
}

/** Conditions the virtual printer reports through DLE EOT, to rehearse faults. */
export interface VirtualCondition {
  coverOpen?: boolean;
  paperNearEnd?: boolean;
  paperOut?: boolean;
}

interface Connection {
  chunks: Buffer[];
  size: number;
  scanned: number;
  state: ReturnType<typeof initialDecoderState>;
  onlyStatus: boolean;
  done: boolean;
}

export class VirtualPrinter extends EventEmitter {
  private readonly host: string;
  private readonly wantPort: number;
  private readonly keep: number;
  private readonly paper: PaperWidth;
  private readonly idleMs: number;
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private readonly stored: VirtualJob[] = [];
  private seq = 0;
  private condition: VirtualCondition = {};
  port = 0;

  constructor(opts: VirtualPrinterOptions = {}) {
    super();
    this.host = opts.host ?? '127.0.0.1';
    this.wantPort = opts.port ?? 0;
    this.keep = Math.max(1, opts.keep ?? 50);
    this.paper = opts.paper ?? 80;
    this.idleMs = opts.idleMs ?? 2000;
  }

  /** Starts listening; resolves with the actual port (useful with port 0). */
  async start(): Promise<{ port: number }> {
    if (this.server) return { port: this.port };
    const server = net.createServer((sock) => this.accept(sock));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.wantPort, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.port = (server.address() as net.AddressInfo).port;
    return { port: this.port };
  }

  /** Stops listening and drops open connections. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Stored jobs, oldest first. */
  jobs(): VirtualJob[] {
    return [...this.stored];
  }

  /** One stored job by id. */
  job(id: string): VirtualJob | undefined {
    return this.stored.find((j) => j.id === id);
  }

  /** Sets what the printer reports (paper out, cover open, near end); with paper out or cover open jobs are not printed. */
  setCondition(cond: VirtualCondition): void {
    this.condition = { ...cond };
  }

  override on(event: 'job', listener: (job: VirtualJob) => void): this;
  override on(event: string | symbol, listener: (...args: any[]) => void): this;
  override on(event: string | symbol, listener: (...args: any[]) => void): this {
    return super.on(event, listener);
  }

  private accept(sock: net.Socket): void {
    this.sockets.add(sock);
    const conn: Connection = { chunks: [], size: 0, scanned: 0, state: initialDecoderState(), onlyStatus: true, done: false };
    sock.setTimeout(this.idleMs, () => {
      this.finish(conn);
      sock.end();
    });
    sock.on('data', (chunk: Buffer) => {
      conn.chunks.push(chunk);
      conn.size += chunk.length;
      this.answerStatus(conn, sock);
    });
    sock.on('end', () => {
      this.finish(conn);
      sock.end();
    });
    sock.on('error', () => undefined); // a client that resets mid-job: nothing is stored
    sock.on('close', () => this.sockets.delete(sock));
  }

  /** Walks newly received commands (skipping image/QR payloads) and answers each DLE EOT in real time. */
  private answerStatus(conn: Connection, sock: net.Socket): void {
    const buf = conn.chunks.length === 1 ? conn.chunks[0]! : Buffer.concat(conn.chunks, conn.size);
    conn.chunks = [buf];
    while (conn.scanned < buf.length) {
      const op = decodeAt(buf, conn.scanned, conn.state);
      if (!op) break; // command continues in a later chunk
      if (op.op === 'status') {
        const reply = statusReplyBytes(this.condition);
        const index = op.n === 1 ? 0 : op.n === 2 ? 1 : op.n === 4 ? 2 : -1;
        sock.write(Buffer.from([index >= 0 ? reply[index]! : 0x12]));
      } else conn.onlyStatus = false;
      conn.scanned += op.length;
    }
  }

  private finish(conn: Connection): void {
    if (conn.done) return;
    conn.done = true;
    if (conn.size === 0 || (conn.onlyStatus && conn.scanned >= conn.size)) return; // a status probe, not a job
    if (this.condition.paperOut || this.condition.coverOpen) return; // nothing can be printed
    const bytes = Buffer.concat(conn.chunks, conn.size);
    const job: VirtualJob = {
      id: `vjob-${String(++this.seq).padStart(5, '0')}`,
      receivedAt: Date.now(),
      bytes,
      png: renderPreviewPng(bytes, { paper: this.paper }),
      text: textLines(decodeEscPos(bytes)).join('\n'),
    };
    this.stored.push(job);
    while (this.stored.length > this.keep) this.stored.shift();
    this.emit('job', job);
  }
}
