import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../contract/events.js';
import type { CallEvent, Snapshot, StaffTicket } from '../contract/domain.js';
import type { BoardUpdate } from '../contract/events.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { testVenue } from '../testing/builders.js';

/**
 * What each audience's views may carry, as key paths ("counters[].ticket.number"). A presenter
 * that starts sending a new field (an internal one added to Ticket, a printer address, a staff
 * name) fails here until the field is added to the audience's list on purpose.
 */
const list = (prefix: string, keys: string) =>
  keys
    .split(/\s+/)
    .filter(Boolean)
    .map((k) => (prefix ? `${prefix}.${k}` : k));
const COUNTER = (p: string) => [
  p,
  ...list(p, 'counterId status since breakReason breakUntil ticket lastCallAt'),
  ...list(`${p}.ticket`, 'id number serviceId status calledAt booked'),
];
const QUEUE = (p: string) => [
  p,
  ...list(
    p,
    'serviceId agencyId floor waiting waitingPriority nowServing countersOpen estimatedWaitMinutes quota quotaLeft available reason closedReason opensAt serviceStartsAt servedBeforeClose oldestWaitingSince lastCallAt priorityStreak',
  ),
  ...list(`${p}.nowServing[]`, 'number counterId'),
  `${p}.nowServing[]`,
];
// `booked`: the number had an online appointment, so boards can say why it went ahead of walk-ins (no visitor data).
const CALL = (p: string) => [p, ...list(p, 'id ticketId number serviceId agencyId counterId floor at recall booked')];
const TICKET_VIEW = (p: string) => [
  p,
  ...list(
    p,
    'id number serviceId agencyId floor status priority prioritized issuedAt ahead estimatedWaitMinutes serviceStartsAt servedBeforeClose outcome counterId calledAt recalls transferredTo',
  ),
  ...list(`${p}.outcome`, 'outcome missing agencyId reason'),
  `${p}.outcome.missing[]`,
  ...list(`${p}.transferredTo`, 'id number serviceId'),
];
const SNAPSHOT = [
  'rev',
  'day',
  'now',
  'venueVersion',
  'counters',
  ...COUNTER('counters[]'),
  'queues',
  ...QUEUE('queues[]'),
  'recentCalls',
  ...CALL('recentCalls[]'),
  'announcements',
  'announcements[]',
];
const HISTORY = (p: string) => [`${p}.history`, `${p}.history[]`, ...list(`${p}.history[]`, 'at action counterId userId note')];
const DESK_TICKET = (p: string) => [
  p,
  ...list(
    p,
    'id day number seq serviceId agencyId priority status issuedAt queuedAt targetCounterId counterId calledAt startedAt finishedAt recalls transferredFrom transferredTo note booking',
  ),
  ...HISTORY(p),
  `${p}.booking.slotAt`,
];
const LEAD_TICKET = (p: string) => [...DESK_TICKET(p), ...list(p, 'userId source'), ...list(`${p}.source`, 'kind id'), `${p}.booking.code`];
const DEVICE = (p: string) => [p, ...list(p, 'id kind name floor ref paired createdAt lastSeenAt online')];
const USER = (p: string) => [p, ...list(p, 'id username name role counterIds disabled'), `${p}.counterIds[]`];

