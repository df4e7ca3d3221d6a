import fc from 'fast-check';
import { COUNTER_ACTIONS } from '@antre/server/contract';
import { hostileValue } from './hostile.ts';
import { counterBodies, DOORS, doorKey, PLAIN_VALUES, type Door } from './http-doors.ts';
import {
  anyAuth,
  applyEdit,
  authHeader,
  bodyArb,
  bodyText,
  buildRequest,
  contentType,
  editArb,
  extraHeaders,
  hostileParam,
  junkQuery,
  queryText,
  enc,
  resolveParam,
  tokenOf,
  type AuthChoice,
  type ParamChoice,
} from './http-input.ts';
import { probe, send } from './http-probe.ts';
import { check, type Tally } from './tally.ts';
import type { Identity, World } from './world.ts';

export interface FuzzRun {
  runs: number;
  seed: number;
  tally: Tally;
  /** Prototype keys before the run (see prototypeKeys). */
  baseline: string;
  /** Doors whose own method was sent at least once, and counter actions tried. */
  hit: Set<string>;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];

function inputArb(door: Door) {
  const venue = door.limit === 'venue';
  const query = door.queries
    ? fc.oneof(
        { weight: 4, arbitrary: fc.record({ sample: fc.nat(), edit: fc.option(editArb(hostileValue({ sizes: [300, 3000] })), { freq: 4 }) }) },
        { weight: 1, arbitrary: junkQuery.map((text) => ({ text })) },
      )
    : junkQuery.map((text) => ({ text }));
  return fc.record({
    method: fc.oneof({ weight: 12, arbitrary: fc.constant(door.method) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) }),
    params: door.params ? fc.record(door.params) : fc.constant({} as Record<string, ParamChoice>),
    auth: door.auth ?? anyAuth,
    body: bodyArb(!!door.bodies, venue ? [300, 5000, 40_000, 100_000] : [300, 5000, 40_000], venue ? [1_100_000] : [33_000, 100_000, 150_000]),
    type: contentType,
    query,
    tokenQuery: door.tokenInQuery ? fc.option(anyAuth) : fc.constant(null),
    extra: extraHeaders,
  });
}
type Input = ReturnType<typeof inputArb> extends fc.Arbitrary<infer T> ? T : never;

function build(w: World, door: Door, input: Input, expired?: Record<string, string>) {
  const params: Record<string, string> = {};
  for (const [k, p] of Object.entries(input.params)) params[k] = resolveParam(w, p);
  const path = door.path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? 'x');
  let query = 'text' in input.query ? input.query.text : '';
  if ('sample' in input.query) {
    const samples = door.queries!();
    const q = samples[input.query.sample % samples.length];
    query = queryText(input.query.edit ? applyEdit(q, input.query.edit) : q);
  }
  if (input.tokenQuery) {
    const t = tokenOf(w, input.tokenQuery, expired);
    if (t !== null) query += `${query ? '&' : ''}token=${enc(t)}`;
  }
  const body = bodyText(input.body, door.bodies?.(w, params) ?? []);
  return buildRequest(input.method, path, query, authHeader(w, input.auth, expired), body, input.type, input.extra);
}

/** Every door, hostile inputs of every kind; PUT /api/venue last. */
export async function fuzzDoors(w: World, run: FuzzRun, doors: Door[] = DOORS): Promise<void> {
  for (const door of doors) {
    const key = doorKey(door);
    await check(
      key,
      run,
      inputArb(door),
      async (input) => {
        if (input.method === door.method) run.hit.add(key);
        if (door.path.includes(':action')) run.hit.add(`action ${decodeURIComponent(resolveParam(w, input.params.action!))}`);
        await probe(w, run.tally, key, build(w, door, input), run.baseline);
      },
      run.runs * (door.weight ?? 1),
    );
    await assertHealthy(w, key);
  }
}

/** The server still answers its health check after a door's worth of abuse. */
export async function assertHealthy(w: World, after: string): Promise<void> {
  const r = await send(w.h.server.port, { method: 'GET', path: '/api/health', headers: {} });
  if (r.status !== 200 || (r.json as { status?: string } | undefined)?.status !== 'ok')
    throw new Error(`after ${after}: /api/health answered ${r.status} ${r.text.slice(0, 200)}`);
}

