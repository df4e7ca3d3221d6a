import fc from 'fast-check';
import type { ErrorCode } from '@antre/server/contract';
import { assertAck, assertConnectError, barrier, emitRaw, open, SocketPool, type Client } from './socket-clients.ts';
import {
  authFor,
  authRecipe,
  EVENT_NAMES,
  EVENTS,
  RAW_PACKETS,
  resolveAuth,
  resolvePayload,
  SHAPES,
  socketValue,
  validPrinterStatus,
  WHO,
  type AuthRecipe,
  type Who,
} from './socket-events.ts';
import { assertNoPollution, check, type Tally } from './tally.ts';
import { fingerprintDiff, type World } from './world.ts';

export interface SocketRun {
  runs: number;
  seed: number;
  tally: Tally;
  baseline: string;
  /** Events and cases that were fuzzed at least once. */
  hit: Set<string>;
  pool: SocketPool;
  /** A socket that only ever asks for snapshots: the server must keep serving it through all of this. */
  sentinel: Client;
}

/** The state of the print agent's printer as supervisors would see it after the next status poll. */
async function agentPrinter(w: World): Promise<string> {
  const p = w.h.server.ctx.printing!;
  p.spooler.pollStatus(30_000);
  await new Promise((r) => setTimeout(r, 5));
  const s = p.states().find((x) => x.printerId === 'printer-kiosk-2')!;
  return JSON.stringify({ online: s.online, coverOpen: s.coverOpen, paperNearEnd: s.paperNearEnd, paperOut: s.paperOut, error: s.error });
}

/** After every case: the bystander is still served and nothing reached Object.prototype. */
async function afterCase(run: SocketRun, where: string): Promise<void> {
  if ((await barrier(run.sentinel)) !== 'answered') throw new Error(`${where}: the server stopped serving another client`);
  assertNoPollution(run.baseline);
}

/** Checks a refusal or silence left state alone; counts it. */
function unchanged(w: World, run: SocketRun, door: string, before: string, where: string): void {
  const after = w.fingerprint();
  if (after !== before) {
    run.tally.door(door).stateChanges++;
    throw new Error(`${where}: refused or ignored, yet changed ${fingerprintDiff(before, after)}`);
  }
}

/**
 * Judges one answered-or-not emit: ack shape, refusals change nothing, silence changes nothing.
 * `silent` says how to count it when no ack came: the server dropped the socket, ignored the
 * misuse, or (an event without an ack, like printer:status) refused or took it without a word.
 */
type Silent = 'dropped' | 'ignored' | 'refused' | 'accepted';
function judge(w: World, run: SocketRun, door: string, before: string, where: string, acked: boolean, answer: unknown, silent: Silent): ErrorCode | null {
  const count = run.tally.door(door);
  if (acked) {
    const { ok, code } = assertAck(answer, where);
    if (code === 'INTERNAL') count.serverErrors++;
    if (ok) count.accepted++;
    else {
      count.refused++;
      unchanged(w, run, door, before, where);
    }
    return code;
  }
  count[silent]++;
  unchanged(w, run, door, before, where);
  return null;
}

/** Every client event, from every kind of socket, with hostile payloads and every misuse of the ack. */
export async function fuzzEvents(w: World, run: SocketRun): Promise<void> {
  for (const event of EVENT_NAMES) {
    const spec = EVENTS[event];
    const arb = fc.record({ who: fc.constantFrom(...WHO), payload: spec.payload, shape: fc.constantFrom(...SHAPES), extra: socketValue });
    await check(`socket ${event}`, run, arb, async (i) => {
      const s = await run.pool.get(i.who, () => authFor(w, i.who));
      const args = resolvePayload(w, spec, i.payload);
      const where = `${event} as ${i.who} (${i.shape}, ${JSON.stringify(args).slice(0, 200)})`;
      const printerBefore = event === 'printer:status' ? await agentPrinter(w) : null;
      const before = w.fingerprint();
      const list = i.shape === 'notFunction' ? [...args, i.extra] : i.shape === 'extraBeforeAck' ? [...args, i.extra] : args;
      const ackAt = i.shape === 'last' || i.shape === 'extraBeforeAck' ? 'last' : i.shape === 'first' ? 'first' : 'none';
      const e = emitRaw(s, event, list, ackAt);
      run.tally.door(event).tried++;
      run.hit.add(event);
      const promised = spec.acks && i.shape === 'last' && args.length === spec.arity;
      let dropped: boolean;
      if (promised) {
        await e.wait(8000);
        if (!e.seen.acked && s.connected) throw new Error(`${where}: no ack within 8 s`);
        dropped = !e.seen.acked;
      } else {
        dropped = (await barrier(s)) === 'dropped';
        if (ackAt !== 'none') await e.wait(30);
      }
      // What the handler got first: an ack function put first arrives as null.
      const status = (ackAt === 'first' ? null : list[0]) as Record<string, unknown>;
      const takes = i.who === 'printer' && !dropped && validPrinterStatus(status);
      judge(w, run, event, before, where, e.seen.acked, e.seen.answer, dropped ? 'dropped' : spec.acks ? 'ignored' : takes ? 'accepted' : 'refused');
      if (printerBefore !== null) {
        const after = await agentPrinter(w);
        const expected = takes
          ? JSON.stringify({
              online: status.online,
              coverOpen: status.coverOpen,
              paperNearEnd: status.paperNearEnd,
              paperOut: status.paperOut,
              error: (status.error as string | undefined)?.slice(0, 300),
            })
          : printerBefore;
        if (after !== expected) throw new Error(`${where}: the agent's printer shows ${after}, expected ${expected}`);
      }
      await afterCase(run, where);
    });
  }
}

