import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** Runs one of the bench's helper programs (TypeScript) as a child process with an IPC channel. */
export function forkTs(file: string, args: string[]): ChildProcess {
  return fork(join(HERE, file), args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** `clients` socket clients in one child process; answers when an event key has reached all of them. */
export async function swarm(url: string, event: string, auth: object, clients: number) {
  const child = forkTs('clients.ts', [url, String(clients), event, JSON.stringify(auth)]);
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
        const timer = setTimeout(() => reject(new Error(`event ${key} did not reach all ${clients} clients`)), timeoutMs);
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
