import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { COUNTER_ACTIONS, DEVICE_KINDS, ROLES } from '@antre/server/contract';
import { DOOR_POLICY, fuzzPolicy, unaskedActions } from './policy-doors.ts';
import { appOf, DOORS, doorKey, enumerateRoutes } from './http-doors.ts';
import { fuzzDoors, fuzzExpired, fuzzOtherCounters, fuzzUnknownPaths, type FuzzRun } from './http-fuzz.ts';
import { send } from './http-probe.ts';
import { assertNoPollution, prototypeKeys, Tally } from './tally.ts';
import { createWorld, IDENTITIES, type World } from './world.ts';

/** Modest by default so the unit run stays quick; `npm run fuzz` is the long form. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);

let w: World;
const run: FuzzRun = { runs: RUNS, seed: SEED, tally: new Tally(), baseline: prototypeKeys(), hit: new Set() };
const started = Date.now();

beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => {
  console.log(run.tally.summary(`http fuzz (seed ${SEED}, ${RUNS} runs a door)`, Date.now() - started));
  await w?.close();
});

async function healthy(): Promise<void> {
  const r = await send(w.h.server.port, { method: 'GET', path: '/api/health', headers: {} });
  expect(r.status).toBe(200);
  expect((r.json as { status: string }).status).toBe('ok');
}

describe('bad input at every HTTP door', () => {
  it('every /api route of the running app has a door, and every door a route', () => {
    const routes = enumerateRoutes(appOf(w));
    expect(routes.length).toBeGreaterThanOrEqual(DOORS.length);
    expect(routes.filter((r) => !DOORS.some((d) => doorKey(d) === r))).toEqual([]);
    expect(DOORS.map(doorKey).filter((k) => !routes.includes(k))).toEqual([]);
  });

  it('hostile requests: never a 5xx, every refusal in both languages, nothing changed by a refusal', async () => {
    await fuzzDoors(w, run);
    await fuzzUnknownPaths(w, run);
    await fuzzOtherCounters(w, run);
    const routes = enumerateRoutes(appOf(w));
    expect(
      routes.filter((r) => !run.hit.has(r)),
      'routes never fuzzed',
    ).toEqual([]);
    expect(
      COUNTER_ACTIONS.filter((a) => !run.hit.has(`action ${a}`)),
      'counter actions never fuzzed',
    ).toEqual([]);
    const t = run.tally.totals();
    expect(t.serverErrors).toBe(0);
    expect(t.stateChanges).toBe(0);
    // A fuzz run that refused nothing, or accepted nothing, would not have tested much.
    expect(t.refused).toBeGreaterThan(t.tried / 2);
    expect(t.accepted).toBeGreaterThan(0);
    assertNoPollution(run.baseline);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await healthy();
    expect(w.errors).toEqual([]);
  }, 180_000);

  it("the policy at every door: nobody and every live identity (every role, every device kind) get the policy's decision, refusals change nothing", async () => {
    expect(
      DOORS.map(doorKey).filter((k) => !DOOR_POLICY[k]),
      'doors without a policy action',
    ).toEqual([]);
    expect(unaskedActions(), 'policy actions no door or socket handler asks').toEqual([]);
    const kinds = new Set(
      IDENTITIES.map((i) => {
        const p = w.principal(i);
        return p.kind === 'user' ? p.user.role : p.device.kind;
      }),
    );
    expect([...kinds].sort(), 'identities cover every kind of principal the policy knows').toEqual([...DEVICE_KINDS, ...ROLES].sort());
    const before = run.tally.totals();
    await fuzzPolicy(w, run);
    const t = run.tally.totals();
    expect(t.stateChanges).toBe(0);
    expect(t.refused - before.refused).toBeGreaterThan(0);
    expect(t.accepted - before.accepted).toBeGreaterThan(0);
    await healthy();
    expect(w.errors).toEqual([]);
  }, 180_000);

  it('expired sessions: 401 INVALID_TOKEN at every door that reads a token, expired pairing codes refused, nothing changed', async () => {
    await fuzzExpired(w, run);
    await healthy();
    expect(w.errors).toEqual([]);
  }, 120_000);

  it("a request line and headers past Node's 16 kB limit, or a request Node cannot parse, get a bilingual error and change nothing", async () => {
    // Refused by Node's HTTP parser before express sees it; the server still answers with its error body.
    const before = w.fingerprint();
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const s = connect(w.h.server.port, '127.0.0.1', () => s.end(request));
        let text = '';
        s.on('data', (d) => (text += d.toString()));
        s.on('close', () => resolve(text));
        s.on('error', reject);
      });
    for (const [request, status, code] of [
      [`GET /api/tickets/${'A'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431, 'HEADERS_TOO_LARGE'],
      ['BREW /api/health HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'BAD_REQUEST'],
    ] as const) {
      const text = await raw(request);
      expect(text.split('\r\n')[0]).toBe(`HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}`);
      const body = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as { error: { code: string; message: { id: string; en: string } } };
      expect(body.error.code).toBe(code);
      expect(body.error.message.id).not.toBe(body.error.message.en);
    }
    expect(w.fingerprint()).toBe(before);
    await healthy();
  });
});