const ALLOWED: Record<string, string[]> = {
  'public snapshot': SNAPSHOT,
  'public ticket page': [...TICKET_VIEW(''), 'url'].map((p) => p.replace(/^\./, '')).filter(Boolean),
  'public counters': ['counters', ...COUNTER('counters[]')],
  'public queues': ['day', 'now', 'queues', ...QUEUE('queues[]')],
  'ticket page socket snapshot': [...SNAPSHOT, ...TICKET_VIEW('ticket')],
  'device snapshot': SNAPSHOT,
  'kiosk snapshot': SNAPSHOT,
  'device me': DEVICE('device'),
  'kiosk issued ticket': [
    ...TICKET_VIEW('')
      .map((p) => p.replace(/^\./, ''))
      .filter(Boolean),
    'url',
    'print',
    ...list('print', 'jobId state printerId error'),
  ],
  'button answer': DESK_TICKET('')
    .map((p) => p.replace(/^\./, ''))
    .filter(Boolean),
  'officer snapshot': [...SNAPSHOT, 'tickets', ...DESK_TICKET('tickets[]')],
  'officer tickets': ['day', 'tickets', ...DESK_TICKET('tickets[]')],
  'officer ticket event': [
    ...DESK_TICKET('')
      .map((p) => p.replace(/^\./, ''))
      .filter(Boolean),
    'rev',
  ],
  'officer answer': DESK_TICKET('')
    .map((p) => p.replace(/^\./, ''))
    .filter(Boolean),
  'officer counter answer': COUNTER('')
    .map((p) => p.replace(/^\./, ''))
    .filter(Boolean),
  'staff me': USER('user'),
  'lead snapshot': [...SNAPSHOT, 'tickets', ...LEAD_TICKET('tickets[]')],
  'lead tickets': ['day', 'tickets', ...LEAD_TICKET('tickets[]')],
  'lead ticket event': [
    ...LEAD_TICKET('')
      .map((p) => p.replace(/^\./, ''))
      .filter(Boolean),
    'rev',
  ],
  'lead users': ['users', ...USER('users[]')],
  'lead devices': ['devices', ...DEVICE('devices[]')],
};

