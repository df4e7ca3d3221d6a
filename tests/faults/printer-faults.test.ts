import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeEscPos, textLines } from '../../printers/src/index.ts';
import { FaultPrinter, type FaultPrinterOptions } from '../../printers/src/testing/fault-printer.ts';
import { testVenueInput } from '../../server/src/testing/builders.ts';
import { ADMIN_PASSWORD, freePort, login, post, startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { getJson, listen, pairDevice, until, type Listener } from './fault-support.ts';

// Five kiosks, each with its own misbehaving raw-9100 printer (a real TCP peer), in front of the
// real server process. Every fault runs at once, so each also shows that one kiosk's broken
// printer touches no other kiosk. The server runs with its production print settings (2 s first
// retry, 5 s transport timeout): the bounds below are generous liveness bounds around those.

type Fault = 'refused' | 'stall' | 'drop' | 'silent' | 'paper-out';

interface Case {
  fault: Fault;
  service: string;
  /** The printer as configured at start; none for 'refused' (nothing listens on the port). */
  printer: FaultPrinterOptions | null;
  /** What the kiosk and the supervisor must be told; null when the printer still prints. */
  error: RegExp | null;
  /** Bound for the kiosk to hear the failure. */
  boundMs: number;
}

const CASES: Case[] = [
  { fault: 'refused', service: 'ktp', printer: null, error: /refused/i, boundMs: 10000 },
  { fault: 'stall', service: 'kk', printer: { mode: 'stall' }, error: /stalled|timed out/i, boundMs: 20000 },
  { fault: 'drop', service: 'sertipikat', printer: { mode: 'drop', dropAfter: 200 }, error: /dropped|closed/i, boundMs: 10000 },
  { fault: 'silent', service: 'ktp', printer: { mode: 'silent' }, error: null, boundMs: 15000 },
  { fault: 'paper-out', service: 'kk', printer: { mode: 'ok', condition: { paperOut: true } }, error: /paper out/i, boundMs: 10000 },
];

interface Running {
  c: Case;
  kioskId: string;
  port: number;
  printer: FaultPrinter | null;
  token: string;
  kiosk: Listener;
  ticket: { id: string; number: string; url: string } | null;
  failedAttempts: number;
}

const dir = mkdtempSync(join(tmpdir(), 'antre-faults-print-'));
const dataDir = join(dir, 'data');
const running = new Map<Fault, Running>();
let server: ServerProcess | null = null;
let admin = '';
let stateBefore: { rev: number; tickets: unknown[] } | null = null;
const summary = { faults: 0, failedAttempts: 0, acknowledged: 0, found: 0, reprinted: 0 };

beforeAll(async () => {
  const kiosks = [];
  for (const c of CASES) {
    let printer: FaultPrinter | null = null;
    let port: number;
    if (c.printer) {
      printer = new FaultPrinter(c.printer);
      port = await printer.start();
    } else port = await freePort();
    const kioskId = `kiosk-${c.fault}`;
    running.set(c.fault, { c, kioskId, port, printer, token: '', kiosk: null as unknown as Listener, ticket: null, failedAttempts: 0 });
    kiosks.push({ id: kioskId, name: `Kios ${c.fault}`, floor: 1, printer: `tcp://127.0.0.1:${port}` });
  }
  const venue = join(dir, 'venue.json');
  writeFileSync(venue, JSON.stringify(testVenueInput({ kiosks })));
  server = await startServerProcess({ dataDir, venue, built: true });
  admin = await login(server.url, 'admin', ADMIN_PASSWORD);
  for (const r of running.values()) {
    r.token = await pairDevice(server.url, admin, { kind: 'kiosk', name: `Kios uji ${r.c.fault}`, ref: r.kioskId, floor: 1 });
    r.kiosk = await listen(server.url, { token: r.token });
  }
});

afterAll(async () => {
  for (const r of running.values()) {
    r.kiosk?.close();
    await r.printer?.stop();
  }
  await server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

async function printerState(kioskId: string): Promise<any> {
  const r = await getJson(server!.url, '/api/printers', admin);
  return r.body.printers.find((p: { kioskId: string }) => p.kioskId === kioskId);
}

/** The kiosk's own printJob events for one ticket's job, oldest first. */
function jobEvents(r: Running): any[] {
  return r.kiosk.of('printJob').filter((j) => j.jobId === `job-${r.ticket!.id}`);
}

/** Every job the printer fully received must be the whole ticket: its number, its QR, then a cut. */
function expectWholeTickets(jobs: Buffer[], ticket: { number: string; url: string }): void {
  expect(jobs.length).toBeGreaterThan(0);
  for (const bytes of jobs) {
    const ops = decodeEscPos(bytes);
    expect(textLines(ops).join('\n')).toContain(ticket.number);
    const qr = ops.findIndex((o) => o.op === 'qr' && o.data === ticket.url);
    expect(qr).toBeGreaterThan(0);
    expect(ops.findIndex((o, i) => i > qr && o.op === 'cut')).toBeGreaterThan(qr);
  }
}

describe('a kiosk printer that misbehaves never costs the visitor the ticket', () => {
  it('takes one ticket at each kiosk: all acknowledged whatever the printer does', async () => {
    const answers = await Promise.all([...running.values()].map((r) => post(server!.url, '/api/tickets', r.token, { serviceId: r.c.service })));
    for (const [i, r] of [...running.values()].entries()) {
      const a = answers[i]!;
      expect(a.status, `${r.c.fault}: ${JSON.stringify(a.body)}`).toBe(201);
      r.ticket = { id: a.body.id, number: a.body.number, url: a.body.url };
      expect(a.body.print).toMatchObject({ jobId: `job-${a.body.id}`, printerId: `printer-${r.kioskId}` });
      // A broken printer is never reported as having printed.
      if (r.c.error) expect(a.body.print.state, r.c.fault).not.toBe('printed');
      summary.acknowledged++;
    }
    const snap = await getJson(server!.url, '/api/snapshot', admin);
    stateBefore = { rev: snap.body.rev, tickets: snap.body.tickets };
    expect(stateBefore.tickets).toHaveLength(CASES.length);
  });

  for (const c of CASES) {
    it.concurrent(
      `${c.fault} printer: the ticket stands, kiosk and supervisor are told, a reprint prints it whole`,
      async ({ expect }) => {
        const r = running.get(c.fault)!;
        const t0 = Date.now();
        summary.faults++;
        // The ticket is durable and readable whatever the printer does.
        expect((await getJson(server!.url, `/api/tickets/${r.ticket!.id}`)).body.number).toBe(r.ticket!.number);
        if (c.error) {
          const failed = await until(
            `${c.fault}: kiosk hears a failed print attempt`,
            () => jobEvents(r).find((j) => j.state === 'retrying' || j.state === 'failed'),
            c.boundMs,
          );
          expect(failed.error).toMatch(c.error);
          expect(failed.ticketId).toBe(r.ticket!.id);
          const seen = await printerState(r.kioskId);
          expect(seen.online).toBe(false);
          expect(seen.lastError).toMatch(c.error);
          if (c.fault === 'paper-out') expect(seen.paperOut).toBe(true);
          expect(r.printer?.jobs ?? []).toHaveLength(0);
          if (c.fault === 'stall') {
            // Fixed while the job waits for its retry: the spooler's own retry prints it.
            r.printer!.setMode('ok');
            await until('stall: the retry prints once the printer reads again', () => jobEvents(r).find((j) => j.state === 'printed'), 20000);
            expect(jobEvents(r).find((j) => j.state === 'printed').attempts).toBeGreaterThanOrEqual(2);
          } else {
            // Still broken: the spooler tries again by itself and fails again, visibly.
            await until(
              `${c.fault}: the spooler retries`,
              () => jobEvents(r).find((j) => j.attempts >= 2 && (j.state === 'retrying' || j.state === 'failed')),
              15000,
            );
            expect(r.printer?.jobs ?? []).toHaveLength(0);
            if (c.fault === 'refused') {
              r.printer = new FaultPrinter({ port: r.port });
              await r.printer.start();
            } else if (c.fault === 'drop') r.printer!.setMode('ok');
            else r.printer!.condition = {};
          }
        } else {
          // A printer that never answers status is printed to without it.
          await until(`${c.fault}: kiosk hears the ticket printed`, () => jobEvents(r).find((j) => j.state === 'printed'), c.boundMs);
          expect((await printerState(r.kioskId)).lastError).toBeNull();
        }
        // Once the printer is fixed, a reprint from the kiosk prints the whole ticket.
        const before = r.printer!.jobs.length;
        const sentAt = Date.now();
        const re = await post(server!.url, `/api/print-jobs/job-${r.ticket!.id}/reprint`, r.token);
        expect(re.status).toBe(202);
        await until(
          `${c.fault}: the reprint is printed`,
          () => r.kiosk.heard.find((h) => h.at >= sentAt && h.event === 'printJob' && h.data.jobId === `job-${r.ticket!.id}` && h.data.state === 'printed'),
          15000,
        );
        await until(`${c.fault}: the printer holds the reprint`, () => r.printer!.jobs.length > before, 5000);
        expectWholeTickets(r.printer!.jobs, r.ticket!);
        if (c.fault === 'stall') {
          // Having once stalled (no status answer), the printer still has its status read: paper out is seen, not printed into.
          r.printer!.condition = { paperOut: true };
          summary.faults++;
          const jobsBefore = r.printer!.jobs.length;
          const at = Date.now();
          expect((await post(server!.url, `/api/print-jobs/job-${r.ticket!.id}/reprint`, r.token)).status).toBe(202);
          const told = await until(
            'stall: a later paper out is noticed',
            () =>
              r.kiosk.heard.find(
                (h) =>
                  h.at >= at && h.event === 'printJob' && h.data.jobId === `job-${r.ticket!.id}` && ['retrying', 'failed', 'printed'].includes(h.data.state),
              ),
            15000,
          );
          expect(told.data.state).not.toBe('printed');
          expect(told.data.error).toMatch(/paper out/i);
          expect(r.printer!.jobs).toHaveLength(jobsBefore);
          r.printer!.condition = {};
          await until(
            'stall: printed again once paper is loaded',
            () => r.kiosk.heard.find((h) => h.at > told.at && h.event === 'printJob' && h.data.jobId === `job-${r.ticket!.id}` && h.data.state === 'printed'),
            15000,
          );
          expectWholeTickets(r.printer!.jobs, r.ticket!);
        }
        const after = await printerState(r.kioskId);
        expect(after.lastError).toBeNull();
        expect(after.paperOut ?? false).toBe(false);
        // This kiosk heard only about its own printer.
        expect(r.kiosk.of('printJob').every((j) => j.printerId === `printer-${r.kioskId}`)).toBe(true);
        r.failedAttempts = jobEvents(r).filter((j) => j.state === 'retrying' || j.state === 'failed').length;
        summary.failedAttempts += r.failedAttempts;
        summary.reprinted++;
        console.log(`printer fault ${c.fault}: ${r.failedAttempts} failed attempts seen by the kiosk, reprinted whole after ${Date.now() - t0} ms`);
      },
      60000,
    );
  }
});

describe('after the printer faults', () => {
  it('changed no ticket or queue state, and every ticket outlives a SIGKILL', async () => {
    const snap = await getJson(server!.url, '/api/snapshot', admin);
    expect(snap.body.rev).toBe(stateBefore!.rev);
    expect(snap.body.tickets).toEqual(stateBefore!.tickets);
    const port = server!.port;
    await server!.kill('SIGKILL');
    server = await startServerProcess({ dataDir, venue: join(dir, 'venue.json'), port, built: true });
    admin = await login(server.url, 'admin', ADMIN_PASSWORD);
    const restored = await getJson(server.url, '/api/snapshot', admin);
    const byId = new Map<string, any>(restored.body.tickets.map((t: { id: string }) => [t.id, t]));
    for (const r of running.values()) {
      const t = await getJson(server.url, `/api/tickets/${r.ticket!.id}`);
      expect(t.status).toBe(200);
      expect(t.body.number).toBe(r.ticket!.number);
      expect(byId.get(r.ticket!.id)?.status).toBe('waiting');
      summary.found++;
    }
    expect(restored.body.tickets).toEqual(stateBefore!.tickets);
    console.log(
      `printer faults: ${summary.faults} faults injected on 5 kiosk printers (${summary.failedAttempts} failed print attempts heard by the kiosks), ${summary.acknowledged} tickets acknowledged, ${summary.found} found after SIGKILL + restart, ${summary.reprinted} reprinted whole`,
    );
  }, 60000);
});
