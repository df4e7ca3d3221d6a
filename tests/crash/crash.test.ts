import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { ADMIN_PASSWORD, login, post, startServerProcess, type ServerProcess } from '../support/server-process.ts';

let proc: ServerProcess | null = null;
afterAll(async () => {
  await proc?.kill();
  if (proc) rmSync(proc.dataDir, { recursive: true, force: true });
});

interface Acked {
  id: string;
  number: string;
  serviceId: string;
}

/** Fires ticket requests from several concurrent loops until the server dies; returns those answered 201. */
async function burst(url: string, token: string, onAck: (n: number) => void): Promise<Acked[]> {
  const acked: Acked[] = [];
  const services = ['ktp', 'kk', 'sertipikat'];
  const loop = async (i: number) => {
    for (let k = 0; k < 400; k++) {
      try {
        const r = await post(url, '/api/tickets', token, { serviceId: services[(i + k) % services.length] });
        if (r.status === 201) {
          acked.push({ id: r.body.id, number: r.body.number, serviceId: r.body.serviceId });
          onAck(acked.length);
        }
      } catch {
        return; // the server is gone
      }
    }
  };
  await Promise.all(Array.from({ length: 24 }, (_, i) => loop(i)));
  return acked;
}

describe('crash safety', () => {
  it('SIGKILL during a burst of concurrent tickets loses no answered ticket and reuses no number', async () => {
    proc = await startServerProcess({ built: true });
    const dataDir = proc.dataDir;
    const all: Acked[] = [];
    for (let round = 0; round < 3; round++) {
      const token = await login(proc.url, 'admin', ADMIN_PASSWORD);
      const current = proc;
      let killed = false;
      const acked = await burst(current.url, token, (n) => {
        if (n >= 60 + round * 20 && !killed) {
          killed = true;
          current.child.kill('SIGKILL');
        }
      });
      await current.kill();
      expect(killed).toBe(true);
      all.push(...acked);
      proc = await startServerProcess({ dataDir, port: current.port, built: true });
      const t2 = await login(proc.url, 'admin', ADMIN_PASSWORD);
      const list = (await (await fetch(`${proc.url}/api/tickets`, { headers: { authorization: `Bearer ${t2}` } })).json()) as { tickets: Acked[] };
      const byId = new Map(list.tickets.map((t) => [t.id, t]));
      for (const a of all) expect(byId.get(a.id)?.number, `ticket ${a.number} answered 201 before the crash`).toBe(a.number);
      const numbers = list.tickets.map((t) => t.number);
      expect(new Set(numbers).size).toBe(numbers.length);
      // New tickets after the restart take numbers never used before.
      const fresh = await post(proc.url, '/api/tickets', t2, { serviceId: 'ktp' });
      expect(fresh.status).toBe(201);
      expect(numbers).not.toContain(fresh.body.number);
      all.push({ id: fresh.body.id, number: fresh.body.number, serviceId: 'ktp' });
    }
    expect(all.length).toBeGreaterThan(200);
  }, 120000);
});
