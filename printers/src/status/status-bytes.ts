// DLE EOT real-time status: request bytes and reply parsing per the Epson reference.
import type { PrinterStatus } from '../types.js';
import { PrinterError } from '../errors.js';

/** DLE EOT 1 (printer), DLE EOT 2 (offline cause), DLE EOT 4 (roll paper sensor), sent together; 3 reply bytes. */
export const STATUS_REQUEST = Buffer.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04]);
export const STATUS_REPLY_LENGTH = 3;

/** A status reply byte has bit 1 and bit 4 set and bits 0 and 7 clear. */
export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

/** Reply bytes for a printer in the given condition (what the virtual printer and test printers answer). */
export function statusReplyBytes(cond: { coverOpen?: boolean; paperNearEnd?: boolean; paperOut?: boolean; offline?: boolean } = {}): Buffer {
  const offline = Boolean(cond.offline || cond.coverOpen || cond.paperOut);
  const printer = 0x12 | (offline ? 0x08 : 0);
  const cause = 0x12 | (cond.coverOpen ? 0x04 : 0) | (cond.paperOut ? 0x20 : 0);
  const paper = 0x12 | (cond.paperNearEnd || cond.paperOut ? 0x0c : 0) | (cond.paperOut ? 0x60 : 0);
  return Buffer.from([printer, cause, paper]);
}

/**
 * Reads the three replies to STATUS_REQUEST: printer byte bit 3 = offline; offline-cause bit 2 = cover open,
 * bit 5 = stopped by paper end; paper-sensor bits 2/3 = near end, bits 5/6 = paper out.
 */
export function parseStatusReply(reply: Uint8Array, checkedAt = Date.now()): PrinterStatus {
  const [printer = 0, cause = 0, paper = 0] = reply;
  if (reply.length < STATUS_REPLY_LENGTH || ![printer, cause, paper].every(isStatusByte)) {
    return { online: false, error: `unexpected status reply ${Buffer.from(reply).toString('hex')}`, checkedAt };
  }
  const status: PrinterStatus = {
    online: (printer & 0x08) === 0,
    coverOpen: (cause & 0x04) !== 0,
    paperNearEnd: (paper & 0x0c) !== 0,
    paperOut: (paper & 0x60) !== 0 || (cause & 0x20) !== 0,
    checkedAt,
  };
  const fault = statusFault(status);
  if (fault) status.error = fault.message;
  return status;
}

/** The fault that must stop a job (paper out, cover open, offline), or null when the printer can print. */
export function statusFault(s: PrinterStatus): PrinterError | null {
  if (s.paperOut) return new PrinterError('paper-out', 'paper out: load a new paper roll');
  if (s.coverOpen) return new PrinterError('cover-open', 'printer cover is open');
  if (!s.online) return new PrinterError('offline', s.error ?? 'printer is offline');
  return null;
}

/** Status for transports that cannot read the printer: online only once a write has succeeded, otherwise unknown. */
export function writeOnlyStatus(lastWriteOk: boolean | undefined, lastError?: string): PrinterStatus {
  if (lastWriteOk) return { online: true, checkedAt: Date.now() };
  return { online: false, error: lastError ?? 'status unknown: nothing printed yet', checkedAt: Date.now() };
}
