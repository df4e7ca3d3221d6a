import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCH = fileURLToPath(new URL('../bench/', import.meta.url));
const now = () => performance.timeOrigin + performance.now();

function forkTs(file: string, args: string[]): ChildProcess {
  return fork(BENCH + file, args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/**
 * The bench's floor, measured again on this machine right now: a bare socket.io server does
 * one fsynced write and one broadcast per POST to `clients` clients in another process (the
 * same two programs `npm run bench` forks); answers the POST -> last client times in ms.
 */
export async function measureBaseline(clients = 300, calls = 100): Promise<number[]> {
  const server = forkTs('baseline-server.ts', []);
  let swarm: ChildProcess | null = null;
  try {
    const port = await new Promise<number>((resolve) => server.once('message', (m: { port: number }) => resolve(m.port)));
    const url = `http://127.0.0.1:${port}`;
    swarm = forkTs('clients.ts', [url, String(clients), 'x', '{}']);
    const done = new Map<string, number>();
    let wake: (() => void) | null = null;
    await new Promise<void>((resolve, reject) => {
      swarm!.on('message', (m: { type: string; key?: string; last?: number; message?: string }) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'error') reject(new Error(m.message));
        else if (m.type === 'done') {
          done.set(m.key!, m.last!);
          wake?.();
        }
      });
    });
    const out: number[] = [];
    for (let i = 0; i < calls; i++) {
      const key = `b${i}`;
      const t0 = now();
      await fetch(url, { method: 'POST', body: JSON.stringify({ k: key }) });
      const until = Date.now() + 10000;
      while (!done.has(key)) {
        if (Date.now() > until) throw new Error(`baseline: ${key} did not reach all ${clients} clients`);
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 100);
        });
      }
      out.push(done.get(key)! - t0);
      await new Promise((r) => setTimeout(r, 50));
    }
    return out;
  } finally {
    if (swarm?.connected) swarm.send({ type: 'stop' });
    swarm?.kill();
    server.kill();
  }
}
