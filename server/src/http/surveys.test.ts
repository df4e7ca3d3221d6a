import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../contract/events.js';
import type { SurveyVisit } from '../contract/survey.js';
import { ERRORS } from '../contract/errors.js';
import { ADMIN_PASSWORD, startHarness, type Harness } from '../testing/harness.js';

let h: Harness;
let kiosk: string;
let tablet1: string;
let tablet3: string;
let display: string;
let officer: string;
const ALL4 = [4, 4, 4, 4, 4, 4, 4, 4, 4];

async function pairDevice(kind: string, extra: object = {}): Promise<string> {
  const created = await h.api('/api/devices', { token: h.adminToken, body: { kind, name: `${kind} uji`, ...extra } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return (await h.api('/api/devices/pair', { body: { code: created.body.code } })).body.token;
}

function expectError(r: { status: number; body: any }, code: keyof typeof ERRORS): void {
  expect(r.body?.error?.code, JSON.stringify(r.body)).toBe(code);
  expect(r.status).toBe(ERRORS[code].status);
  expect(r.body.error.message.id).toBeTruthy();
  expect(r.body.error.message.en).toBeTruthy();
}

/** A visitor takes a ticket, is called at the counter and (unless told not to) finished. */
async function visit(serviceId: string, counterId: string, finish = true): Promise<string> {
  const t = await h.api('/api/tickets', { token: kiosk, body: { serviceId } });
  expect(t.status).toBe(201);
  h.clock.minutes(3);
  const called = await h.api(`/api/counters/${counterId}/call-next`, { token: h.adminToken, body: {} });
  expect(called.body.id).toBe(t.body.id);
  h.clock.minutes(5);
  if (finish) expect((await h.api(`/api/counters/${counterId}/finish`, { token: h.adminToken, body: {} })).status).toBe(200);
  return t.body.id;
}

const submit = (ticketId: string, token?: string, scores = ALL4, extra: object = {}) => h.api('/api/surveys', { token, body: { ticketId, scores, ...extra } });

beforeAll(async () => {
  h = await startHarness();
  kiosk = await pairDevice('kiosk', { ref: 'kiosk-1' });
  tablet1 = await pairDevice('survey', { ref: 'loket-1' });
  tablet3 = await pairDevice('survey', { ref: 'loket-3' });
  display = await pairDevice('display', { floor: 1 });
  await h.api('/api/users', {
    token: h.adminToken,
    body: { username: 'petugas1', name: 'Petugas Satu', password: 'sandi-petugas-1', role: 'officer', counterIds: ['loket-1'] },
  });
  officer = await h.login('petugas1', 'sandi-petugas-1');
});
afterAll(() => h.close());

describe('SKM for officers and the public', () => {
  it('shows an officer only their own aggregate, and only from the minimum count on', async () => {
    const q = 'from=2026-11-25&to=2026-11-26';
    const few = (await h.api(`/api/surveys/mine?${q}`, { token: officer })).body;
    expect(few).toEqual({ respondents: 0, minimum: 10, converted: null, band: null, elements: null });
    expectError(await h.api(`/api/surveys/mine?${q}`, { token: tablet1 }), 'FORBIDDEN');
  });

  it('publishes the month per agency only when the venue opts in', async () => {
    expectError(await h.api('/api/surveys/public'), 'NOT_FOUND');
    const { testVenue } = await import('../testing/builders.js');
    const pub = await startHarness({ venue: testVenue({ settings: { publishSurvey: true } as never }) });
    try {
      const kiosk2 = (
        await pub.api('/api/devices/pair', {
          body: { code: (await pub.api('/api/devices', { token: pub.adminToken, body: { kind: 'kiosk', name: 'k', ref: 'kiosk-1' } })).body.code },
        })
      ).body.token;
      const t = await pub.api('/api/tickets', { token: kiosk2, body: { serviceId: 'skck' } });
      await pub.api('/api/counters/loket-3/call-next', { token: pub.adminToken, body: {} });
      await pub.api('/api/counters/loket-3/finish', { token: pub.adminToken, body: {} });
      expect((await pub.api('/api/surveys', { body: { ticketId: t.body.id, scores: [3, 3, 3, 3, 3, 3, 3, 3, 3] } })).status).toBe(201);
      const body = (await pub.api('/api/surveys/public')).body;
      expect(body).toEqual({ month: '2026-11', agencies: [{ agencyId: 'polres', name: 'Polres', respondents: 1, converted: 75, band: 'C' }] });
    } finally {
      await pub.close();
    }
  });
});

describe('SKM survey answers', () => {
  it('pushes a finished visit to the tablet at its counter only, then takes one answer for it', async () => {
    const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [tablet1, tablet3].map((token) =>
      connect(h.server.url, { auth: { token }, transports: ['websocket'] }),
    );
    const heard: SurveyVisit[][] = [[], []];
    sockets.forEach((s, i) => s.on('surveyVisit', (v) => heard[i]!.push(v)));
    const closed: string[] = [];
    sockets[0]!.on('surveyClosed', (c) => closed.push(c.ticketId));
    await Promise.all(sockets.map((s) => new Promise((r) => s.once('snapshot', r))));
    const id = await visit('ktp', 'loket-1');
    await expect.poll(() => heard[0]!.map((v) => v.ticketId)).toEqual([id]);
    expect(heard[0]![0]).toMatchObject({ serviceId: 'ktp', agencyId: 'dukcapil', counterId: 'loket-1', floor: 1 });
    expect((await h.api('/api/surveys/pending', { token: tablet1 })).body.visits.map((v: SurveyVisit) => v.ticketId)).toEqual([id]);
    expect((await h.api('/api/surveys/pending', { token: tablet3 })).body.visits).toEqual([]);
    expectError(await submit(id, tablet3), 'SURVEY_NOT_HERE');
    expect((await h.api(`/api/surveys/ticket/${id}`)).body.state).toBe('open');
    const ok = await submit(id, tablet1, [4, 3, 2, 4, 3, 3, 4, 2, 3], { comment: 'Petugas ramah', profile: { sex: 'P', age: '30_39' } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    await expect.poll(() => closed).toEqual([id]);
    expect(heard[1]).toEqual([]);
    expectError(await submit(id, tablet1), 'SURVEY_ALREADY_ANSWERED');
    expectError(await submit(id), 'SURVEY_ALREADY_ANSWERED');
    expect((await h.api(`/api/surveys/ticket/${id}`)).body.state).toBe('answered');
    expect((await h.api('/api/surveys/pending', { token: tablet1 })).body.visits).toEqual([]);
    sockets.forEach((s) => s.disconnect());
  });

  it('refuses a visit not finished, staff and other screens, and bad answers, changing nothing', async () => {
    const waiting = (await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'kk' } })).body.id as string;
    expectError(await submit(waiting), 'SURVEY_NOT_FINISHED');
    expect((await h.api(`/api/surveys/ticket/${waiting}`)).body.state).toBe('not_finished');
    const id = await visit('skck', 'loket-3');
    expectError(await submit(id, h.adminToken), 'STAFF_CANNOT_ANSWER');
    expectError(await submit(id, officer), 'STAFF_CANNOT_ANSWER');
    expectError(await submit(id, display), 'FORBIDDEN');
    expectError(await submit(id, kiosk), 'FORBIDDEN');
    expectError(await submit(id, undefined, [4, 4, 4, 4, 4, 4, 4, 4]), 'INVALID_INPUT');
    expectError(await submit(id, undefined, [4, 4, 4, 4, 4, 4, 4, 4, 5]), 'INVALID_INPUT');
    expectError(await submit(id, undefined, ALL4, { profile: { sex: 'X' } }), 'INVALID_INPUT');
    expectError(await submit(id, undefined, ALL4, { officerId: 'x' }), 'INVALID_INPUT');
    expectError(await submit('nope-nope'), 'TICKET_NOT_FOUND');
    expectError(await h.api('/api/surveys/pending', { token: display }), 'FORBIDDEN');
    expect((await h.api(`/api/surveys/ticket/${id}`)).body.state).toBe('open');
    // The visitor's own phone (no token) may answer it, once, even when two answers race.
    const [a, b] = await Promise.all([submit(id), submit(id)]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
  });

  it('shows results to supervisors only: respondents, NRR per element, IKM, band, sample, CSV', async () => {
    const q = 'from=2026-11-25&to=2026-11-25';
    expectError(await h.api(`/api/surveys/results?${q}`, { token: officer }), 'FORBIDDEN');
    expectError(await h.api(`/api/surveys/results?${q}`), 'UNAUTHENTICATED');
    expectError(await h.api('/api/surveys/results?from=2026-11-26&to=2026-11-25', { token: h.adminToken }), 'INVALID_INPUT');
    const r = (await h.api(`/api/surveys/results?${q}`, { token: h.adminToken })).body;
    expect(r).toMatchObject({ respondents: 2, population: 2, minimumSample: 2, sampleSufficient: true, withheld: false });
    expect(r.elements.map((e: { nrr: number }) => e.nrr)).toEqual([4, 3.5, 3, 4, 3.5, 3.5, 4, 3, 3.5]);
    // IKM = 32 / 9 = 3.5556; x 25 = 88.89 -> A
    expect(r.converted).toBe(88.89);
    expect(r.band).toBe('A');
    expect(r.weakest.slice(0, 2)).toEqual(['U3', 'U8']);
    expect(r.comments).toEqual([expect.objectContaining({ text: 'Petugas ramah', serviceId: 'ktp' })]);
    expect(r.profile.sex).toMatchObject({ P: 1, none: 1 });
    expect(r.groups.agency.map((g: { key: string; respondents: number }) => [g.key, g.respondents])).toEqual([
      ['dukcapil', 1],
      ['polres', 1],
    ]);
    // One officer's figures are withheld below the minimum count.
    expect(r.groups.officer.every((g: { withheld: boolean; converted: unknown }) => g.withheld && g.converted === null)).toBe(true);
    const dk = (await h.api(`/api/surveys/results?${q}&agencyId=dukcapil`, { token: h.adminToken })).body;
    expect(dk).toMatchObject({ respondents: 1, population: 1, scopeLabel: 'Disdukcapil' });
    const res = await fetch(`${h.server.url}/api/surveys/results.csv?${q}`, { headers: { authorization: `Bearer ${h.adminToken}` } });
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text).toContain('IKM konversi;88,89\r\n');
    expect(text).toContain('U3;Waktu penyelesaian;2;0;1;0;1;6;3,000;0,3333');
    const answers = await (await fetch(`${h.server.url}/api/surveys/answers.csv?${q}`, { headers: { authorization: `Bearer ${h.adminToken}` } })).text();
    expect(answers.split('\r\n')[1]).toMatch(/^2026-11-25;09:\d\d;Disdukcapil;KTP-el;Loket 1;1;tablet;3;4;3;2;4;3;3;4;2;3;Petugas ramah;P;30_39;;$/);
  });

  it('keeps answers across a restart, still refuses a repeat, and lets an unanswered visit expire with its day', async () => {
    const open = await visit('ktp', 'loket-1');
    const answered = (await h.api('/api/surveys/results?from=2026-11-25&to=2026-11-25', { token: h.adminToken })).body.respondents;
    await h.server.close();
    const again = await startHarness({ dataDir: h.dir, clock: h.clock.now } as never);
    const api = again.api;
    expect((await api('/api/surveys/results?from=2026-11-25&to=2026-11-25', { token: again.adminToken })).body.respondents).toBe(answered);
    expect((await api(`/api/surveys/ticket/${open}`)).body.state).toBe('open');
    // A new service day: yesterday's unanswered visit can no longer be rated.
    h.clock.minutes(24 * 60);
    expect((await api('/api/tickets', { token: kiosk, body: { serviceId: 'ktp' } })).status).toBe(201);
    const late = await api('/api/surveys', { body: { ticketId: open, scores: ALL4 } });
    expect(late.status).toBe(404);
    // A day later the admin's session has been idle past its limit: a fresh log-in reads the results.
    const admin = await again.login('admin', ADMIN_PASSWORD);
    expect((await api('/api/surveys/results?from=2026-11-25&to=2026-11-26', { token: admin })).body).toMatchObject({ respondents: answered, population: 3 });
    await again.server.close();
  });
});
