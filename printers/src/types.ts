// Shared public types of the printers workspace (imported by the server through index.ts).

/** Everything printed on one queue ticket; strings are shown to the visitor as-is (Bahasa Indonesia). */
export interface TicketPrintData {
  venueName: string;
  venueSubtitle: string;
  agencyName: string;
  serviceName: string;
  number: string;
  priorityLabel?: string;
  floorLabel: string;
  waitingArea: string;
  /** Epoch milliseconds; printed as date and time in `timeZone`. */
  issuedAt: number;
  /** IANA zone, e.g. "Asia/Makassar" (printed as "WITA"). */
  timeZone: string;
  ahead: number;
  estimatedWaitMinutes: number | null;
  /** Epoch ms service is expected to start, when no counter was open yet as the ticket was taken. */
  serviceStartsAt?: number | null;
  requirements: string[];
  fee: string;
  qrUrl: string;
  footer?: string;
  /** A test print: CONTOH / TEST across the number, no priority and no QR, so nobody mistakes it for a ticket. */
  specimen?: boolean;
}

export type PaperWidth = 58 | 80;
export type QrMode = 'native' | 'raster';

/** Printer condition as far as the transport can tell; unknown fields are left undefined. */
export interface PrinterStatus {
  online: boolean;
  coverOpen?: boolean;
  paperNearEnd?: boolean;
  paperOut?: boolean;
  error?: string;
  checkedAt: number;
}

/** Optional metadata a caller may pass along with a job (the file transport uses the id in its file name). */
export interface PrintJobMeta {
  id?: string;
}

/** One way of getting bytes to a printer. Transports are reusable after close(): it only releases resources. */
export interface PrinterTransport {
  readonly uri: string;
  print(bytes: Buffer, job?: PrintJobMeta): Promise<void>;
  status(): Promise<PrinterStatus>;
  close(): Promise<void>;
}

export type PrinterSpec =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'usb'; vendorId?: number; productId?: number }
  | { kind: 'serial'; path: string; baud: number }
  | { kind: 'file'; dir: string }
  | { kind: 'virtual' };

export interface OpenPrinterOptions {
  /** Connect/write/answer timeout per job (ms). */
  timeoutMs?: number;
  /** Port of an in-process VirtualPrinter; without it the virtual transport starts its own. */
  virtualPort?: number;
}
