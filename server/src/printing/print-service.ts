import { randomBytes } from 'node:crypto';
import {
  openPrinter,
  parsePrinterUri,
  PrintSpooler,
  renderPreviewPng,
  renderTicket,
  sampleTicket,
  VirtualPrinter,
  type PrinterStatus,
  type PrinterTransport,
  type PrintJobState,
} from '@antre/printers';
import type { Ticket } from '../contract/domain.js';
import type { PrinterStateView, PrintJobListItem } from '../contract/events.js';
import type { KioskConfig, Venue } from '../contract/venue.js';
import type { PrintOutcome } from '../contract/responses.js';
import type { QueueService } from '../queue/queue-service.js';
import type { AntreServer } from '../realtime/socket-types.js';
import type { TicketPrinter } from './ticket-printer.js';
import { AgentTransport } from './agent-transport.js';
import { ticketPrintData } from './ticket-data.js';

interface Slot {
  printerId: string;
  kiosk: KioskConfig;
  uri: string;
  transport: PrinterTransport;
}

/** A printer URI Antre cannot use; start-up stops with the kiosk and the reason. */
export class PrinterConfigError extends Error {}

/** Checks every kiosk's printer URI before anything starts. */
export function validatePrinters(venue: Venue, override?: string): void {
  for (const k of venue.kiosks) {
    const uri = override ?? k.printer;
    if (uri === 'none' || uri === 'agent') continue;
    try {
      parsePrinterUri(uri);
    } catch (err) {
      throw new PrinterConfigError(`Kiosk "${k.id}" has printer "${uri}": ${(err as Error).message}`);
    }
  }
}

const FIRST_ANSWER_MS = 1500;

/**
 * Prints tickets at the kiosk that issued them, through one spooler queue per printer: a stuck
 * printer never blocks another kiosk, failed jobs are retried and can be reprinted.
 */
/** What printing reads: the queue (tickets, venue, clock) and the address behind a ticket's QR code. */
export interface PrintSources {
  queue: QueueService;
  publicUrl: string;
}

export class PrintService implements TicketPrinter {
  readonly spooler: PrintSpooler;
  private slots = new Map<string, Slot>();
  private agents = new Map<string, AgentTransport>();
  virtual: VirtualPrinter | null = null;
  private io: AntreServer | null = null;

  constructor(
    private readonly ctx: PrintSources,
    private readonly opts: { override?: string; retries?: number; retryDelayMs?: number; timeoutMs?: number } = {},
  ) {
    this.spooler = new PrintSpooler({ retries: opts.retries ?? 4, retryDelayMs: opts.retryDelayMs ?? 2000, jobTimeoutMs: opts.timeoutMs ?? 15000 });
  }

  async start(io: AntreServer): Promise<void> {
    this.io = io;
    const venue = this.ctx.queue.venue;
    validatePrinters(venue, this.opts.override);
    for (const kiosk of venue.kiosks) {
      const uri = this.opts.override ?? kiosk.printer;
      if (uri === 'none') continue;
      let transport: PrinterTransport;
      if (uri === 'agent') {
        const a = new AgentTransport(() => this.io, kiosk.id);
        this.agents.set(kiosk.id, a);
        transport = a;
      } else {
        const spec = parsePrinterUri(uri);
        if (spec.kind === 'virtual' && !this.virtual) {
          this.virtual = new VirtualPrinter({ host: '127.0.0.1', port: 0, keep: 100 });
          await this.virtual.start();
        }
        transport = openPrinter(spec, { timeoutMs: this.opts.timeoutMs ?? 5000, virtualPort: this.virtual?.port });
      }
      const printerId = `printer-${kiosk.id}`;
      this.slots.set(printerId, { printerId, kiosk, uri, transport });
      this.spooler.register(printerId, transport);
    }
    this.spooler.on('job', (job: PrintJobState) => this.publishJob(job));
    this.spooler.on('status', (printerId: string) => this.publishPrinter(printerId));
    this.spooler.pollStatus(30000);
  }

