// Error types that carry a machine-readable cause, so the spooler and the server can show why a job failed.

export type PrinterErrorCode = 'refused' | 'unreachable' | 'timeout' | 'dropped' | 'paper-out' | 'cover-open' | 'offline' | 'not-found' | 'closed' | 'io';

/** A printing fault with a clear message and a code the spooler can log or display. */
export class PrinterError extends Error {
  readonly code: PrinterErrorCode;
  constructor(code: PrinterErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PrinterError';
    this.code = code;
  }
}

/** Thrown by parsePrinterUri; the message names the part of the URI that is wrong. */
export class PrinterUriError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrinterUriError';
  }
}

/** Turns a Node socket/fs error into a PrinterError that says what happened in plain words. */
export function toPrinterError(err: unknown, where: string): PrinterError {
  if (err instanceof PrinterError) return err;
  const e = err as NodeJS.ErrnoException;
  const code = e?.code ?? '';
  const detail = e?.message ?? String(err);
  switch (code) {
    case 'ECONNREFUSED':
      return new PrinterError('refused', `${where}: connection refused (is the printer on and listening?)`, { cause: err });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new PrinterError('unreachable', `${where}: printer unreachable (${code})`, { cause: err });
    case 'ETIMEDOUT':
      return new PrinterError('timeout', `${where}: timed out (${code})`, { cause: err });
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
      return new PrinterError('dropped', `${where}: connection dropped by the printer mid-job (${code})`, { cause: err });
    case 'ENOENT':
      return new PrinterError('not-found', `${where}: device not found (${detail})`, { cause: err });
    default:
      return new PrinterError('io', `${where}: ${detail}`, { cause: err });
  }
}
