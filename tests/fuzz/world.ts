import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pino } from 'pino';
import { startHarness, type Harness } from '../../server/src/testing/harness.ts';
import { testVenue } from '../../server/src/testing/builders.ts';
import type { Principal } from '../../server/src/auth/auth-service.ts';

/**
 * Live principals the fuzzer acts as: at least one of every kind the policy knows (each role, each
 * device kind; nobody is the missing token). Officer A works loket-1, officer B loket-3.
 */
export const IDENTITIES = [
  'admin',
  'supervisor',
  'officerA',
  'officerB',
  'kiosk1',
  'kiosk2',
  'display',
  'zoneDisplay',
  'button1',
  'button3',
  'printer',
  'survey',
] as const;
export type Identity = (typeof IDENTITIES)[number];
export const STAFF: Identity[] = ['admin', 'supervisor', 'officerA', 'officerB'];

/** Tokens that once worked: a revoked device, a re-paired device's old token, a disabled user, a logged-out session. */
export const DEAD = ['revoked', 'repaired', 'disabled', 'loggedOut'] as const;
export type DeadToken = (typeof DEAD)[number];

/** Ids the fuzzer aims at, resolved when a request is sent (the queue moves meanwhile). */
export type RefKind =
  | 'counterA'
  | 'counterB'
  | 'counter'
  | 'service'
  | 'ticket'
  | 'ticketLive'
  | 'ticketDone'
  | 'ticketHeldB'
  | 'userVictim'
  | 'deviceVictim'
  | 'deviceDoomed'
  | 'printer'
  | 'job'
  | 'jobKiosk1'
  | 'jobKiosk2'
  | 'virtualJob'
  | 'pendingCode';