/** Every key path of a JSON value, arrays as []. */
function paths(v: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) {
    if (prefix) out.add(prefix);
    for (const x of v) paths(x, `${prefix}[]`, out);
  } else if (v && typeof v === 'object') {
    if (prefix) out.add(prefix);
    for (const [k, x] of Object.entries(v)) paths(x, prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}

/** Every string in a JSON value. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const OFFICER_NAME = 'Budi Santoso Petugas';
const HOLD_NOTE = 'NIK 7317012345678901 ambil fotokopi';
const DONE_NOTE = 'catatan selesai rahasia';

let h: Harness;
let kioskLive: Awaited<ReturnType<typeof staffSocket>>;
let boardLive: Awaited<ReturnType<typeof staffSocket>>;
const views = new Map<string, unknown>();
const sockets: Client[] = [];

async function ok(path: string, init: Parameters<Harness['api']>[1] = {}) {
  const r = await h.api(path, init);
  if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A socket that keeps the last 'ticket' event it heard, and every call and board update. */
async function staffSocket(token: string): Promise<{ last: () => (StaffTicket & { rev: number }) | null; calls: CallEvent[]; updates: BoardUpdate[] }> {
  const s: Client = connect(`http://127.0.0.1:${h.server.port}`, { auth: { token }, transports: ['websocket'] });
  sockets.push(s);
  let last: (StaffTicket & { rev: number }) | null = null;
  const calls: CallEvent[] = [];
  const updates: BoardUpdate[] = [];
  s.on('ticket', (t) => (last = t));
  s.on('call', (c) => calls.push(c));
  s.on('update', (u) => updates.push(u));
  await new Promise<void>((resolve, reject) => {
    s.once('snapshot', () => resolve());
    s.once('connect_error', reject);
  });
  return { last: () => last, calls, updates };
}

beforeAll(async () => {
  h = await startHarness({ venue: testVenue() });
  const admin = h.adminToken;
  await ok('/api/users', {
    token: admin,
    body: { username: 'budi', name: OFFICER_NAME, password: 'sandi-budi-123', role: 'officer', counterIds: ['loket-1'] },
  });
  await ok('/api/users', { token: admin, body: { username: 'penyelia', name: 'Penyelia', password: 'sandi-penyelia-1', role: 'supervisor', counterIds: [] } });
  const officer = await h.login('budi', 'sandi-budi-123');
  const supervisor = await h.login('penyelia', 'sandi-penyelia-1');
  const pair = async (kind: string, extra: object) => {
    const d = await ok('/api/devices', { token: admin, body: { kind, name: kind, ...extra } });
    return (await ok('/api/devices/pair', { body: { code: d.code } })).token as string;
  };
  const kiosk = await pair('kiosk', { ref: 'kiosk-1' });
  const display = await pair('display', { floor: 1 });
  const button = await pair('button', { ref: 'loket-1' });

  const officerLive = await staffSocket(officer);
  kioskLive = await staffSocket(kiosk);
  boardLive = await staffSocket(display);
  const leadLive = await staffSocket(supervisor);
  // A day with history: a kiosk ticket, a held visitor with a note, one served elsewhere with a note, one called at the button's desk.
  const issued = await ok('/api/tickets', { token: kiosk, body: { serviceId: 'ktp' } });
  views.set('kiosk issued ticket', issued);
  for (let i = 0; i < 4; i++) await ok('/api/tickets', { token: admin, body: { serviceId: 'ktp' } });
  await ok('/api/counters/loket-1/call-next', { token: officer, body: {} });
  await ok('/api/counters/loket-1/hold', { token: officer, body: { note: HOLD_NOTE } });
  const elsewhere = await ok('/api/counters/loket-2/call-next', { token: admin, body: {} });
  await ok('/api/counters/loket-2/start', { token: admin, body: {} });
  await ok('/api/counters/loket-2/hold', { token: admin, body: { note: DONE_NOTE } });
  await ok('/api/counters/loket-2/resume', { token: admin, body: { ticketId: elsewhere.id } });
  // Resumed, the visitor waits for this desk again: called back first, then served.
  await ok('/api/counters/loket-2/call-next', { token: admin, body: {} });
  await ok('/api/counters/loket-2/start', { token: admin, body: {} });
  await ok('/api/counters/loket-2/finish', { token: admin, body: {} });
  views.set('officer answer', await ok('/api/counters/loket-1/call-next', { token: officer, body: {} }));
  await ok('/api/counters/loket-1/no-show', { token: officer, body: {} });
  views.set('button answer', await ok('/api/counters/loket-1/call-next', { token: button, body: {} }));
  await new Promise((r) => setTimeout(r, 200));
  views.set('officer ticket event', officerLive.last());
  views.set('lead ticket event', leadLive.last());

  const heldId = (await ok('/api/tickets', { token: admin })).tickets.find((t: StaffTicket) => t.status === 'held').id as string;
  views.set('public snapshot', await ok('/api/snapshot'));
  views.set('public ticket page', await ok(`/api/tickets/${heldId}`));
  views.set('public counters', await ok('/api/counters'));
  views.set('public venue', await ok('/api/venue'));
  views.set('public queues', await ok('/api/queues'));
  const { presentSnapshot } = await import('../realtime/presenters.js');
  views.set('ticket page socket snapshot', JSON.parse(JSON.stringify(presentSnapshot(h.server.ctx, null, heldId))));
  views.set('device snapshot', await ok('/api/snapshot', { token: display }));
  views.set('kiosk snapshot', await ok('/api/snapshot', { token: kiosk }));
  views.set('device me', await ok('/api/auth/me', { token: button }));
  views.set('officer snapshot', await ok('/api/snapshot', { token: officer }));
  views.set('officer tickets', await ok('/api/tickets', { token: officer }));
  views.set('staff me', await ok('/api/auth/me', { token: officer }));
  views.set('lead snapshot', await ok('/api/snapshot', { token: supervisor }));
  views.set('lead tickets', await ok('/api/tickets', { token: supervisor }));
  views.set('lead users', await ok('/api/users', { token: supervisor }));
  views.set('lead devices', await ok('/api/devices', { token: supervisor }));
  // A counter's own state answers as every screen sees the counter, over HTTP as over the socket.
  await ok('/api/counters/loket-1/no-show', { token: officer, body: {} });
  views.set(
    'officer counter answer',
    await ok('/api/counters/loket-1/status', { token: officer, body: { status: 'break', reason: 'Istirahat', minutes: 15 } }),
  );
}, 30_000);

afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await h?.close();
});

