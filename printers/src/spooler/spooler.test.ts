import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos, textLines } from '../decode/decoder.js';
import { renderTicket } from '../layout/ticket.js';
import { sampleTicket } from '../sample.js';
import { FaultPrinter, type FaultPrinterOptions } from '../testing/fault-printer.js';
import { TcpTransport } from '../transport/tcp.js';
import type { PrinterStatus } from '../types.js';
import { PrintSpooler, type PrintJobState } from './spooler.js';
import { freePort } from '../testing/ports.js';

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

function spooler(opts: ConstructorParameters<typeof PrintSpooler>[0]): { sp: PrintSpooler; events: PrintJobState[] } {
  const sp = new PrintSpooler(opts);
  const events: PrintJobState[] = [];
  sp.on('job', (j) => events.push(j));
  cleanup.push(() => sp.close());
  return { sp, events };
}

async function faultPrinter(opts: FaultPrinterOptions): Promise<FaultPrinter> {
  const p = new FaultPrinter(opts);
  await p.start();
  cleanup.push(() => p.stop());
  return p;
}

/** Resolves with the job's state once it reaches `state`. */
function reach(sp: PrintSpooler, jobId: string, state: PrintJobState['state'], ms = 8000): Promise<PrintJobState> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`job ${jobId} did not reach ${state}`)), ms);
    const onJob = (j: PrintJobState): void => {
      if (j.id !== jobId || j.state !== state) return;
      clearTimeout(timer);
      sp.off('job', onJob);
      resolve(j);
    };
    sp.on('job', onJob);
  });
}

const ticket = (number = 'A-007'): Buffer => renderTicket(sampleTicket({ number }), { paper: 58, qr: 'native' });
const numbersIn = (p: FaultPrinter): string[] => p.jobs.map((b) => textLines(decodeEscPos(b)).find((l) => /^[A-Z]-\d{3}$/.test(l)) ?? '?');
const statesOf = (events: PrintJobState[], id: string): string[] => events.filter((e) => e.id === id).map((e) => e.state);

describe('PrintSpooler fault handling', () => {
  it('refused: fails an attempt, retries with backoff, then prints', async () => {
    const port = await freePort();
    const { sp, events } = spooler({ retries: 3, retryDelayMs: 100 });
    sp.register('loket-1', new TcpTransport('127.0.0.1', port, { timeoutMs: 500 }));
    const printer = new FaultPrinter({ port });
    cleanup.push(() => printer.stop());
    sp.on('job', (j) => {
      if (j.state === 'retrying' && j.attempts === 1) void printer.start(); // the printer comes back
    });
    const first = sp.submit('loket-1', { id: 'j1', ticketId: 't1', bytes: ticket() });
    expect(first).toMatchObject({ state: 'queued', attempts: 0, ticketId: 't1' });
    const done = await reach(sp, 'j1', 'printed');
    expect(done.attempts).toBe(2);
    expect(statesOf(events, 'j1')).toEqual(['queued', 'printing', 'retrying', 'printing', 'printed']);
    const retrying = events.find((e) => e.state === 'retrying')!;
    expect(retrying.error).toMatch(/connection refused/);
    expect(retrying.nextAttemptAt! - retrying.updatedAt).toBeGreaterThanOrEqual(50);
    expect(numbersIn(printer)).toEqual(['A-007']);
  });

  it('stall: the attempt times out, the retry prints', async () => {
    const printer = await faultPrinter({ plan: ['stall'] });
    const { sp, events } = spooler({ retries: 2, retryDelayMs: 50 });
    sp.register('loket-2', new TcpTransport('127.0.0.1', printer.port, { timeoutMs: 300 }));
    sp.submit('loket-2', { id: 'j2', bytes: ticket() });
    await reach(sp, 'j2', 'printed');
    expect(statesOf(events, 'j2')).toEqual(['queued', 'printing', 'retrying', 'printing', 'printed']);
    expect(events.find((e) => e.state === 'retrying')!.error).toMatch(/stalled/);
    expect(numbersIn(printer)).toEqual(['A-007']);
  });

  it('drop mid-job: the attempt fails, the retry prints the whole ticket', async () => {
    const printer = await faultPrinter({ plan: ['drop'], dropAfter: 150 });
    const { sp, events } = spooler({ retries: 2, retryDelayMs: 50 });
    sp.register('loket-3', new TcpTransport('127.0.0.1', printer.port, { timeoutMs: 500 }));
    sp.submit('loket-3', { id: 'j3', bytes: ticket() });
    await reach(sp, 'j3', 'printed');
    expect(statesOf(events, 'j3')).toEqual(['queued', 'printing', 'retrying', 'printing', 'printed']);
    expect(events.find((e) => e.state === 'retrying')!.error).toMatch(/dropped/);
    expect(printer.jobs).toHaveLength(1);
    expect(printer.jobs[0]!.includes(ticket())).toBe(true);
  });

  it('paper out: retries run out, the job stays failed, and a reprint after reloading paper prints it', async () => {
    const printer = await faultPrinter({ condition: { paperOut: true } });
    const { sp, events } = spooler({ retries: 2, retryDelayMs: 20 });
    const statuses: PrinterStatus[] = [];
    sp.on('status', (id, s) => id === 'loket-4' && statuses.push(s));
    sp.register('loket-4', new TcpTransport('127.0.0.1', printer.port, { timeoutMs: 500 }));
    sp.submit('loket-4', { id: 'j4', bytes: ticket() });
    const failed = await reach(sp, 'j4', 'failed');
    expect(failed.attempts).toBe(3);
    expect(failed.error).toMatch(/paper out/);
    expect(statesOf(events, 'j4')).toEqual(['queued', 'printing', 'retrying', 'printing', 'retrying', 'printing', 'failed']);
    expect(sp.printerState('loket-4')).toMatchObject({ queue: 0, lastError: expect.stringMatching(/paper out/), status: { online: false, paperOut: true } });
    expect(sp.jobsFor('loket-4')).toMatchObject([{ id: 'j4', state: 'failed' }]);
    expect(statuses.at(-1)).toMatchObject({ paperOut: true });
    await new Promise((r) => setTimeout(r, 100));
    expect(sp.jobsFor('loket-4')[0]!.state).toBe('failed'); // no silent retry after giving up
    expect(printer.jobs).toHaveLength(0);

    printer.condition = {};
    expect(sp.reprint('j4')).toMatchObject({ state: 'queued', attempts: 0, reprints: 1 });
    const printed = await reach(sp, 'j4', 'printed');
    expect(printed.attempts).toBe(1);
    // the supervisor no longer sees "paper out" once a whole job went through
    expect(sp.printerState('loket-4')).toMatchObject({ queue: 0, status: { online: true, paperOut: false } });
    expect(numbersIn(printer)).toEqual(['A-007']);
  });

  it('a printer that never comes back ends failed with the reason (no silent loss)', async () => {
    const port = await freePort();
    const { sp } = spooler({ retries: 1, retryDelayMs: 10 });
    sp.register('loket-5', new TcpTransport('127.0.0.1', port, { timeoutMs: 300 }));
    sp.submit('loket-5', { id: 'j5', bytes: ticket() });
    const failed = await reach(sp, 'j5', 'failed');
    expect(failed).toMatchObject({ attempts: 2, error: expect.stringMatching(/refused/) });
  });

  it('bounds an attempt with jobTimeoutMs even if the transport is slower', async () => {
    const printer = await faultPrinter({ mode: 'stall' });
    const { sp } = spooler({ retries: 0, jobTimeoutMs: 150 });
    sp.register('loket-6', new TcpTransport('127.0.0.1', printer.port, { timeoutMs: 400 }));
    sp.submit('loket-6', { id: 'j6', bytes: ticket() });
    const failed = await reach(sp, 'j6', 'failed');
    // the spooler's own timeout fired before the transport's (which would say "stalled")
    expect(failed.error).toMatch(/timed out after 150 ms/);
  });
});