  /** The agent on a kiosk PC reported its printer's state. */
  agentStatus(kioskId: string, s: Omit<PrinterStatus, 'checkedAt'>): void {
    const a = this.agents.get(kioskId);
    if (!a) return;
    a.lastStatus = { ...s, checkedAt: Date.now() };
    this.publishPrinter(`printer-${kioskId}`);
  }

  /** Queues the ticket at its kiosk's printer and waits briefly for the first answer. */
  async printTicket(ticket: Ticket, kioskId: string | null): Promise<PrintOutcome> {
    const slot = [...this.slots.values()].find((s) => s.kiosk.id === kioskId);
    if (!slot) return { jobId: null, state: 'none', printerId: null };
    const bytes = this.ticketBytes(ticket, slot);
    const jobId = `job-${ticket.id}`;
    const first = this.firstAnswer(jobId);
    const state = this.spooler.submit(slot.printerId, { id: jobId, ticketId: ticket.id, bytes });
    const settled = state.state === 'printed' || state.state === 'failed' ? state : await first;
    return outcome(settled, slot.printerId);
  }

  private firstAnswer(jobId: string): Promise<PrintJobState> {
    return new Promise((resolve) => {
      let last: PrintJobState | null = null;
      const done = (j: PrintJobState) => {
        clearTimeout(timer);
        this.spooler.off('job', on);
        resolve(j);
      };
      const on = (j: PrintJobState) => {
        if (j.id !== jobId) return;
        last = j;
        if (j.state === 'printed' || j.state === 'failed' || j.state === 'retrying') done(j);
      };
      const timer = setTimeout(() => done(last ?? ({ id: jobId, state: 'queued' } as PrintJobState)), FIRST_ANSWER_MS);
      this.spooler.on('job', on);
    });
  }

  reprint(jobId: string): PrintJobState {
    if (this.spooler.bytesOf(jobId)) return this.spooler.reprint(jobId);
    // After a restart the spooler forgot the day's jobs; the ticket itself is on disk: print it anew.
    const found = this.dayTicketJob(jobId);
    if (!found) throw new Error(`unknown print job "${jobId}"`);
    return this.spooler.submit(found.slot.printerId, { id: jobId, ticketId: found.ticket.id, bytes: this.ticketBytes(found.ticket, found.slot) });
  }

  /** Whether a job id names a job this server can show or reprint (the spooler's, or a ticket of today). */
  knows(jobId: string): boolean {
    return this.spooler.bytesOf(jobId) !== null || this.dayTicketJob(jobId) !== null;
  }

  /** The printed ticket as an image: the job's own bytes, or after a restart the ticket rendered again. */
  previewPng(jobId: string): Buffer | null {
    const bytes = this.spooler.bytesOf(jobId);
    const found = bytes ? null : this.dayTicketJob(jobId);
    const slot = found?.slot ?? [...this.slots.values()].find((s) => this.spooler.jobsFor(s.printerId).some((j) => j.id === jobId));
    const out = bytes ?? (found ? this.ticketBytes(found.ticket, found.slot) : null);
    return out ? renderPreviewPng(out, { paper: slot?.kiosk.paper ?? 80 }) : null;
  }

  /**
   * The day's jobs of one printer, newest first: the spooler's with their state, and the tickets
   * this kiosk issued today that the spooler no longer knows (after a restart: state unknown).
   */
  dayJobs(printerId: string, limit = 30): PrintJobListItem[] {
    const slot = this.slots.get(printerId);
    if (!slot) return [];
    const tickets = this.ctx.queue.engine.state.tickets;
    const known = this.spooler.jobsFor(printerId);
    const seen = new Set(known.map((j) => j.id));
    const items: PrintJobListItem[] = known.map((j) => ({
      id: j.id,
      ticketId: j.ticketId ?? null,
      number: j.ticketId ? (tickets.get(j.ticketId)?.number ?? null) : null,
      test: j.id.startsWith('test-'),
      state: j.state,
      at: j.submittedAt,
      reprints: j.reprints,
      error: j.error ?? null,
    }));
    for (const t of tickets.values()) {
      if (t.source.kind !== 'kiosk' || t.source.id !== slot.kiosk.id || t.transferredFrom || seen.has(`job-${t.id}`)) continue;
      items.push({ id: `job-${t.id}`, ticketId: t.id, number: t.number, test: false, state: 'unknown', at: t.issuedAt, reprints: 0, error: null });
    }
    return items.sort((a, b) => b.at - a.at).slice(0, limit);
  }

