import type { PrinterStatus, PrinterTransport } from '@antre/printers';
import type { AntreServer } from '../realtime/socket-types.js';

/**
 * A printer that hangs on a kiosk PC's USB port, reached through the print agent running there:
 * jobs go over its socket and count as printed only when the agent acknowledges them.
 */
export class AgentTransport implements PrinterTransport {
  readonly uri: string;
  lastStatus: PrinterStatus | null = null;

  constructor(
    private readonly io: () => AntreServer | null,
    readonly kioskId: string,
    private readonly timeoutMs = 15000,
  ) {
    this.uri = `agent:${kioskId}`;
  }

  room(): string {
    return `print-agent:${this.kioskId}`;
  }

  async print(bytes: Buffer, job?: { id?: string }): Promise<void> {
    const io = this.io();
    if (!io || !io.sockets.adapter.rooms.get(this.room())?.size) throw new Error('print agent not connected');
    const answers = await new Promise<{ ok: boolean; error?: string }[]>((resolve, reject) => {
      io.to(this.room())
        .timeout(this.timeoutMs)
        .emit(
          'print:job',
          { jobId: job?.id ?? '', ticketId: null, bytes: bytes.toString('base64') },
          (err: Error | null, r: { ok: boolean; error?: string }[]) => (err ? reject(new Error('print agent did not answer')) : resolve(r)),
        );
    });
    const res = answers[0];
    if (!res?.ok) throw new Error(res?.error ?? 'print agent failed');
  }

  async status(): Promise<PrinterStatus> {
    const io = this.io();
    const connected = io ? (io.sockets.adapter.rooms.get(this.room())?.size ?? 0) > 0 : false;
    if (!connected) return { online: false, error: 'print agent not connected', checkedAt: Date.now() };
    return this.lastStatus ?? { online: true, checkedAt: Date.now() };
  }

  async close(): Promise<void> {}
}
