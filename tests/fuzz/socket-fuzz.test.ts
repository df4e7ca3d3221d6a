import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, SocketPool, type Client } from './socket-clients.ts';
import { EVENT_NAMES } from './socket-events.ts';
import { fuzzConnect, fuzzEvents, fuzzRawPackets, fuzzStaleSockets, registeredEvents, type SocketRun } from './socket-fuzz.ts';
import { staffSockets, staleSockets } from './socket-stale.ts';
import { fuzzSocketPolicy } from './socket-policy.ts';
import { assertNoPollution, prototypeKeys, Tally } from './tally.ts';
import { createWorld, type World } from './world.ts';

/** Modest by default so the unit run stays quick; `npm run fuzz` is the long form. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);

let w: World;
let run: SocketRun;
const started = Date.now();

beforeAll(async () => {
  w = await createWorld();
  const sentinel = await open(w, { token: w.tokens.display });
  if (!sentinel.socket) throw new Error('sentinel could not connect');
  run = { runs: RUNS, seed: SEED, tally: new Tally(), baseline: prototypeKeys(), hit: new Set(), pool: new SocketPool(w), sentinel: sentinel.socket };
});
afterAll(async () => {
  if (run) console.log(run.tally.summary(`socket fuzz (seed ${SEED}, ${RUNS} runs an event)`, Date.now() - started));
  run?.pool.closeAll();
  run?.sentinel.close();
  await w?.close();
});

describe('bad input at every socket.io door', () => {
  it('every event the server listens to is in the contract and fuzzed here', async () => {
    expect((await registeredEvents(w)).sort()).toEqual([...EVENT_NAMES].sort());
  });

  it('the handshake: live identities connect, every other auth is refused in both languages, nothing changes', async () => {
    await fuzzConnect(w, run);
    expect(run.tally.door('socket connect').refused).toBeGreaterThan(0);
  }, 120_000);

  it('every client event with hostile payloads and every misuse of the ack: never a server error, refusals change nothing', async () => {
    await fuzzEvents(w, run);
    for (const e of EVENT_NAMES) expect(run.hit.has(e), e).toBe(true);
    const t = run.tally.totals();
    expect(t.serverErrors).toBe(0);
    expect(t.stateChanges).toBe(0);
    expect(t.refused).toBeGreaterThan(0);
    expect(t.accepted).toBeGreaterThan(0);
  }, 180_000);

  it("counter commands from every kind of principal at its own desk and another: the policy's decision, refusals change nothing", async () => {
    await fuzzSocketPolicy(w, run);
    const c = run.tally.door('counter:command (policy)');
    expect(c.refused).toBeGreaterThan(0);
    expect(c.accepted).toBeGreaterThan(0);
    expect(c.stateChanges).toBe(0);
  }, 120_000);

  it('malformed packets on the wire: the connection is dropped or ignored, other clients are served', async () => {
    await fuzzRawPackets(w, run);
    expect(run.tally.door('socket raw packet').dropped).toBeGreaterThan(0);
  }, 120_000);

  it('a socket whose device was revoked or re-paired, or whose officer logged out or was disabled, can do nothing more', async () => {
    const stale = await staleSockets(w);
    try {
      await fuzzStaleSockets(w, run, stale, 'after revocation');
      // Closed the moment their rights ended (not at their next event): nothing comes through them.
      const d = run.tally.door('socket after revocation');
      expect(d.dropped, 'dropped when the rights ended').toBeGreaterThan(0);
      expect(d.dropped + d.refused).toBe(d.tried);
    } finally {
      for (const s of stale.values()) s.close();
    }
  }, 120_000);

  it('after the sessions expired: open staff sockets are refused, new handshakes too', async () => {
    const staff: Map<string, Client> = await staffSockets(w);
    try {
      const expired = await w.expireSessions();
      await fuzzStaleSockets(w, run, staff, 'after session expiry');
      await fuzzConnect(w, run, expired);
    } finally {
      for (const s of staff.values()) s.close();
    }
    const t = run.tally.totals();
    expect(t.serverErrors).toBe(0);
    expect(t.stateChanges).toBe(0);
    assertNoPollution(run.baseline);
    expect(w.errors).toEqual([]);
    const health = await w.h.api('/api/health');
    expect(health.status).toBe(200);
  }, 120_000);
});