export interface World {
  h: Harness;
  tokens: Record<Identity, string>;
  dead: Record<DeadToken, string>;
  /** A session of its own for the logout door to use up. */
  spare: string;
  /** Error-level log lines of the server (an unexpected error is logged there). */
  errors: string[];
  pick(kind: RefKind, n: number): string;
  /** Who an identity is to the server now (as its token resolves), for asking the policy. */
  principal(who: Identity): Principal;
  /** Everything a refusal must leave alone: queue, venue, board, staff, devices, and their files. */
  fingerprint(): string;
  /** Moves the clock past every session's lifetime and settles the day change; answers the now-expired staff tokens. */
  expireSessions(): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/** The test venue with two kiosks (a virtual printer and a print agent) and a zone board. */
export function fuzzVenue() {
  return testVenue({
    kiosks: [
      { id: 'kiosk-1', name: 'Kios 1', floor: 1, printer: 'virtual', paper: 80, qr: 'native' },
      { id: 'kiosk-2', name: 'Kios 2', floor: 2, printer: 'agent', paper: 58, qr: 'native' },
    ],
    zones: [{ id: 'zona-a', name: 'Zona A', floor: 1, counterIds: ['loket-1'] }],
  });
}

/** Starts a real server and populates it: staff of every role, paired devices, dead tokens, and a moving queue. */
export async function createWorld(): Promise<World> {
  const errors: string[] = [];
  const log = pino({ level: 'error' }, { write: (line: string) => errors.push(line) });
  const h = await startHarness({ venue: fuzzVenue(), log, printRetryDelayMs: 50, printTimeoutMs: 300 });
  const admin = h.adminToken;
  const ok = async (path: string, init: Parameters<Harness['api']>[1]) => {
    const r = await h.api(path, init);
    if (r.status >= 300) throw new Error(`setup ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const user = (username: string, role: string, counterIds: string[] = []) =>
    ok('/api/users', { token: admin, body: { username, name: username, password: `sandi-${username}`, role, counterIds } });
  const device = (kind: string, extra: object = {}) => ok('/api/devices', { token: admin, body: { kind, name: `${kind} fuzz`, ...extra } });
  const pair = async (kind: string, extra: object = {}) => {
    const d = await device(kind, extra);
    return { id: d.device.id as string, token: (await ok('/api/devices/pair', { body: { code: d.code } })).token as string };
  };
  const [, , , victim, disabledUser] = await Promise.all([
    user('penyelia', 'supervisor'),
    user('petugas-a', 'officer', ['loket-1']),
    user('petugas-b', 'officer', ['loket-3']),
    user('korban', 'officer', ['loket-2']),
    user('nonaktif', 'officer', ['loket-2']),
  ]);
  const [supervisor, officerA, officerB, disabled, spare, loggedOut] = await Promise.all([
    h.login('penyelia', 'sandi-penyelia'),
    h.login('petugas-a', 'sandi-petugas-a'),
    h.login('petugas-b', 'sandi-petugas-b'),
    h.login('nonaktif', 'sandi-nonaktif'),
    h.login('admin', 'rahasia-admin-123'),
    h.login('admin', 'rahasia-admin-123'),
  ]);
  await ok(`/api/users/${disabledUser.id}`, { token: admin, method: 'PATCH', body: { disabled: true } });
  await h.api('/api/auth/logout', { token: loggedOut, method: 'POST' });
  const kiosk1 = await pair('kiosk', { ref: 'kiosk-1' });
  const kiosk2 = await pair('kiosk', { ref: 'kiosk-2' });
  const display = await pair('display', { floor: 1 });
  const zoneDisplay = await pair('display', { ref: 'zona-a' });
  const button1 = await pair('button', { ref: 'loket-1' });
  const button3 = await pair('button', { ref: 'loket-3' });
  const printer = await pair('printer', { ref: 'kiosk-2' });
  const survey = await pair('survey', { ref: 'loket-4' });
  const revoked = await pair('display', { floor: 2 });
  await ok(`/api/devices/${revoked.id}`, { token: admin, method: 'DELETE' });
  const repaired = await pair('display', { floor: 2 });
  await ok(`/api/devices/${repaired.id}/pairing`, { token: admin, method: 'POST' });
  const victimDevice = await pair('display', { floor: 2 });
  const doomedDevice = await pair('button', { ref: 'loket-4' });
  const pending = await device('display', { floor: 1 });

  // A queue in motion: people waiting everywhere, a called visitor at each officer's counter, one held at B.
  for (const serviceId of ['ktp', 'ktp', 'kk', 'kk', 'sertipikat', 'sertipikat', 'skck', 'skck'])
    await ok('/api/tickets', { token: admin, body: { serviceId } });
  await ok('/api/tickets', { token: kiosk1.token, body: { serviceId: 'ktp' } });
  await ok('/api/tickets', { token: kiosk2.token, body: { serviceId: 'kk', priority: 'lansia' } });
  await ok('/api/counters/loket-3/call-next', { token: officerB, method: 'POST' });
  await ok('/api/counters/loket-3/hold', { token: officerB, body: { note: 'fotokopi KK' } });
  await ok('/api/counters/loket-3/call-next', { token: officerB, method: 'POST' });
  await ok('/api/counters/loket-1/call-next', { token: officerA, method: 'POST' });
  // Finished visits whose SKM survey may be answered.
  for (let i = 0; i < 2; i++) {
    await ok('/api/counters/loket-4/call-next', { token: admin, method: 'POST' });
    await ok('/api/counters/loket-4/finish', { token: admin, method: 'POST' });
  }

  const ctx = h.server.ctx;
  const q = ctx.queue;
  const venueDir = dirname(q.store.dir);
  const tokens: Record<Identity, string> = {
    admin,
    supervisor,
    officerA,
    officerB,
    kiosk1: kiosk1.token,
    kiosk2: kiosk2.token,
    display: display.token,
    zoneDisplay: zoneDisplay.token,
    button1: button1.token,
    button3: button3.token,
    printer: printer.token,
    survey: survey.token,
  };
  const jobs = (printerId?: string) =>
    (ctx.printing?.states() ?? []).filter((s) => !printerId || s.printerId === printerId).flatMap((s) => ctx.printing!.jobs(s.printerId).map((j) => j.id));
  const tickets = () => [...q.engine.state.tickets.values()];
  const pools: Record<RefKind, () => string[]> = {
    counterA: () => ['loket-1'],
    counterB: () => ['loket-3'],
    counter: () => q.venue.counters.map((c) => c.id),
    service: () => q.venue.services.map((s) => s.id),
    ticket: () => tickets().map((t) => t.id),
    ticketLive: () =>
      tickets()
        .filter((t) => ['waiting', 'called', 'serving', 'held'].includes(t.status))
        .map((t) => t.id),
    ticketDone: () =>
      tickets()
        .filter((t) => t.status === 'done')
        .map((t) => t.id),
    ticketHeldB: () =>
      tickets()
        .filter((t) => t.status === 'held' && t.targetCounterId === 'loket-3')
        .map((t) => t.id),
    userVictim: () => [victim.id],
    deviceVictim: () => [victimDevice.id],
    deviceDoomed: () => [doomedDevice.id],
    printer: () => (ctx.printing?.states() ?? []).map((s) => s.printerId),
    job: () => jobs(),
    jobKiosk1: () => jobs('printer-kiosk-1'),
    jobKiosk2: () => jobs('printer-kiosk-2'),
    virtualJob: () => (ctx.printing?.virtual?.jobs() ?? []).map((j) => j.id),
    pendingCode: () => [pending.code],
  };
  const read = (name: string) => (existsSync(join(venueDir, name)) ? readFileSync(join(venueDir, name), 'utf8') : null);
  return {
    h,
    tokens,
    errors,
    spare,
    dead: { revoked: revoked.token, repaired: repaired.token, disabled, loggedOut },
    principal: (who) => {
      const p = ctx.auth.resolve(tokens[who], h.clock.now());
      if (!p) throw new Error(`${who}: token no longer resolves`);
      return p;
    },
    pick: (kind, n) => {
      const list = pools[kind]();
      return list.length ? list[n % list.length]! : `no-${kind}`;
    },
    fingerprint: () =>
      JSON.stringify({
        rev: q.rev,
        venueVersion: q.venueVersion,
        day: q.day,
        state: q.engine.state.toDoc(),
        venue: q.venue,
        board: ctx.board.announcements(),
        users: ctx.auth.users(),
        surveys: ctx.surveys?.store.all(),
        files: { staff: read('staff.json'), board: read('board.json'), venue: read('venue.json') },
        days: readdirSync(q.store.dir)
          .sort()
          .map((f) => `${f}:${statSync(join(q.store.dir, f)).size}`),
      }),
    async expireSessions() {
      const staff = JSON.parse(read('staff.json') ?? '{"sessions":[]}') as { sessions: { expiresAt: number }[] };
      h.clock.t = Math.max(...staff.sessions.map((s) => s.expiresAt)) + 60_000;
      await q.rollover(h.clock.now());
      return { admin, supervisor, officerA, officerB, spare };
    },
    close: () => h.close(),
  };
}

/** Which fingerprint parts differ, for a readable failure. */
export function fingerprintDiff(before: string, after: string): string {
  const a = JSON.parse(before) as Record<string, unknown>;
  const b = JSON.parse(after) as Record<string, unknown>;
  return (
    Object.keys(a)
      .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
      .join(', ') || '(order only)'
  );
}