  private dayTicketJob(jobId: string): { ticket: Ticket; slot: Slot } | null {
    if (!jobId.startsWith('job-')) return null;
    const ticket = this.ctx.queue.engine.state.tickets.get(jobId.slice(4));
    if (!ticket || ticket.source.kind !== 'kiosk') return null;
    const slot = [...this.slots.values()].find((s) => s.kiosk.id === ticket.source.id);
    return slot ? { ticket, slot } : null;
  }

  private ticketBytes(ticket: Ticket, slot: Slot): Buffer {
    const e = this.ctx.queue.engine;
    const view = e.estimator.ticketView(ticket, this.ctx.queue.clock());
    const data = ticketPrintData(
      e.venue,
      ticket,
      view.ahead,
      view.estimatedWaitMinutes,
      `${this.ctx.publicUrl.replace(/\/$/, '')}/t/${ticket.id}`,
      view.serviceStartsAt,
    );
    return renderTicket(data, { paper: slot.kiosk.paper, qr: slot.kiosk.qr });
  }

  /** Prints the sample ticket on one printer (supervisor's test button). */
  testPrint(printerId: string): PrintJobState {
    const slot = this.slots.get(printerId);
    if (!slot) throw new Error(`unknown printer ${printerId}`);
    const bytes = renderTicket(sampleTicket({ specimen: true, issuedAt: this.ctx.queue.clock(), qrUrl: `${this.ctx.publicUrl}/kiosk` }), {
      paper: slot.kiosk.paper,
      qr: slot.kiosk.qr,
    });
    return this.spooler.submit(printerId, { id: `test-${randomBytes(6).toString('base64url')}`, bytes });
  }

  has(printerId: string): boolean {
    return this.slots.has(printerId);
  }

  kioskOf(jobId: string): string | null {
    const job = [...this.slots.keys()].flatMap((p) => this.spooler.jobsFor(p)).find((j) => j.id === jobId);
    return job ? (this.slots.get(job.printerId)?.kiosk.id ?? null) : (this.dayTicketJob(jobId)?.slot.kiosk.id ?? null);
  }

  states(): PrinterStateView[] {
    return [...this.slots.keys()].map((id) => this.stateOf(id));
  }

  jobs(printerId: string): PrintJobState[] {
    return this.spooler.jobsFor(printerId);
  }

  private stateOf(printerId: string): PrinterStateView {
    const slot = this.slots.get(printerId)!;
    const st = this.spooler.printerState(printerId);
    const s = st.status;
    return {
      printerId,
      kioskId: slot.kiosk.id,
      uri: slot.uri,
      queue: st.queue,
      lastError: st.lastError ?? null,
      checkedAt: s.checkedAt ?? null,
      online: s.online,
      coverOpen: s.coverOpen,
      paperNearEnd: s.paperNearEnd,
      paperOut: s.paperOut,
      error: s.error,
    };
  }

  private publishJob(job: PrintJobState): void {
    const slot = this.slots.get(job.printerId);
    if (!slot || !this.io) return;
    this.io.to([`kiosk:${slot.kiosk.id}`, 'supervisors']).emit('printJob', {
      jobId: job.id,
      ticketId: job.ticketId ?? null,
      printerId: job.printerId,
      state: job.state,
      attempts: job.attempts,
      error: job.error ?? null,
    });
    this.publishPrinter(job.printerId);
  }

  private publishPrinter(printerId: string): void {
    if (this.slots.has(printerId)) this.io?.to('supervisors').emit('printer', this.stateOf(printerId));
  }

  async close(): Promise<void> {
    await this.spooler.close();
    await this.virtual?.stop();
  }
}

function outcome(j: PrintJobState, printerId: string): PrintOutcome {
  const state = j.state === 'printed' ? 'printed' : j.state === 'failed' || j.state === 'retrying' ? 'failed' : 'queued';
  return { jobId: j.id, state, printerId, error: j.error };
}
