import fc from 'fast-check';
import type { Express } from 'express';
import { createApp } from '../../server/src/http/app.ts';
import { COUNTER_ACTIONS, type CounterAction } from '@antre/server/contract';
import { anyAuth, logoutAuth, param, rotateAuth, type AuthChoice, type ParamChoice } from './http-input.ts';
import { hostileString } from './hostile.ts';
import type { World } from './world.ts';

/** One HTTP route as the fuzzer knows it: how to aim at it and what a valid request looks like. */
export interface Door {
  method: string;
  /** The path as the router declares it, /api/v1 included. */
  path: string;
  params?: Record<string, fc.Arbitrary<ParamChoice>>;
  /** Valid bodies (the base of the hostile edits), given the resolved path parameters. */
  bodies?: (w: World, params: Record<string, string>) => unknown[];
  /** Valid query objects, for doors that read the query. */
  queries?: () => unknown[];
  auth?: fc.Arbitrary<AuthChoice>;
  /** The token may also come as ?token= (images). */
  tokenInQuery?: boolean;
  /** Body limit of the door's parser. */
  limit?: 'api' | 'venue';
  /** Ignores tokens altogether: an expired one is not refused. */
  public?: boolean;
  /** Runs relative to the other doors (the counter door has nine actions to cover). */
  weight?: number;
}

export const doorKey = (d: { method: string; path: string }) => `${d.method} ${d.path}`;

/** Valid bodies per counter action (HTTP and socket doors share them). */
export const counterBodies: Record<CounterAction, (w: World) => unknown[]> = {
  'call-next': () => [{}, { serviceId: 'ktp' }],
  recall: () => [{}],
  start: () => [{}],
  finish: () => [{}],
  'no-show': () => [{}],
  hold: () => [{ note: 'ambil berkas' }],
  resume: (w) => [{ ticketId: w.pick('ticketHeldB', 0) }, { ticketId: w.pick('ticketLive', 3) }],
  transfer: () => [{ toServiceId: 'kk' }, { toCounterId: 'loket-2', note: 'pindah loket' }],
  status: () => [{ status: 'break', reason: 'Istirahat', minutes: 30 }, { status: 'open' }, { status: 'closed' }],
  'undo-no-show': (w) => [{ ticketId: w.pick('ticketLive', 1) }],
};
/** Actions: every real one, and some that are not. */
export const actionParam: fc.Arbitrary<ParamChoice> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...COUNTER_ACTIONS).map((text) => ({ text, encode: true })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('explode', 'CALL-NEXT', 'call-next ', 'call_next', '__proto__', 'constructor', 'toString')
      .map((text) => ({ text, encode: true })),
  },
  { weight: 1, arbitrary: hostileString([300]).map((text) => ({ text, encode: true })) },
);

/** The plain values of each free parameter, for runs where only the token may be wrong. */
export const PLAIN_VALUES = new WeakMap<fc.Arbitrary<ParamChoice>, fc.Arbitrary<ParamChoice>>();

/** Path values with no object behind them in the world (secrets of links, message ids), and hostile ones. */
function freeParam(...texts: string[]): fc.Arbitrary<ParamChoice> {
  const plain = fc.constantFrom(...texts).map((text): ParamChoice => ({ text, encode: true }));
  const arb = fc.oneof({ weight: 3, arbitrary: plain }, { weight: 1, arbitrary: hostileString([300]).map((text): ParamChoice => ({ text, encode: true })) });
  PLAIN_VALUES.set(arb, plain);
  return arb;
}

/**
 * Every API route (under /api/v1; the deprecated /api paths are the same router, which
 * server/src/http/api-map.test.ts checks) and how to fuzz it. PUT /api/v1/venue is last: an
 * accepted edit reshapes the world.
 */
