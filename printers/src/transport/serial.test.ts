import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeAt, decodeEscPos, initialDecoderState, textLines } from '../decode/decoder.js';
import { PrinterError } from '../errors.js';
import { renderTicket } from '../layout/ticket.js';
import { sampleTicket } from '../sample.js';
import { statusReplyBytes } from '../status/status-bytes.js';
import { openPtyEnd, startPtyPair, type PtyPair } from '../testing/socat-pair.js';
import type { VirtualCondition } from '../virtual/virtual-printer.js';
import { SerialTransport } from './serial.js';

const ticket = renderTicket(sampleTicket(), { paper: 58, qr: 'native' });

let pair: PtyPair;
let end: ReturnType<typeof openPtyEnd>;
let transport: SerialTransport;
let received: Buffer;

beforeEach(async () => {
  pair = await startPtyPair();
  end = openPtyEnd(pair.printerPath);
  received = Buffer.alloc(0);
  end.input.on('data', (d: Buffer) => {
    received = Buffer.concat([received, d]);
  });
  transport = new SerialTransport(pair.hostPath, 19200, { timeoutMs: 1000, statusTimeoutMs: 250 });
});

afterEach(async () => {
  await transport.close();
  end.close();
  await pair.stop();
});

async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Makes the test end of the pty answer DLE EOT like a printer in `cond`. */
function answerStatus(cond: () => VirtualCondition): void {
  const st = initialDecoderState();
  let scanned = 0;
  end.input.on('data', () => {
    while (scanned < received.length) {
      const op = decodeAt(received, scanned, st);
      if (!op) break;
      if (op.op === 'status') end.output.write(Buffer.from([statusReplyBytes(cond())[op.n === 1 ? 0 : op.n === 2 ? 1 : 2]!]));
      scanned += op.length;
    }
  });
}

describe('SerialTransport over socat ptys', () => {
  it('sets the line to raw and delivers the ticket bytes unchanged to a status-less printer', async () => {
    await transport.print(ticket);
    await until(() => received.length >= ticket.length + 9);
    // the first 9 bytes are the DLE EOT 1/2/4 probe the printer ignored; then the ticket, byte for byte
    expect(decodeEscPos(received.subarray(0, 9)).every((o) => o.op === 'status')).toBe(true);
    expect(received.subarray(9).equals(ticket)).toBe(true);
    expect(textLines(decodeEscPos(received))).toContain('A-007');
    expect(await transport.status()).toMatchObject({ online: true });
    // the transport configured the line speed with stty
    expect(execFileSync('stty', ['-F', pair.hostPath, 'speed']).toString().trim()).toBe('19200');
  });

  it('reads DLE EOT status and refuses to print when the paper is out', async () => {
    let cond: VirtualCondition = { paperNearEnd: true };
    answerStatus(() => cond);
    expect(await transport.status()).toMatchObject({ online: true, paperNearEnd: true, paperOut: false });
    await transport.print(ticket);
    cond = { paperOut: true };
    const err = await transport.print(ticket).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterError);
    expect((err as PrinterError).code).toBe('paper-out');
    await until(() => received.length >= ticket.length + 9 * 4);
    // status(), then probe + ticket + probe, then only the probe: the second ticket was never sent
    expect(received.length).toBe(ticket.length + 9 * 4);
  });

  it('reports a missing device clearly', async () => {
    const missing = new SerialTransport('/dev/antre-no-such-tty', 9600, { timeoutMs: 500 });
    const err = await missing.print(ticket).catch((e: unknown) => e);
    expect((err as PrinterError).code).toBe('not-found');
    expect((err as Error).message).toContain('serial:/dev/antre-no-such-tty?baud=9600');
  });
});
