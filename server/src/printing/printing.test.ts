import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos, textLines } from '@antre/printers';
import { FaultPrinter } from '../../../printers/src/testing/fault-printer.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { testVenue } from '../testing/builders.js';
import { freePort } from '../../../printers/src/testing/ports.js';

let h: Harness | null = null;
const printers: FaultPrinter[] = [];
afterEach(async () => {
  await h?.close();
  h = null;
  await Promise.all(printers.splice(0).map((p) => p.stop()));
});

async function kioskHarness(uris: string[]): Promise<{ h: Harness; kiosks: string[] }> {
  const venue = testVenue({ kiosks: uris.map((u, i) => ({ id: `kiosk-${i + 1}`, name: `Kios ${i + 1}`, floor: 1, printer: u })) });
  h = await startHarness({ venue, printRetryDelayMs: 150, printTimeoutMs: 2000 });
  const kiosks: string[] = [];
  for (let i = 0; i < uris.length; i++) {
    const c = await h.api('/api/devices', { token: h.adminToken, body: { kind: 'kiosk', name: `K${i}`, ref: `kiosk-${i + 1}` } });
    kiosks.push((await h.api('/api/devices/pair', { body: { code: c.body.code } })).body.token);
  }
  return { h, kiosks };
}

async function printer(opts: ConstructorParameters<typeof FaultPrinter>[0] = {}): Promise<FaultPrinter> {
  const p = new FaultPrinter(opts);
  await p.start();
  printers.push(p);
  return p;
}

async function until<T>(fn: () => Promise<T | undefined | null | false>, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function jobOf(hh: Harness, ticketId: string) {
  const r = await hh.api('/api/printers', { token: hh.adminToken });
  return r.body.printers.flatMap((p: { jobs: { ticketId?: string }[] }) => p.jobs).find((j: { ticketId?: string }) => j.ticketId === ticketId);
}

describe('printing tickets at the kiosk', () => {
  it('a ticket taken at a kiosk arrives whole at its TCP printer', async () => {
    const p = await printer();
    const { h, kiosks } = await kioskHarness([`tcp://127.0.0.1:${p.port}`]);
    const r = await h.api('/api/tickets', { token: kiosks[0], body: { serviceId: 'ktp' } });
    expect(r.status).toBe(201);
    expect(r.body.print).toMatchObject({ state: 'printed', printerId: 'printer-kiosk-1' });
    expect(p.jobs).toHaveLength(1);
    const ops = decodeEscPos(p.jobs[0]!);
    expect(textLines(ops).join('\n')).toContain(r.body.number);
    const qr = ops.findIndex((o) => o.op === 'qr' && o.data === r.body.url);
    expect(qr).toBeGreaterThan(0);
    expect(ops.findIndex((o, i) => i > qr && o.op === 'cut')).toBeGreaterThan(qr);
  });

  it('a refusing printer: the ticket exists, the kiosk is told, and the job prints once the printer is back', async () => {
    const port = await freePort();
    const { h, kiosks } = await kioskHarness([`tcp://127.0.0.1:${port}`]);
    const r = await h.api('/api/tickets', { token: kiosks[0], body: { serviceId: 'ktp' } });
    expect(r.status).toBe(201);
    expect(r.body.print.state).toBe('failed');
    expect((await h.api(`/api/tickets/${r.body.id}`)).body.number).toBe(r.body.number);
    const p = await printer({ port });
    const job = await until(async () => {
      const j = await jobOf(h, r.body.id);
      return j?.state === 'printed' && j;
    });
    expect(job.attempts).toBeGreaterThanOrEqual(2);
    expect(textLines(decodeEscPos(p.jobs[0]!)).join('\n')).toContain(r.body.number);
  });

  it('a printer that drops the connection mid-job gets the job again, whole', async () => {
    const p = await printer({ mode: 'ok', dropAfter: 100 });
    const { h, kiosks } = await kioskHarness([`tcp://127.0.0.1:${p.port}`]);
    // The next connection (this ticket's first attempt) is cut after 100 bytes.
    p.setMode('ok', ['drop']);
    const r = await h.api('/api/tickets', { token: kiosks[0], body: { serviceId: 'kk' } });
    expect(r.status).toBe(201);
    const job = await until(async () => {
      const j = await jobOf(h, r.body.id);
      return j?.state === 'printed' && j;
    });
    expect(job.attempts).toBeGreaterThanOrEqual(2);
    expect(p.jobs).toHaveLength(1);
    expect(textLines(decodeEscPos(p.jobs[0]!)).join('\n')).toContain(r.body.number);
  });

  it('a stalled printer at one kiosk does not slow tickets or printing at another', async () => {
    const stuck = await printer({ mode: 'stall' });
    const fine = await printer();
    const { h, kiosks } = await kioskHarness([`tcp://127.0.0.1:${stuck.port}`, `tcp://127.0.0.1:${fine.port}`]);
    const a = h.api('/api/tickets', { token: kiosks[0], body: { serviceId: 'ktp' } });
    const b = await h.api('/api/tickets', { token: kiosks[1], body: { serviceId: 'ktp' } });
    expect(b.body.print.state).toBe('printed');
    expect(fine.jobs).toHaveLength(1);
    const ra = await a;
    expect(ra.status).toBe(201);
    expect(['failed', 'queued']).toContain(ra.body.print.state);
    // The supervisor sees the stuck printer once its attempt times out.
    const stuckState = await until(async () => {
      const states = (await h.api('/api/printers', { token: h.adminToken })).body.printers;
      const s = states.find((x: { printerId: string }) => x.printerId === 'printer-kiosk-1');
      return s?.lastError && s;
    });
    expect(stuckState.lastError).toMatch(/time/i);
  });

  it('the virtual printer keeps each ticket and its preview for the supervisor', async () => {
    const { h, kiosks } = await kioskHarness(['virtual']);
    const r = await h.api('/api/tickets', { token: kiosks[0], body: { serviceId: 'sertipikat' } });
    expect(r.status).toBe(201);
    await until(async () => (await jobOf(h, r.body.id))?.state === 'printed');
    const jobs = await until(async () => {
      const j = (await h.api('/api/printers/virtual/jobs', { token: h.adminToken })).body.jobs;
      return j.length > 0 && j;
    });
    expect(jobs[0].text).toContain(r.body.number);
    // An <img> loads the preview by its short-lived signed address; no staff token travels in a URL.
    const png = await fetch(`${h.server.url}${jobs[0].previewUrl}`);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect((await fetch(`${h.server.url}/api/printers/virtual/jobs/${jobs[0].id}.png`)).status).toBe(401);
    expect((await fetch(`${h.server.url}/api/printers/virtual/jobs/${jobs[0].id}.png?token=${h.adminToken}`)).status).toBe(401);
    expect((await fetch(`${h.server.url}${jobs[0].previewUrl.replace(/sig=./, 'sig=x')}`)).status).toBe(401);
    const test = await h.api('/api/printers/printer-kiosk-1/test', { token: h.adminToken, method: 'POST' });
    expect(test.status).toBe(202);
  });

  it('an unknown printer URI in the venue stops start-up with a message naming the kiosk', async () => {
    await expect(startHarness({ venue: testVenue({ kiosks: [{ id: 'kiosk-9', name: 'K', floor: 1, printer: 'lpt://1' }] }) })).rejects.toThrow(
      /kiosk-9.*lpt:\/\/1/,
    );
  });
});
