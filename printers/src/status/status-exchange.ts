// Asking a printer for DLE EOT status over any byte stream (TCP socket or serial tty) with a timeout.
import type { Readable, Writable } from 'node:stream';
import { PrinterError } from '../errors.js';
import { STATUS_REPLY_LENGTH, STATUS_REQUEST } from './status-bytes.js';

/**
 * Sends the DLE EOT 1/2/4 requests and resolves with the three reply bytes, or rejects with a 'timeout'
 * PrinterError if the printer does not answer within `timeoutMs` (it may simply not support status).
 */
export function exchangeStatus(input: Readable, output: Writable, timeoutMs: number, where: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const got: number[] = [];
    const cleanup = (): void => {
      clearTimeout(timer);
      input.off('data', onData);
      input.off('error', onFail);
      input.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      for (const b of chunk) if (got.length < STATUS_REPLY_LENGTH) got.push(b);
      if (got.length >= STATUS_REPLY_LENGTH) {
        cleanup();
        resolve(Buffer.from(got));
      }
    };
    const onFail = (err: Error): void => {
      cleanup();
      reject(err);
    };
    const onClose = (): void => onFail(new PrinterError('dropped', `${where}: connection closed while waiting for status`));
    const timer = setTimeout(() => {
      cleanup();
      reject(new PrinterError('timeout', `${where}: no status reply within ${timeoutMs} ms`));
    }, timeoutMs);
    input.on('data', onData);
    input.once('error', onFail);
    input.once('close', onClose);
    output.write(STATUS_REQUEST, (err) => {
      if (err) onFail(err);
    });
  });
}
