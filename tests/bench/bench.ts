import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_PASSWORD, login, post, startServerProcess } from '../support/server-process.ts';
import { prefillDay } from './prefill.ts';

/**
 * npm run bench: issue latency at a steady 20 tickets/s, sustained issue throughput, and
 * call-next to the last of 300 socket clients in another process, on a day pre-filled with
 * 1,000 and with 20,000 tickets; beside them the machine's baseline (bare socket.io broadcast
 * after one fsynced write) and the ratio.
 */
const HERE = fileURLToPath(new URL('.', import.meta.url));
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 300);
const CALLS = Number(process.env.BENCH_CALLS ?? 100);
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}
const f = (x: number) => x.toFixed(1);

function forkTs(file: string, args: string[]): ChildProcess {
  return fork(join(HERE, file), args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** Connects the client swarm and returns a function that waits for an event key to reach all of them. */
async function swarm(url: string, event: string, auth: object) {
  const child = forkTs('clients.ts', [url, String(CLIENTS), event, JSON.stringify(auth)]);
  const waiters = new Map<string, (t: number) => void>();
  const early = new Map<string, number>();
  await new Promise<void>((resolve, reject) => {
    child.on('message', (m: { type: string; key?: string; last?: number; message?: string }) => {
      if (m.type === 'ready') resolve();
      else if (m.type === 'error') reject(new Error(m.message));
      else if (m.type === 'done') {
        const w = waiters.get(m.key!);
        if (w) w(m.last!);
        else early.set(m.key!, m.last!);
      }
    });
  });
  return {
    lastArrival(key: string, timeoutMs = 10000): Promise<number> {
      const t = early.get(key);
      if (t !== undefined) return Promise.resolve(t);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`event ${key} did not reach all ${CLIENTS} clients`)), timeoutMs);
        waiters.set(key, (x) => {
          clearTimeout(timer);
          resolve(x);
        });
      });
    },
    stop() {
      child.send({ type: 'stop' });
    },
  };
}

async function measureVenue(size: number) {
  const dataDir = mkdtempSync(join(tmpdir(), `antre-bench-${size}-`));
  prefillDay(dataDir, size, CALLS + 50);
  // Built server with the V8 flags of `npm start`.
  const proc = await startServerProcess({ dataDir, built: true, env: { LOG_LEVEL: 'error' } });
  try {
    const token = await login(proc.url, 'admin', ADMIN_PASSWORD);
    for (let i = 0; i < 20; i++) await post(proc.url, '/api/tickets', token, { serviceId: 'kk' }); // warm-up

    // Issue latency at a steady 20 tickets/s (open loop: the schedule does not wait for answers).
    const lat: number[] = [];
    const reqs: Promise<void>[] = [];
    const start = now();
    for (let i = 0; i < 200; i++) {
      const due = start + i * 50;
      while (now() < due) await sleep(Math.max(0, due - now() - 1));
      const t0 = now();
      reqs.push(post(proc.url, '/api/tickets', token, { serviceId: 'kk' }).then((r) => {
        if (r.status !== 201) throw new Error(`issue failed: ${JSON.stringify(r.body)}`);
        lat.push(now() - t0);
      }));
    }
    await Promise.all(reqs);

    // Sustained throughput: 32 concurrent loops for 5 s.
    let done = 0;
    const until = now() + 5000;
    await Promise.all(Array.from({ length: 32 }, async () => {
      while (now() < until) {
        const r = await post(proc.url, '/api/tickets', token, { serviceId: 'sertipikat' });
        if (r.status !== 201) throw new Error(`issue failed: ${JSON.stringify(r.body)}`);
        done++;
      }
    }));
    const throughput = done / 5;

    // Call-next to the last of N screens.
    const dev = await post(proc.url, '/api/devices', token, { kind: 'display', name: 'bench' });
    const paired = await post(proc.url, '/api/devices/pair', null, { code: dev.body.code });
    const s = await swarm(proc.url, 'call', { token: paired.body.token });
    const call: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const t0 = now();
      const r = await post(proc.url, '/api/counters/loket-1/call-next', token, {});
      if (r.status !== 200) throw new Error(`call-next failed: ${JSON.stringify(r.body)}`);
      call.push((await s.lastArrival(`${r.body.id}:0`)) - t0);
      await post(proc.url, '/api/counters/loket-1/finish', token, {});
      await sleep(50);
    }
    s.stop();
    const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${proc.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    return { size, lat, throughput, call, rss };
  } finally {
    await proc.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measureBaseline() {
  const server = forkTs('baseline-server.ts', []);
  const port = await new Promise<number>((r) => server.on('message', (m: { port: number }) => r(m.port)));
  const url = `http://127.0.0.1:${port}`;
  const s = await swarm(url, 'x', {});
  const out: number[] = [];
  try {
    for (let i = 0; i < CALLS; i++) {
      const t0 = now();
      await fetch(url, { method: 'POST', body: JSON.stringify({ k: `b${i}` }) });
      out.push((await s.lastArrival(`b${i}`)) - t0);
      await sleep(50);
    }
  } finally {
    s.stop();
    server.kill();
  }
  return out;
}

const baseline = await measureBaseline();
const runs = [];
for (const size of [1000, 20000]) runs.push(await measureVenue(size));
const b99 = pct(baseline, 99);
const lines = [
  `Antre bench (${CLIENTS} socket clients in a separate process, ${CALLS} calls; times in ms)`,
  `baseline: bare socket.io broadcast + 1 fsynced write: p50 ${f(pct(baseline, 50))}  p99 ${f(b99)}`,
  '',
  'day size | issue p50 | issue p99 (20/s) | issues/s sustained | call->last screen p50 | p99   | p99 / baseline | server RSS MB',
];
for (const r of runs) {
  lines.push(`${String(r.size).padStart(8)} | ${f(pct(r.lat, 50)).padStart(9)} | ${f(pct(r.lat, 99)).padStart(16)} | ${f(r.throughput).padStart(18)} | ${f(pct(r.call, 50)).padStart(21)} | ${f(pct(r.call, 99)).padStart(5)} | ${(pct(r.call, 99) / b99).toFixed(2).padStart(14)} | ${f(r.rss).padStart(13)}`);
}
const [small, big] = runs;
lines.push('', `per-command cost at 20,000 vs 1,000 tickets (issue p50 ratio): ${(pct(big!.lat, 50) / pct(small!.lat, 50)).toFixed(2)}x`);
console.log(lines.join('\n'));
process.exit(0);