describe('PrintSpooler queues', () => {
  it('a stalled printer never delays jobs at another printer', async () => {
    const stuck = await faultPrinter({ mode: 'stall' });
    const good = await faultPrinter({});
    const { sp } = spooler({ retries: 1, retryDelayMs: 50 });
    sp.register('stuck', new TcpTransport('127.0.0.1', stuck.port, { timeoutMs: 600 }));
    sp.register('good', new TcpTransport('127.0.0.1', good.port, { timeoutMs: 600 }));
    sp.submit('stuck', { id: 's1', bytes: ticket('B-001') });
    sp.submit('good', { id: 'g1', bytes: ticket('C-001') });
    sp.submit('good', { id: 'g2', bytes: ticket('C-002') });
    await reach(sp, 'g2', 'printed');
    // the stuck printer is still inside its first attempt (>= 1.2 s) while both good jobs are done
    expect(sp.jobsFor('stuck')[0]).toMatchObject({ state: 'printing', attempts: 1 });
    expect(numbersIn(good)).toEqual(['C-001', 'C-002']);
  });

  it("prints one printer's jobs in order, one at a time", async () => {
    const printer = await faultPrinter({});
    const { sp } = spooler({});
    sp.register('p', new TcpTransport('127.0.0.1', printer.port, { timeoutMs: 1000 }));
    for (const n of ['A-001', 'A-002', 'A-003', 'A-004']) sp.submit('p', { id: n, bytes: ticket(n) });
    expect(sp.printerState('p').queue).toBe(4);
    await reach(sp, 'A-004', 'printed');
    expect(numbersIn(printer)).toEqual(['A-001', 'A-002', 'A-003', 'A-004']);
    expect(sp.jobsFor('p').map((j) => j.state)).toEqual(['printed', 'printed', 'printed', 'printed']);
  });

  it('treats a repeated job id as the same job, and rejects unknown printers and jobs', async () => {
    const printer = await faultPrinter({});
    const { sp } = spooler({});
    sp.register('p', new TcpTransport('127.0.0.1', printer.port));
    const a = sp.submit('p', { id: 'same', bytes: ticket() });
    const b = sp.submit('p', { id: 'same', bytes: ticket() });
    expect(b.submittedAt).toBe(a.submittedAt);
    await reach(sp, 'same', 'printed');
    expect(printer.jobs).toHaveLength(1);
    expect(() => sp.submit('nope', { id: 'x', bytes: ticket() })).toThrow(/unknown printer "nope"/);
    expect(() => sp.reprint('missing')).toThrow(/unknown print job "missing"/);
    expect(() => sp.printerState('nope')).toThrow(/unknown printer/);
  });

  it('polls idle printers for status and emits it', async () => {
    const printer = await faultPrinter({ condition: { paperNearEnd: true } });
    const { sp } = spooler({});
    sp.register('p', new TcpTransport('127.0.0.1', printer.port, { timeoutMs: 500 }));
    const status = new Promise<[string, PrinterStatus]>((resolve) => sp.on('status', (id, s) => resolve([id, s])));
    sp.pollStatus(1000);
    const [id, s] = await status;
    expect(id).toBe('p');
    expect(s).toMatchObject({ online: true, paperNearEnd: true, paperOut: false });
    expect(sp.printerState('p').status.paperNearEnd).toBe(true);
  });
});
