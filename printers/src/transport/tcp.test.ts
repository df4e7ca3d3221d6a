import { afterEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { statusReplyBytes } from '../status/status-bytes.js';
import { decodeEscPos, textLines } from '../decode/decoder.js';
import { PrinterError } from '../errors.js';
import { renderTicket } from '../layout/ticket.js';
import { sampleTicket } from '../sample.js';
import { FaultPrinter } from '../testing/fault-printer.js';
import { TcpTransport } from './tcp.js';
import { freePort } from '../testing/ports.js';

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function printer(opts: ConstructorParameters<typeof FaultPrinter>[0] = {}): Promise<FaultPrinter> {
  const p = new FaultPrinter(opts);
  await p.start();
  cleanup.push(() => p.stop());
  return p;
}

function transport(port: number, timeoutMs = 400): TcpTransport {
  const t = new TcpTransport('127.0.0.1', port, { timeoutMs });
  cleanup.push(() => t.close());
  return t;
}

async function failure(p: Promise<unknown>): Promise<PrinterError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PrinterError);
  return err as PrinterError;
}

const ticket = renderTicket(sampleTicket(), { paper: 80, qr: 'raster' });

describe('TcpTransport against a raw 9100 test printer on 127.0.0.1', () => {
  it('delivers a full ticket, checking status before and after', async () => {
    const p = await printer();
    const t = transport(p.port);
    await t.print(ticket);
    expect(p.jobs).toHaveLength(1);
    const ops = decodeEscPos(p.jobs[0]!);
    const job = p.jobs[0]!;
    // everything the ticket had arrived, in order, between the status requests
    expect(job.subarray(9, 9 + ticket.length).equals(ticket)).toBe(true);
    expect(ops.filter((o) => o.op === 'status').map((o) => (o.op === 'status' ? o.n : 0))).toEqual([1, 2, 4, 1, 2, 4]);
    expect(textLines(ops)).toContain('A-007');
    expect(ops.at(-4)?.op).toBe('cut');
  });

  it('reads DLE EOT status: online, paper near end, paper out, cover open', async () => {
    const p = await printer();
    const t = transport(p.port);
    expect(await t.status()).toMatchObject({ online: true, paperNearEnd: false, paperOut: false, coverOpen: false });
    p.condition = { paperNearEnd: true };
    expect(await t.status()).toMatchObject({ online: true, paperNearEnd: true, paperOut: false });
    p.condition = { paperOut: true };
    expect(await t.status()).toMatchObject({ online: false, paperOut: true, error: expect.stringMatching(/paper out/) });
    p.condition = { coverOpen: true };
    expect(await t.status()).toMatchObject({ online: false, coverOpen: true });
    expect(p.jobs).toHaveLength(0);
  });

  it('fails with "paper out" before sending the job', async () => {
    const p = await printer({ condition: { paperOut: true } });
    const err = await failure(transport(p.port).print(ticket));
    expect(err.code).toBe('paper-out');
    expect(err.message).toMatch(/paper out/);
    expect(p.jobs).toHaveLength(0);
  });

  it('fails clearly when the connection is refused', async () => {
    const port = await freePort();
    const t = transport(port);
    const err = await failure(t.print(ticket));
    expect(err.code).toBe('refused');
    expect(err.message).toContain(`tcp://127.0.0.1:${port}`);
    expect(await t.status()).toMatchObject({ online: false, error: expect.stringMatching(/refused/) });
  });

  it('times out on a printer that accepts but never takes the job', async () => {
    const p = await printer({ mode: 'stall' });
    const started = Date.now();
    const err = await failure(transport(p.port, 300).print(ticket));
    expect(err.code).toBe('timeout');
    expect(err.message).toMatch(/stalled/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('fails when the printer drops the connection mid-job', async () => {
    const p = await printer({ mode: 'drop', dropAfter: 200 });
    const err = await failure(transport(p.port).print(ticket));
    expect(err.code).toBe('dropped');
    expect(p.jobs).toHaveLength(0);
  });

  it('prints to a printer that never answers status, and then reports it online without paper info', async () => {
    const p = await printer({ mode: 'silent' });
    const t = transport(p.port, 300);
    const before = await t.status();
    expect(before.online).toBe(false);
    expect(before.error).toMatch(/unknown/);
    await t.print(ticket);
    await t.print(ticket); // second job skips the status wait
    expect(p.jobs).toHaveLength(2);
    const after = await t.status();
    expect(after).toEqual({ online: true, checkedAt: expect.any(Number) });
  });

  it('a printer that once stalled still has its status read: paper out later is refused, not printed into', async () => {
    const p = await printer({ mode: 'stall' });
    const t = transport(p.port, 300);
    expect((await failure(t.print(ticket))).code).toBe('timeout');
    p.setMode('ok');
    p.condition = { paperOut: true };
    expect((await failure(t.print(ticket))).code).toBe('paper-out');
    expect(p.jobs).toHaveLength(0);
  });

  it('does not take a close for success from a printer whose status answer came late, then reset', async () => {
    // Holds its status answer until the job is in, then sends it and resets: data followed by a
    // reset reads as a clean end of stream on the client side.
    const server = net.createServer((sock) => {
      let got = 0;
      sock.on('error', () => undefined);
      sock.on('data', (d: Buffer) => {
        got += d.length;
        if (got < 9 + ticket.length) return;
        sock.write(statusReplyBytes());
        sock.resetAndDestroy();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    cleanup.push(() => new Promise((r) => server.close(r)));
    const t = new TcpTransport('127.0.0.1', (server.address() as net.AddressInfo).port, { timeoutMs: 400, statusTimeoutMs: 50 });
    cleanup.push(() => t.close());
    expect((await failure(t.print(ticket))).code).toBe('dropped');
  });
});