/** Paths no route has, under /api and beside it: 404 with the error body. */
export async function fuzzUnknownPaths(w: World, run: FuzzRun): Promise<void> {
  const key = 'ANY (unknown path)';
  const segment = fc.oneof(
    hostileParam,
    fc.constantFrom('tickets', 'counters', 'loket-1', 'call-next', 'devices', 'api', 'admin', 'kiosk', 't').map((text) => ({ text, encode: true })),
  );
  const arb = fc.record({
    method: fc.constantFrom(...METHODS),
    api: fc.boolean(),
    segments: fc.array(segment, { minLength: 1, maxLength: 4 }),
    auth: anyAuth,
    body: bodyArb(false, [300, 5000], [100_000]),
    type: contentType,
  });
  await check(
    key,
    run,
    arb,
    async (i) => {
      const path = `${i.api ? '/api/' : '/'}${i.segments.map((s) => resolveParam(w, s)).join('/')}`;
      const req = buildRequest(i.method, path, '', authHeader(w, i.auth), bodyText(i.body, []), i.type, {});
      const { res } = await probe(w, run.tally, key, req, run.baseline);
      if (i.api && res.status === 200 && i.method !== 'OPTIONS') {
        // A hostile path that hit a real route: fine, as long as it was one.
        if (!DOORS.some((d) => new RegExp(`^${d.path.replace(/:\w+/g, '[^/]+').replace('.', '\\.')}$`).test(path.split('?')[0]!)))
          throw new Error(`${path}: 200 on a path no route declares`);
      }
    },
    Math.max(10, Math.round(run.runs * 2)),
  );
}

/** Someone else's counter: an officer or a call button at another desk, any valid command: 403 NOT_YOUR_COUNTER, nothing changes. */
export async function fuzzOtherCounters(w: World, run: FuzzRun): Promise<void> {
  const key = 'POST /api/counters/:counterId/:action';
  const mine: Record<string, string> = { officerA: 'loket-1', officerB: 'loket-3', button1: 'loket-1', button3: 'loket-3' };
  const arb = fc
    .record({
      who: fc.constantFrom('officerA', 'officerB', 'button1', 'button3') as fc.Arbitrary<Identity>,
      counter: fc.constantFrom('loket-1', 'loket-2', 'loket-3', 'loket-4'),
      action: fc.constantFrom(...COUNTER_ACTIONS),
      sample: fc.nat(),
    })
    .filter((i) => mine[i.who] !== i.counter);
  await check(
    `${key} (someone else's counter)`,
    run,
    arb,
    async (i) => {
      const bodies = counterBodies[i.action](w);
      const body = JSON.stringify(bodies[i.sample % bodies.length]);
      const req = buildRequest('POST', `/api/counters/${i.counter}/${i.action}`, '', `Bearer ${w.tokens[i.who]}`, body, 'application/json', {});
      const { res, code } = await probe(w, run.tally, key, req, run.baseline);
      if (res.status !== 403 || code !== 'NOT_YOUR_COUNTER')
        throw new Error(`${i.who} at ${i.counter} (${i.action}) got ${res.status} ${code ?? ''}, not 403 NOT_YOUR_COUNTER`);
    },
    Math.max(10, run.runs * 2),
  );
}

/**
 * After every session's lifetime: each staff token, sent with an otherwise valid request, is a
 * 401 INVALID_TOKEN on every door that looks at tokens, and nothing changes.
 */
export async function fuzzExpired(w: World, run: FuzzRun): Promise<void> {
  const expired = await w.expireSessions();
  // The pending pairing code outlived its day too (or was used up by the fuzzing): refused either way.
  const pair = await probe(
    w,
    run.tally,
    'POST /api/devices/pair',
    buildRequest('POST', '/api/devices/pair', '', null, JSON.stringify({ code: w.pick('pendingCode', 0) }), 'application/json', {}),
    run.baseline,
  );
  if (pair.code !== 'PAIRING_CODE_INVALID') throw new Error(`an expired pairing code got ${pair.res.status} ${pair.code ?? ''}`);
  const who = fc.constantFrom(...Object.keys(expired));
  for (const door of DOORS) {
    const key = doorKey(door);
    const params: Record<string, fc.Arbitrary<ParamChoice>> = {};
    for (const [k, p] of Object.entries(door.params ?? {}))
      params[k] = k === 'action' ? fc.constantFrom(...COUNTER_ACTIONS).map((text) => ({ text, encode: true })) : pickRef(p);
    const arb = fc.record({ who, params: fc.record(params), sample: fc.nat() });
    await check(
      `${key} (expired session)`,
      run,
      arb,
      async (i) => {
        const input = {
          method: door.method,
          params: i.params,
          auth: { t: 'expired', who: i.who } as AuthChoice,
          body: door.bodies ? { t: 'valid' as const, sample: i.sample } : { t: 'none' as const },
          type: 'application/json',
          query: door.queries ? { sample: i.sample, edit: null } : { text: '' },
          tokenQuery: null,
          extra: {},
        };
        const { res, code } = await probe(w, run.tally, key, build(w, door, input as Input, expired), run.baseline);
        if (!door.public && (res.status !== 401 || code !== 'INVALID_TOKEN'))
          throw new Error(`${key}: an expired session got ${res.status} ${code ?? ''}, not 401 INVALID_TOKEN`);
      },
      Math.max(2, Math.round(run.runs / 5)),
    );
  }
}

/** The door's reference ids only, or its plain values (an expired token must be the one thing wrong). */
function pickRef(p: fc.Arbitrary<ParamChoice>): fc.Arbitrary<ParamChoice> {
  return PLAIN_VALUES.get(p) ?? p.filter((x) => 'ref' in x);
}
