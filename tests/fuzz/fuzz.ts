/**
 * The long form of the fuzz tests: the same properties as tests/fuzz/*.test.ts with many more
 * runs, then a table of every door (HTTP route or socket event) and the totals.
 *
 *   npm run fuzz -- --runs 200 --seed 7 [--only http|socket]
 */
import { COUNTER_ACTIONS } from '@antre/server/contract';
import { appOf, DOORS, doorKey, enumerateRoutes } from './http-doors.ts';
import { fuzzDoors, fuzzExpired, fuzzOtherCounters, fuzzUnknownPaths, type FuzzRun } from './http-fuzz.ts';
import { open, SocketPool } from './socket-clients.ts';
import { EVENT_NAMES } from './socket-events.ts';
import { fuzzConnect, fuzzEvents, fuzzRawPackets, fuzzStaleSockets, registeredEvents, type SocketRun } from './socket-fuzz.ts';
import { staffSockets, staleSockets } from './socket-stale.ts';
import { assertNoPollution, prototypeKeys, Tally } from './tally.ts';
import { createWorld } from './world.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const runs = Number(arg('runs', '200'));
const seed = Number(arg('seed', '20261125'));
const only = arg('only', 'all');
if (!Number.isInteger(runs) || runs < 1 || !Number.isFinite(seed)) {
  console.error('usage: npm run fuzz -- --runs N --seed S [--only http|socket]');
  process.exit(2);
}

// In-process server: a crash would surface here rather than as a dead child.
const crashes: string[] = [];
process.on('unhandledRejection', (e) => crashes.push(`unhandled rejection: ${String((e as Error)?.stack ?? e)}`));
process.on('uncaughtException', (e) => crashes.push(`uncaught exception: ${String(e.stack ?? e)}`));

function must(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

async function http(tally: Tally): Promise<void> {
  const w = await createWorld();
  const run: FuzzRun = { runs, seed, tally, baseline: prototypeKeys(), hit: new Set() };
  const started = Date.now();
  try {
    const routes = enumerateRoutes(appOf(w));
    must(
      routes.every((r) => DOORS.some((d) => doorKey(d) === r)),
      `routes without a door: ${routes.filter((r) => !DOORS.some((d) => doorKey(d) === r)).join(', ')}`,
    );
    await fuzzDoors(w, run);
    await fuzzUnknownPaths(w, run);
    await fuzzOtherCounters(w, run);
    must(
      routes.every((r) => run.hit.has(r)),
      `routes never fuzzed: ${routes.filter((r) => !run.hit.has(r)).join(', ')}`,
    );
    must(
      COUNTER_ACTIONS.every((a) => run.hit.has(`action ${a}`)),
      'a counter action was never fuzzed',
    );
    await fuzzExpired(w, run);
    must((await w.h.api('/api/health')).status === 200, 'health check failed');
    must(w.errors.length === 0, `server logged errors:\n${w.errors.join('\n')}`);
    assertNoPollution(run.baseline);
  } finally {
    console.log(`\n${run.tally.table()}\n${run.tally.summary(`http fuzz (seed ${seed}, ${runs} runs a door)`, Date.now() - started)}`);
    await w.close();
  }
}

async function sockets(tally: Tally): Promise<void> {
  const w = await createWorld();
  const sentinel = await open(w, { token: w.tokens.display });
  if (!sentinel.socket) throw new Error('sentinel could not connect');
  const run: SocketRun = { runs, seed, tally, baseline: prototypeKeys(), hit: new Set(), pool: new SocketPool(w), sentinel: sentinel.socket };
  const started = Date.now();
  try {
    const listened = (await registeredEvents(w)).sort();
    must(
      JSON.stringify(listened) === JSON.stringify([...EVENT_NAMES].sort()),
      `server listens to ${listened.join(', ')}; the fuzzer knows ${EVENT_NAMES.join(', ')}`,
    );
    await fuzzConnect(w, run);
    await fuzzEvents(w, run);
    must(
      EVENT_NAMES.every((e) => run.hit.has(e)),
      'an event was never fuzzed',
    );
    await fuzzRawPackets(w, run);
    const stale = await staleSockets(w);
    await fuzzStaleSockets(w, run, stale, 'after revocation');
    for (const s of stale.values()) s.close();
    const staff = await staffSockets(w);
    const expired = await w.expireSessions();
    await fuzzStaleSockets(w, run, staff, 'after session expiry');
    await fuzzConnect(w, run, expired);
    for (const s of staff.values()) s.close();
    must((await w.h.api('/api/health')).status === 200, 'health check failed');
    must(w.errors.length === 0, `server logged errors:\n${w.errors.join('\n')}`);
    assertNoPollution(run.baseline);
  } finally {
    console.log(`\n${run.tally.table()}\n${run.tally.summary(`socket fuzz (seed ${seed}, ${runs} runs an event)`, Date.now() - started)}`);
    run.pool.closeAll();
    sentinel.socket.close();
    await w.close();
  }
}

const started = Date.now();
let failed = false;
const tallies: Tally[] = [];
for (const [name, part] of [
  ['http', http],
  ['socket', sockets],
] as const) {
  if (only !== 'all' && only !== name) continue;
  const tally = new Tally();
  tallies.push(tally);
  try {
    await part(tally);
  } catch (err) {
    failed = true;
    console.error(`\n${name} fuzz FAILED:\n${(err as Error).message}`);
  }
}
const all = new Tally();
for (const t of tallies) for (const [k, c] of t.doors) Object.assign(all.door(k), c);
const sum = all.totals();
console.log(
  `\nfuzz total: ${sum.tried} inputs tried, ${sum.refused} refused, ${sum.accepted} accepted, ${sum.ignored} ignored, ${sum.dropped} dropped, 5xx=${sum.serverErrors}, state changes on refusal=${sum.stateChanges}, crashes=${crashes.length}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
if (crashes.length) console.error(crashes.join('\n'));
process.exit(failed || crashes.length || sum.serverErrors || sum.stateChanges ? 1 : 0);
