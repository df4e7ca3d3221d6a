import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeEscPos, textLines } from '@antre/printers';
import { FaultPrinter } from '../../../printers/src/testing/fault-printer.js';
import { runAgent, type RunningAgent } from '../../../printers/src/cli/print-agent.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { testVenue } from '../testing/builders.js';

let h: Harness | null = null;
let agent: RunningAgent | null = null;
let fp: FaultPrinter | null = null;
const dir = mkdtempSync(join(tmpdir(), 'antre-agent-'));
afterEach(async () => {
  await agent?.stop();
  await h?.close();
  await fp?.stop();
  agent = null;
  h = null;
  rmSync(dir, { recursive: true, force: true });
});

async function until<T>(fn: () => Promise<T | false | undefined>, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('print agent on a kiosk PC', () => {
  it('pairs as the kiosk printer, prints the kiosk tickets it is sent, and reports its state', async () => {
    fp = new FaultPrinter();
    await fp.start();
    h = await startHarness({ venue: testVenue({ kiosks: [{ id: 'kiosk-1', name: 'Kios 1', floor: 1, printer: 'agent' }] }), printRetryDelayMs: 150 });
    const dev = await h.api('/api/devices', { token: h.adminToken, body: { kind: 'printer', name: 'Printer kios 1', ref: 'kiosk-1' } });
    expect(dev.status).toBe(201);
    const bad = await h.api('/api/devices', { token: h.adminToken, body: { kind: 'printer', name: 'X', ref: 'kiosk-77' } });
    expect(bad.body.error.code).toBe('INVALID_INPUT');
    const kc = await h.api('/api/devices', { token: h.adminToken, body: { kind: 'kiosk', name: 'Kios', ref: 'kiosk-1' } });
    const kiosk = (await h.api('/api/devices/pair', { body: { code: kc.body.code } })).body.token;

    // Before the agent runs, the kiosk's ticket still exists and the job waits for retries.
    const early = await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'ktp' } });
    expect(early.status).toBe(201);
    expect(early.body.print.state).toBe('failed');

    agent = await runAgent({
      server: h.server.url,
      pairCode: dev.body.code,
      printer: `tcp://127.0.0.1:${fp.port}`,
      tokenFile: join(dir, 'token.json'),
      statusEveryMs: 200,
      log: () => {},
    });
    await until(async () => agent!.socket.connected);
    const r = await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'ktp' } });
    expect(r.body.print.state).toBe('printed');
    const texts = () => fp!.jobs.map((b) => textLines(decodeEscPos(b)).join('\n'));
    await until(async () => texts().some((t) => t.includes(early.body.number)) && texts().some((t) => t.includes(r.body.number)));
    const state = await until(async () => {
      const p = (await h!.api('/api/printers', { token: h!.adminToken })).body.printers[0];
      return p?.online && p;
    });
    expect(state).toMatchObject({ kioskId: 'kiosk-1', uri: 'agent' });
  });
});