export const DOORS: Door[] = [
  { method: 'GET', path: '/api/v1/health', public: true },
  { method: 'GET', path: '/api/v1/openapi.json', public: true },
  { method: 'GET', path: '/api/v1/docs', public: true },
  { method: 'GET', path: '/api/v1/venue', public: true },
  { method: 'GET', path: '/api/v1/queues', public: true },
  { method: 'GET', path: '/api/v1/counters', public: true },
  { method: 'GET', path: '/api/v1/snapshot' },
  { method: 'GET', path: '/api/v1/announcements', public: true },
  {
    method: 'POST',
    path: '/api/v1/auth/login',
    public: true,
    bodies: () => [
      { username: 'tamu', password: 'bukan-sandi' },
      { username: 'constructor', password: 'x' },
    ],
  },
  { method: 'POST', path: '/api/v1/auth/logout', auth: logoutAuth },
  { method: 'GET', path: '/api/v1/auth/me' },
  { method: 'POST', path: '/api/v1/auth/device-token', auth: rotateAuth },
  {
    method: 'POST',
    path: '/api/v1/tickets',
    bodies: () => [{ serviceId: 'ktp' }, { serviceId: 'sertipikat', priority: 'lansia' }, { serviceId: 'skck', priority: null }],
  },
  { method: 'GET', path: '/api/v1/tickets' },
  { method: 'GET', path: '/api/v1/tickets/:id', public: true, params: { id: param('ticket', 'ticketLive') } },
  {
    method: 'POST',
    path: '/api/v1/tickets/:id/transfer',
    params: { id: param('ticketLive', 'ticketHeldB', 'ticket') },
    bodies: () => [{ toServiceId: 'kk' }, { toCounterId: 'loket-4' }, { toServiceId: 'ktp', toCounterId: 'loket-2', note: 'pindah' }],
  },
  {
    method: 'POST',
    path: '/api/v1/counters/:counterId/:action',
    params: { counterId: param('counterA', 'counterB', 'counter'), action: actionParam },
    weight: 5,
    bodies: (w, p) => {
      const action = decodeURIComponent(p.action ?? '');
      return Object.hasOwn(counterBodies, action) ? counterBodies[action as CounterAction](w) : [{}];
    },
  },
  { method: 'GET', path: '/api/v1/printers' },
  { method: 'POST', path: '/api/v1/printers/:id/test', params: { id: param('printer') } },
  { method: 'POST', path: '/api/v1/print-jobs/:jobId/reprint', params: { jobId: param('jobKiosk1', 'jobKiosk2', 'job') } },
  { method: 'GET', path: '/api/v1/printers/virtual/jobs' },
  { method: 'GET', path: '/api/v1/printers/virtual/jobs/:id.png', params: { id: param('virtualJob') }, tokenInQuery: true },
  { method: 'GET', path: '/api/v1/printers/:id/jobs', params: { id: param('printer') } },
  { method: 'GET', path: '/api/v1/print-jobs/:jobId/preview.png', params: { jobId: param('jobKiosk1', 'jobKiosk2', 'job') }, tokenInQuery: true },
  {
    method: 'POST',
    path: '/api/v1/devices',
    bodies: () => [
      { kind: 'display', name: 'Layar baru', floor: 1 },
      { kind: 'button', name: 'Tombol', ref: 'loket-2' },
      { kind: 'printer', name: 'Printer', ref: 'kiosk-1' },
      { kind: 'kiosk', name: 'Kios', ref: 'kiosk-1' },
      { kind: 'display', name: 'Zona', ref: 'zona-a' },
    ],
  },
  { method: 'GET', path: '/api/v1/devices' },
  { method: 'POST', path: '/api/v1/devices/pair', public: true, bodies: (w) => [{ code: w.pick('pendingCode', 0) }, { code: 'ABCDEFGH' }] },
  { method: 'POST', path: '/api/v1/devices/:id/pairing', params: { id: param('deviceVictim') } },
  { method: 'DELETE', path: '/api/v1/devices/:id', params: { id: param('deviceDoomed') } },
  { method: 'GET', path: '/api/v1/users' },
  {
    method: 'POST',
    path: '/api/v1/users',
    bodies: () => [{ username: 'fuzz-petugas', name: 'Fuzz', password: 'sandi-fuzz-123', role: 'officer', counterIds: ['loket-2'] }],
  },
  {
    method: 'PATCH',
    path: '/api/v1/users/:id',
    params: { id: param('userVictim') },
    bodies: () => [{ name: 'Korban Fuzz' }, { counterIds: ['loket-2', 'loket-4'] }, { role: 'officer', disabled: false }],
  },
  {
    method: 'POST',
    path: '/api/v1/services/:id/status',
    params: { id: param('service') },
    bodies: () => [{ closedToday: true, reason: 'Blangko habis' }, { closedToday: false }],
  },
  { method: 'PUT', path: '/api/v1/announcements', bodies: () => [{ announcements: ['Selamat datang', 'Welcome'] }] },
  { method: 'GET', path: '/api/v1/alerts' },
  { method: 'GET', path: '/api/v1/alerts/active' },
  { method: 'GET', path: '/api/v1/alerts/history', queries: () => [{ day: '2026-11-25' }, {}] },
  { method: 'POST', path: '/api/v1/alerts/:id/ack', params: { id: freeParam('a0000000', 'nope') } },
  { method: 'GET', path: '/api/v1/plan' },
  {
    method: 'POST',
    path: '/api/v1/agencies/:id/day',
    params: { id: freeParam('bpn', 'nope') },
    bodies: () => [{ status: 'late', from: '09:30' }, { status: 'present' }, { status: 'absent', reason: 'Dinas luar' }],
  },
  { method: 'GET', path: '/api/v1/accountability', queries: () => [{ day: '2026-11-25' }, {}] },
  { method: 'GET', path: '/api/v1/accountability.csv', queries: () => [{ day: '2026-11-25' }] },
  {
    method: 'GET',
    path: '/api/v1/reports',
    queries: () => [
      { from: '2026-11-25', to: '2026-11-25' },
      { from: '2026-11-01', to: '2026-11-30' },
    ],
  },
  {
    method: 'GET',
    path: '/api/v1/reports.csv',
    queries: () => [
      { from: '2026-11-25', to: '2026-11-25', by: 'counter' },
      { from: '2026-11-20', by: 'officer' },
    ],
  },
  { method: 'GET', path: '/api/v1/surveys/ticket/:id', public: true, params: { id: param('ticketDone', 'ticket') } },
  {
    method: 'POST',
    path: '/api/v1/surveys',
    bodies: (w) => [
      { ticketId: w.pick('ticketDone', 0), scores: [4, 3, 2, 4, 3, 3, 4, 2, 3] },
      { ticketId: w.pick('ticketDone', 1), scores: [1, 1, 1, 1, 1, 1, 1, 1, 1], comment: 'Antre lama', profile: { sex: 'L', age: '20_29' } },
      { ticketId: w.pick('ticketLive', 0), scores: [3, 3, 3, 3, 3, 3, 3, 3, 3] },
    ],
  },
  { method: 'GET', path: '/api/v1/surveys/pending' },
  {
    method: 'GET',
    path: '/api/v1/surveys/results',
    queries: () => [
      { from: '2026-11-25', to: '2026-11-25' },
      { from: '2026-11-01', to: '2026-11-30', agencyId: 'bpn' },
      { from: '2026-11-25', to: '2026-11-25', officerId: 'x', floor: '2' },
    ],
  },
  { method: 'GET', path: '/api/v1/surveys/results.csv', queries: () => [{ from: '2026-11-25', to: '2026-11-25', by: 'service' }] },
  {
    method: 'GET',
    path: '/api/v1/surveys/answers.csv',
    queries: () => [
      { from: '2026-11-25', to: '2026-11-25' },
      { from: '2026-11-01', to: '2026-11-30', agencyId: 'bpn' },
      { from: '2026-11-25', to: '2026-11-25', officerId: 'x', floor: '2' },
    ],
  },
  { method: 'GET', path: '/api/v1/surveys/mine', queries: () => [{ from: '2026-11-25', to: '2026-11-25' }] },
  { method: 'GET', path: '/api/v1/surveys/public', public: true },
  { method: 'GET', path: '/api/v1/tickets/:id/contact', public: true, params: { id: param('ticket', 'ticketLive') } },
  {
    method: 'POST',
    path: '/api/v1/tickets/:id/contact',
    public: true,
    params: { id: param('ticketLive', 'ticket') },
    bodies: () => [
      { phone: '081234567890', consent: true },
      { phone: '+62 812 0000 1111', consent: true },
    ],
  },
  { method: 'DELETE', path: '/api/v1/tickets/:id/contact', public: true, params: { id: param('ticketLive', 'ticket') } },
  { method: 'GET', path: '/api/v1/messages/outbox' },
  { method: 'POST', path: '/api/v1/messages/:id/retry', params: { id: freeParam('m0000000000', 'nope') } },
  { method: 'GET', path: '/api/v1/booking/services', public: true },
  {
    method: 'GET',
    path: '/api/v1/booking/slots',
    public: true,
    queries: () => [
      { serviceId: 'ktp', day: '2026-11-25' },
      { serviceId: 'kk', day: '2026-11-26' },
    ],
  },
  { method: 'GET', path: '/api/v1/booking/challenge', public: true },
  {
    method: 'POST',
    path: '/api/v1/bookings',
    public: true,
    bodies: () => [
      { serviceId: 'ktp', day: '2026-11-25', time: '10:00', name: 'Andi', phone: '081234567890', consent: true, challenge: '1.2.3.4', nonce: '0' },
    ],
  },
  { method: 'GET', path: '/api/v1/bookings/manage/:token', public: true, params: { token: freeParam('AAAAAAAAAAAAAAAAAAAAAAAA', 'x') } },
  { method: 'POST', path: '/api/v1/bookings/manage/:token/cancel', public: true, params: { token: freeParam('AAAAAAAAAAAAAAAAAAAAAAAA') } },
  {
    method: 'POST',
    path: '/api/v1/bookings/manage/:token/move',
    public: true,
    params: { token: freeParam('AAAAAAAAAAAAAAAAAAAAAAAA') },
    bodies: () => [{ day: '2026-11-25', time: '11:00' }],
  },
  { method: 'POST', path: '/api/v1/bookings/check-in', bodies: () => [{ code: 'ACDEFH' }, { code: ' acdefh ' }] },
  { method: 'GET', path: '/api/v1/venue/raw' },
  { method: 'PUT', path: '/api/v1/venue', limit: 'venue', bodies: (w) => [w.h.server.ctx.queue.venue] },
];

export { anyAuth };

interface RouterLayer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
}

/**
 * The routes the running app really has, read from express's router stack (nested routers
 * included): "METHOD /path". A route added without a door shows up here.
 */
export function enumerateRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: RouterLayer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const m of Object.keys(layer.route.methods)) if (m !== '_all') out.push(`${m.toUpperCase()} ${prefix}${String(layer.route.path)}`);
      } else if (layer.handle?.stack) {
        const here = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + here);
      }
    }
  };
  walk((app as unknown as { router: { stack: RouterLayer[] } }).router.stack, '');
  return [...new Set(out)].filter((r) => r.split(' ')[1]!.startsWith('/api/v1/'));
}

/**
 * The server's express app, built by the same factory over the running server's context
 * (socket.io wraps the HTTP server's request listener, so the live app is not reachable).
 */
export function appOf(w: World): Express {
  return createApp(w.h.server.ctx);
}
