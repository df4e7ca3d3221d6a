import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VenueInput } from '@antre/server/contract';
import { testVenueInput } from '../../server/src/testing/builders.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

/** A server whose clock stands still until the test moves it (ANTRE_SIM_CLOCK over IPC): minutes pass without sleeping. */
export interface SimServer extends ServerProcess {
  /** Server time now. */
  at: number;
  /** Moves the server's clock forward and waits until every screen was told. */
  advance(ms: number): Promise<void>;
}

/** Starts the test venue (with `over` applied) on a simulated clock that begins at `start` (default: the real time). */
export async function startSimServer(over: Partial<VenueInput> = {}, opts: { start?: number; env?: Record<string, string> } = {}): Promise<SimServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'antre-e2e-sim-'));
  const venue = join(dataDir, 'venue.json');
  writeFileSync(venue, JSON.stringify(testVenueInput(over)));
  let at = opts.start ?? Date.now();
  const proc = await startServerProcess({ dataDir, venue, ipc: true, env: { ANTRE_SIM_CLOCK: String(at), ...opts.env } });
  const sim = proc as SimServer;
  sim.at = at;
  sim.advance = (ms) =>
    new Promise<void>((resolve, reject) => {
      at += ms;
      const on = (m: { type: string; at: number; message?: string }) => {
        if (m.at !== at) return;
        proc.child.off('message', on);
        if (m.type === 'sim:clock:ok') {
          sim.at = at;
          resolve();
        } else reject(new Error(m.message));
      };
      proc.child.on('message', on);
      proc.child.send({ type: 'sim:clock', at });
    });
  return sim;
}
