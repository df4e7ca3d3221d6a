import type { ErrorBody } from './errors.js';
import type { CallEvent, PublicCounter, QueueInfo, Snapshot, StaffTicket, TicketView } from './domain.js';
import type { SurveyVisit } from './survey.js';
import type { AlertsLive } from './alert-records.js';

/** Counter commands that travel over a socket as well as over HTTP. */
export const COUNTER_ACTIONS = ['call-next', 'recall', 'start', 'finish', 'no-show', 'hold', 'resume', 'transfer', 'status', 'undo-no-show'] as const;
export type CounterAction = (typeof COUNTER_ACTIONS)[number];

/** One board update: what changed among the counters and queues this screen shows. */
export interface BoardUpdate {
  rev: number;
  counters: PublicCounter[];
  queues: QueueInfo[];
}

export type Ack<T> = (result: { ok: true; data: T } | ({ ok: false } & ErrorBody)) => void;

export interface PrintJobMessage {
  jobId: string;
  ticketId: string | null;
  /** ESC/POS bytes, base64. */
  bytes: string;
}

export interface PrinterStatusMessage {
  online: boolean;
  coverOpen?: boolean;
  paperNearEnd?: boolean;
  paperOut?: boolean;
  error?: string;
}

/** One of the day's print jobs in the supervisor's printer list; 'unknown' after a restart (the ticket is kept, its job state is not). */
export interface PrintJobListItem {
  id: string;
  ticketId: string | null;
  number: string | null;
  /** The supervisor's test print (CONTOH / TEST). */
  test: boolean;
  state: PrintJobView['state'] | 'unknown';
  at: number;
  reprints: number;
  error: string | null;
}

/** A print job's progress, for the kiosk that printed it and for supervisors. */
export interface PrintJobView {
  jobId: string;
  ticketId: string | null;
  printerId: string;
  state: 'queued' | 'printing' | 'printed' | 'failed' | 'retrying';
  attempts: number;
  error: string | null;
}

export interface PrinterStateView extends PrinterStatusMessage {
  printerId: string;
  kioskId: string;
  uri: string;
  queue: number;
  lastError: string | null;
  checkedAt: number | null;
}

/** Events the server sends. Renaming one breaks every UI build. */
export interface ServerToClientEvents {
  snapshot: (s: Snapshot) => void;
  /**
   * Counters and queues that changed since the last update, as they are now (at most a few
   * updates a second under load; calls are never held back for them).
   */
  update: (u: BoardUpdate) => void;
  call: (c: CallEvent & { rev: number }) => void;
  /** Staff only: a ticket changed. */
  ticket: (t: StaffTicket & { rev: number }) => void;
  /** Ticket page: the visitor's own ticket changed or moved in the line. */
  ticketView: (t: TicketView) => void;
  announcements: (a: { rev: number; announcements: string[] }) => void;
  /** Venue configuration changed: fetch /api/venue again. */
  venue: (v: { version: number }) => void;
  /** A new service day started: take the snapshot that follows. */
  day: (d: { day: string }) => void;
  'server:restarting': () => void;
  /** Print agent only. */
  'print:job': (job: PrintJobMessage, ack: (r: { ok: boolean; error?: string }) => void) => void;
  /** Supervisors: a printer's state changed. */
  printer: (p: PrinterStateView) => void;
  /** Supervisors: the alerts now (evaluated on the server every few seconds); `begun` names new ones, for the sound. */
  alerts: (a: AlertsLive & { begun: string[] }) => void;
  /** The kiosk that printed it, and supervisors: a print job moved on. */
  printJob: (j: PrintJobView) => void;
  /** Survey tablets: a visit just finished where the tablet stands. */
  surveyVisit: (v: SurveyVisit) => void;
  /** Survey tablets: this visit's survey was answered (here or on the visitor's phone). */
  surveyClosed: (c: { ticketId: string }) => void;
}

/** Events a client may send. */
export interface ClientToServerEvents {
  'snapshot:request': (ack: Ack<Snapshot>) => void;
  'counter:command': (cmd: { counterId: string; action: CounterAction; body?: unknown }, ack: Ack<StaffTicket | PublicCounter | null>) => void;
  'printer:status': (s: PrinterStatusMessage) => void;
}

export interface SocketAuth {
  /** Staff session token or device token. */
  token?: string;
  /** Visitor's ticket page: the unguessable ticket id. */
  ticketId?: string;
}