describe('views per audience carry only their allowed fields', () => {
  it.each(Object.keys(ALLOWED).map((k) => [k]))('%s', (name) => {
    const v = views.get(name);
    expect(v, `${name} was not collected`).toBeTruthy();
    const extra = [...paths(v)].filter((p) => !ALLOWED[name]!.includes(p));
    expect(extra, `fields ${name} may not carry`).toEqual([]);
  });

  it('public views carry no staff name, note, staff id or printer address', () => {
    const users = (views.get('lead users') as { users: { id: string; name: string }[] }).users;
    // What must not leak is there to leak: the supervisor's record holds both notes and the staff ids.
    const record = strings(views.get('lead tickets')).join('\n');
    expect(record).toContain(DONE_NOTE);
    expect(record).toContain(HOLD_NOTE);
    expect(users.some((u) => u.name === OFFICER_NAME && record.includes(u.id))).toBe(true);
    for (const name of ['public snapshot', 'public ticket page', 'public counters', 'public queues', 'ticket page socket snapshot', 'device snapshot']) {
      const text = strings(views.get(name)).join('\n');
      expect(text).not.toContain(OFFICER_NAME);
      expect(text).not.toContain('7317012345678901');
      expect(text).not.toContain(DONE_NOTE);
      for (const u of users) expect(text.split('\n')).not.toContain(u.id);
      expect([...paths(views.get(name))].filter((p) => /printer|userId|phone|note|history|source/i.test(p))).toEqual([]);
    }
  });

  it('kiosks are told numbers, never ticket ids, in their snapshot and live calls and updates; boards that call get ids', async () => {
    const snap = views.get('kiosk snapshot') as Snapshot;
    const shown = snap.counters.filter((c) => c.ticket);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((c) => c.ticket!.id === c.ticket!.number)).toBe(true);
    expect(snap.recentCalls.every((c) => c.ticketId === c.number)).toBe(true);
    // A call now: the kiosk and the board hear it, and get the counter in the next gathered update (within a second).
    await ok('/api/tickets', { token: h.adminToken, body: { serviceId: 'kk' } });
    const called = await ok('/api/counters/loket-2/call-next', { token: h.adminToken, body: {} });
    const tileOf = (l: typeof kioskLive) => l.updates.flatMap((u) => u.counters).find((c) => c.counterId === 'loket-2' && c.ticket?.number === called.number);
    for (let i = 0; i < 60 && !(tileOf(kioskLive) && tileOf(boardLive)); i++) await new Promise((r) => setTimeout(r, 50));
    expect(tileOf(boardLive)!.ticket!.id).toBe(called.id);
    expect(tileOf(kioskLive)!.ticket!.id).toBe(called.number);
    expect(kioskLive.calls.length).toBeGreaterThan(0);
    expect(kioskLive.calls.every((c) => c.ticketId === c.number)).toBe(true);
    const kioskCounters = kioskLive.updates.flatMap((u) => u.counters).filter((c) => c.ticket);
    expect(kioskCounters.length).toBeGreaterThan(0);
    expect(kioskCounters.every((c) => c.ticket!.id === c.ticket!.number)).toBe(true);
    // The hall board announces calls by the real ticket: it still gets ids.
    expect(boardLive.calls.length).toBe(kioskLive.calls.length);
    expect(boardLive.calls.every((c) => c.ticketId !== c.number)).toBe(true);
  });

  it("the public venue is the configuration without printer addresses or the roster's officers", () => {
    const venue = views.get('public venue') as { kiosks: object[] };
    expect(venue.kiosks.length).toBeGreaterThan(0);
    expect([...paths(venue)].filter((p) => /printer|officer|phone|password|token/i.test(p))).toEqual([]);
    expect(Object.keys(venue.kiosks[0]!).sort()).toEqual(['floor', 'id', 'name', 'paper']);
  });

  it("an officer sees the day's tickets without other desks' audit trail, notes of finished visits elsewhere, or who served them", () => {
    const mine = (views.get('officer tickets') as { tickets: StaffTicket[] }).tickets;
    const all = (views.get('lead tickets') as { tickets: StaffTicket[] }).tickets;
    expect(mine.length).toBe(all.length);
    // The supervisor's record has other desks' events and the finished visit's note; the officer's view of the same tickets does not.
    expect(all.some((t) => t.history.some((e) => e.counterId === 'loket-2'))).toBe(true);
    expect(mine.some((t) => t.history.some((e) => e.counterId === 'loket-2'))).toBe(false);
    expect(mine.every((t) => t.userId === undefined && t.source === undefined)).toBe(true);
    const served = all.find((t) => t.counterId === 'loket-2' && t.status === 'done')!;
    expect(mine.find((t) => t.id === served.id)!.history).toEqual([]);
    expect(served.note).toBe(DONE_NOTE);
    expect(mine.find((t) => t.id === served.id)!.note).toBeNull();
    // The held visitor's note is for whoever serves them next: it stays.
    expect(mine.find((t) => t.status === 'held')!.note).toBe(HOLD_NOTE);
    // Their own events are there: the console counts the officer's day from them.
    expect(mine.some((t) => t.history.some((e) => e.action === 'no_show'))).toBe(true);
  });
});
