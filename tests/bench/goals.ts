import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { testVenueInput } from '../../server/src/testing/builders.ts';
import { ADMIN_PASSWORD, freePort, login, post, startFlags, startServerProcess } from '../support/server-process.ts';
import { prefillDay } from './prefill.ts';
import { bareWrite, TimedPrinter } from './timed-printer.ts';

/** The performance goals of the brief that the first bench did not measure, each beside its floor. */

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Both sides of the cold start are polled alike: a request every 25 ms until one answers 200. */
const POLL_MS = 25;

async function pollHealthy(url: string, limitMs: number): Promise<void> {
  const end = Date.now() + limitMs;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > end) throw new Error(`${url} not healthy within ${limitMs} ms`);
    await sleep(POLL_MS);
  }
}

/** The floor of a cold start: node with the same flags starting a bare HTTP server, to its first answer (ms). */
async function bareStart(): Promise<number> {
  const port = await freePort();
  const code = `require('node:http').createServer((q, s) => s.end('{}')).listen(${port}, '127.0.0.1')`;
  const t0 = now();
  const child = spawn(process.execPath, [...startFlags(), '-e', code], { stdio: 'ignore' });
  try {
    await pollHealthy(`http://127.0.0.1:${port}`, 10000);
    return now() - t0;
  } finally {
    child.kill('SIGKILL');
  }
}

export interface ColdStart {
  tickets: number;
  healthyMs: number;
  snapshotMs: number;
  floorMs: number;
}

/**
 * A day of `size` tickets (a compacted day document plus a journal tail) is SIGKILLed and
 * started again: time from the spawn to /api/health answering, and to the first snapshot at a
 * kiosk that was already trying to reconnect (as a kiosk in the hall does after a power cut).
 */
export async function coldStart(size = 20_000): Promise<ColdStart> {
  const dataDir = mkdtempSync(join(tmpdir(), 'antre-bench-cold-'));
  prefillDay(dataDir, size, 50);
  const env = { LOG_LEVEL: 'error', ANTRE_DEMO: '0' };
  let proc = await startServerProcess({ dataDir, built: true, env });
  let kiosk: ReturnType<typeof io> | null = null;
  try {
    const admin = await login(proc.url, 'admin', ADMIN_PASSWORD);
    const dev = await post(proc.url, '/api/devices', admin, { kind: 'kiosk', name: 'Kios bench', ref: 'kiosk-1' });
    const token = (await post(proc.url, '/api/devices/pair', null, { code: dev.body.code })).body.token as string;
    for (let i = 0; i < 20; i++) {
      const r = await post(proc.url, '/api/tickets', token, { serviceId: 'ktp' });
      if (r.status !== 201) throw new Error(`cold start set-up: ticket answered ${r.status} ${JSON.stringify(r.body)}`);
    }
    await proc.kill('SIGKILL');
    // The kiosk keeps trying while the server is down.
    kiosk = io(proc.url, { auth: { token }, transports: ['websocket'], reconnectionDelay: 10, reconnectionDelayMax: 10, randomizationFactor: 0 });
    const snapshot = new Promise<number>((resolve) => kiosk!.once('snapshot', () => resolve(now())));
    const t0 = now();
    proc = await startServerProcess({ dataDir, port: proc.port, built: true, env });
    const healthyMs = now() - t0;
    const snapshotMs = (await Promise.race([snapshot, sleep(30000).then(() => NaN)])) - t0;
    const floors: number[] = [];
    for (let i = 0; i < 3; i++) floors.push(await bareStart());
    return { tickets: size + 70, healthyMs, snapshotMs, floorMs: floors.sort((a, b) => a - b)[1]! };
  } finally {
    kiosk?.close();
    await proc.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export interface PrinterPath {
  rate: number;
  tickets: number;
  /** POST /api/tickets sent -> last byte of that ticket's job at the printer (ms). */
  ms: number[];
  /** The same job's bytes over a fresh TCP connection at the same rate (ms). */
  floorMs: number[];
  /** The kiosk's answer (201) alone, of the same requests (ms). */
  answerMs: number[];
}

/**
 * A paired kiosk takes tickets on a fixed schedule at each rate; its printer is a raw TCP
 * port-9100 printer on loopback. Each ticket is timed from its request to the last byte of the
 * job that carries its number. The floor writes the same job at the same rate straight to the printer.
 */
export async function printerPath(plan: { rate: number; seconds: number }[]): Promise<PrinterPath[]> {
  const printer = new TimedPrinter();
  await printer.start();
  const dataDir = mkdtempSync(join(tmpdir(), 'antre-bench-print-'));
  const venuePath = join(dataDir, 'venue.json');
  const base = testVenueInput();
  const kioskSpec = base.kiosks![0]!;
  writeFileSync(venuePath, JSON.stringify({ ...base, kiosks: [{ ...kioskSpec, printer: `tcp://127.0.0.1:${printer.port}` }] }));
  const proc = await startServerProcess({ dataDir, venue: venuePath, built: true, env: { LOG_LEVEL: 'error' } });
  try {
    const admin = await login(proc.url, 'admin', ADMIN_PASSWORD);
    const dev = await post(proc.url, '/api/devices', admin, { kind: 'kiosk', name: 'Kios bench', ref: kioskSpec.id });
    const kiosk = (await post(proc.url, '/api/devices/pair', null, { code: dev.body.code })).body.token as string;
    let answers: number[] = [];
    const take = async (): Promise<number> => {
      const t0 = now();
      const r = await post(proc.url, '/api/tickets', kiosk, { serviceId: 'ktp' });
      answers.push(now() - t0);
      if (r.status !== 201) throw new Error(`ticket answered ${r.status} ${JSON.stringify(r.body)}`);
      const line = new RegExp(`(^|\\s)${r.body.number as string}(\\s|$)`, 'm');
      // A job not at the printer within a minute counts as infinitely late (the p99 shows it).
      return printer
        .waitFor(`job for ${r.body.number}`, (j) => line.test(j.text), 60000)
        .then(
          (j) => j.at - t0,
          () => Infinity,
        );
    };
    for (let i = 0; i < 5; i++) await take(); // warm-up
    const job = printer.jobs.at(-1)!.bytes;
    const out: PrinterPath[] = [];
    for (const { rate, seconds } of plan) {
      const n = Math.round(rate * seconds);
      const schedule = async (fn: () => Promise<number>) => {
        const start = now();
        const all: Promise<number>[] = [];
        for (let i = 0; i < n; i++) {
          const due = start + (i * 1000) / rate;
          while (now() < due) await sleep(Math.max(0, due - now() - 1));
          all.push(fn());
        }
        return Promise.all(all);
      };
      answers = [];
      const ms = await schedule(take);
      const answerMs = answers;
      const floorMs = await schedule(() => bareWrite(printer, job));
      out.push({ rate, tickets: n, ms, floorMs, answerMs });
    }
    return out;
  } finally {
    await proc.kill();
    await printer.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