/** The handshake: live identities connect; anything else is a connect_error carrying the bilingual error body. */
export async function fuzzConnect(w: World, run: SocketRun, expired?: Record<string, string>): Promise<void> {
  const door = 'socket connect';
  const arb: fc.Arbitrary<AuthRecipe> = expired
    ? fc.constantFrom(...Object.keys(expired)).map((who): AuthRecipe => ({ t: 'choice', choice: { t: 'expired', who } }))
    : authRecipe;
  await check(
    expired ? `${door} (expired sessions)` : door,
    run,
    arb,
    async (recipe) => {
      const auth = resolveAuth(w, recipe, expired);
      const where = `connect with ${JSON.stringify(recipe).slice(0, 200)}`;
      const before = w.fingerprint();
      const o = await open(w, auth);
      const count = run.tally.door(door);
      count.tried++;
      run.hit.add(door);
      const plain = !!auth && typeof auth === 'object' && !Array.isArray(auth) && JSON.stringify(auth).length < 60_000;
      const expectLive = recipe.t === 'live' || (recipe.t === 'trick' && recipe.name === 'ticketBeatsToken');
      if (o.socket) {
        o.socket.close();
        if (!expectLive) throw new Error(`${where}: connected`);
        count.accepted++;
      } else if (o.error.data === undefined && !plain) {
        count.dropped++;
      } else {
        if (expectLive) throw new Error(`${where}: refused ${o.error.message} ${JSON.stringify(o.error.data ?? null)}`);
        const code = assertConnectError(o.error, where);
        if (expired && code !== 'INVALID_TOKEN') throw new Error(`${where}: an expired session got ${code}, not INVALID_TOKEN`);
        count.refused++;
      }
      unchanged(w, run, door, before, where);
      await afterCase(run, where);
    },
    expired ? Math.max(4, Math.round(run.runs / 4)) : run.runs * 2,
  );
}

/** Malformed packets straight onto the wire: the server drops or ignores the connection, and serves everyone else. */
export async function fuzzRawPackets(w: World, run: SocketRun): Promise<void> {
  const door = 'socket raw packet';
  const arb = fc.record({
    who: fc.constantFrom<Who>('admin', 'officerA', 'button1', 'display', 'printer', 'visitor'),
    packet: fc.nat({ max: RAW_PACKETS.length - 1 }),
  });
  await check(
    door,
    run,
    arb,
    async (i) => {
      const p = RAW_PACKETS[i.packet]!;
      const where = `raw ${JSON.stringify(p.text.slice(0, 80))} as ${i.who}`;
      const o = await open(w, authFor(w, i.who));
      if (!o.socket) throw new Error(`${where}: could not connect`);
      const before = w.fingerprint();
      o.socket.io.engine.write(p.text);
      if (p.binary) o.socket.io.engine.write(Buffer.from(p.binary));
      const count = run.tally.door(door);
      count.tried++;
      run.hit.add(door);
      if ((await barrier(o.socket, 1000, true)) === 'dropped') count.dropped++;
      else count.ignored++;
      o.socket.close();
      unchanged(w, run, door, before, where);
      await afterCase(run, where);
    },
    Math.max(RAW_PACKETS.length, run.runs * 2),
  );
}

/**
 * Sockets whose credentials died while they were connected (revoked device, re-paired device,
 * logged-out or disabled officer, expired session): whatever they send is refused with
 * INVALID_TOKEN, or the server drops them; nothing changes.
 */
export async function fuzzStaleSockets(w: World, run: SocketRun, stale: Map<string, Client>, label: string): Promise<void> {
  const door = `socket ${label}`;
  const arb = fc.record({
    which: fc.constantFrom(...stale.keys()),
    event: fc.constantFrom('counter:command', 'snapshot:request') as fc.Arbitrary<'counter:command' | 'snapshot:request'>,
    sample: fc.nat(),
  });
  await check(
    door,
    run,
    arb,
    async (i) => {
      const s = stale.get(i.which)!;
      const spec = EVENTS[i.event];
      const args = resolvePayload(w, spec, { t: 'sample', sample: i.sample, edit: null });
      const where = `${i.event} on the socket of ${i.which} (${label}): ${JSON.stringify(args).slice(0, 200)}`;
      const before = w.fingerprint();
      run.tally.door(door).tried++;
      run.hit.add(door);
      if (!s.connected) {
        // Dropped by the server after an earlier refusal: nothing more can come through it.
        judge(w, run, door, before, where, false, undefined, 'dropped');
        return afterCase(run, where);
      }
      const e = emitRaw(s, i.event, args, 'last');
      await e.wait(8000);
      if (!e.seen.acked && s.connected) throw new Error(`${where}: no ack within 8 s`);
      const code = judge(w, run, door, before, where, e.seen.acked, e.seen.answer, 'dropped');
      if (e.seen.acked && code !== 'INVALID_TOKEN') throw new Error(`${where}: answered ${code ?? 'ok'}, not INVALID_TOKEN`);
      await afterCase(run, where);
    },
    Math.max(8, Math.round(run.runs / 5)),
  );
}

/** The events the server really listens to on a connected socket (reserved ones aside). */
export async function registeredEvents(w: World): Promise<string[]> {
  const o = await open(w, authFor(w, 'admin'));
  if (!o.socket) throw new Error('admin could not connect');
  const server = w.h.server.io.sockets.sockets.get(o.socket.id!);
  const names = (server?.eventNames() ?? []).map(String).filter((n) => !['disconnect', 'disconnecting', 'error'].includes(n));
  o.socket.close();
  return names;
}
