import fc from 'fast-check';
import { COUNTER_ACTIONS, type ClientToServerEvents } from '@antre/server/contract';
import { counterBodies } from './http-doors.ts';
import { applyEdit, editArb, tokenOf, type AuthChoice, type Edit } from './http-input.ts';
import { hostileValue, toSocketValue } from './hostile.ts';
import { DEAD, IDENTITIES, type Identity, type World } from './world.ts';

/** Who a socket is: every identity, and a visitor's ticket page. */
export type Who = Identity | 'visitor';
export const WHO: Who[] = [...IDENTITIES, 'visitor'];

export function authFor(w: World, who: Who): Record<string, string> {
  return who === 'visitor' ? { ticketId: w.pick('ticket', 0) } : { token: w.tokens[who] };
}

/** Hostile values that fit in one socket.io frame (64 kB); oversized ones are their own case. */
export const socketValue = hostileValue({ sizes: [300, 5000, 20_000], depths: [64, 1500] }).map(toSocketValue);

/** The arguments before the ack: a valid payload with one hostile edit, a valid one, or anything. */
export type Payload = { t: 'sample'; sample: number; edit: Edit | null } | { t: 'values'; values: unknown[] };

function payloadArb(arity: number, samples: boolean): fc.Arbitrary<Payload> {
  const values = fc.array(socketValue, { minLength: 0, maxLength: Math.max(2, arity + 1) }).map((v): Payload => ({ t: 'values', values: v }));
  if (!samples) return values;
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ sample: fc.nat(), edit: editArb(socketValue) }).map((r): Payload => ({ t: 'sample', ...r })) },
    { weight: 2, arbitrary: fc.nat().map((sample): Payload => ({ t: 'sample', sample, edit: null })) },
    { weight: 2, arbitrary: values },
  );
}

const COUNTERS = ['loket-1', 'loket-3', 'loket-2', 'loket-4'];

export interface EventSpec {
  /** Arguments the contract gives the event before its ack. */
  arity: number;
  /** Whether the contract promises an answer through an ack. */
  acks: boolean;
  payload: fc.Arbitrary<Payload>;
  /** Valid argument lists, resolved against the live world. */
  samples: (w: World) => unknown[][];
}

/**
 * Every event a client may send, as the contract lists them: a new event in ClientToServerEvents
 * breaks this map's type until it is fuzzed too.
 */
export const EVENTS: { [K in keyof ClientToServerEvents]: EventSpec } = {
  'snapshot:request': { arity: 0, acks: true, payload: payloadArb(0, false), samples: () => [[]] },
  'counter:command': {
    arity: 1,
    acks: true,
    payload: payloadArb(1, true),
    samples: (w) => COUNTER_ACTIONS.flatMap((action) => COUNTERS.flatMap((counterId) => counterBodies[action](w).map((body) => [{ counterId, action, body }]))),
  },
  'printer:status': {
    arity: 1,
    acks: false,
    payload: payloadArb(1, true),
    samples: () => [[{ online: true }], [{ online: false, paperOut: true, error: 'Kertas habis' }], [{ online: true, coverOpen: false, paperNearEnd: true }]],
  },
};
export const EVENT_NAMES = Object.keys(EVENTS) as (keyof ClientToServerEvents)[];

export function resolvePayload(w: World, spec: EventSpec, p: Payload): unknown[] {
  if (p.t === 'values') return p.values;
  const samples = spec.samples(w);
  const base = samples[p.sample % samples.length]!;
  if (!p.edit) return base;
  const edited = applyEdit(base, p.edit);
  return Array.isArray(edited) ? edited : edited === undefined ? [] : [edited];
}

/** Where the ack goes, or what stands in its place. */
export const SHAPES = ['last', 'last', 'last', 'none', 'notFunction', 'first', 'extraBeforeAck'] as const;
export type Shape = (typeof SHAPES)[number];

/** A printer status as the contract types it (strict: no other keys); a long error text is kept cut to 300 characters. */
export function validPrinterStatus(s: unknown): boolean {
  if (!s || typeof s !== 'object' || Array.isArray(s)) return false;
  const o = s as Record<string, unknown>;
  const flags = ['coverOpen', 'paperNearEnd', 'paperOut'];
  if (Object.keys(o).some((k) => k !== 'online' && k !== 'error' && !flags.includes(k))) return false;
  if (typeof o.online !== 'boolean') return false;
  if (flags.some((k) => k in o && typeof o[k] !== 'boolean')) return false;
  return !('error' in o) || typeof o.error === 'string';
}

/** Handshake auth, right and wrong. */
export type AuthRecipe =
  | { t: 'live'; who: Who }
  | { t: 'choice'; choice: AuthChoice }
  | { t: 'token'; value: unknown }
  | { t: 'ticketId'; value: unknown }
  | { t: 'trick'; name: 'protoToken' | 'constructorToken' | 'ticketBeatsToken' | 'badTicketWithToken' | 'emptyToken' | 'unknownTicket' | 'otherKeys' }
  | { t: 'oversized' };

export const authRecipe: fc.Arbitrary<AuthRecipe> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...WHO).map((who): AuthRecipe => ({ t: 'live', who })) },
  { weight: 2, arbitrary: fc.constantFrom(...DEAD).map((which): AuthRecipe => ({ t: 'choice', choice: { t: 'dead', which } })) },
  {
    weight: 2,
    arbitrary: fc
      .record({ who: fc.constantFrom(...IDENTITIES), how: fc.constantFrom('truncate', 'extend', 'flip', 'swapKind', 'upper') })
      .map((m): AuthRecipe => ({ t: 'choice', choice: { t: 'mangled', ...m } as AuthChoice })),
  },
  { weight: 2, arbitrary: socketValue.map((value): AuthRecipe => ({ t: 'token', value })) },
  { weight: 2, arbitrary: socketValue.map((value): AuthRecipe => ({ t: 'ticketId', value })) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom('protoToken', 'constructorToken', 'ticketBeatsToken', 'badTicketWithToken', 'emptyToken', 'unknownTicket', 'otherKeys')
      .map((name): AuthRecipe => ({ t: 'trick', name }) as AuthRecipe),
  },
  { weight: 1, arbitrary: fc.constant<AuthRecipe>({ t: 'oversized' }) },
);

export function resolveAuth(w: World, r: AuthRecipe, expired?: Record<string, string>): unknown {
  const admin = w.tokens.admin;
  switch (r.t) {
    case 'live':
      return authFor(w, r.who);
    case 'choice':
      return { token: tokenOf(w, r.choice, expired) };
    case 'token':
      return { token: r.value };
    case 'ticketId':
      return { ticketId: r.value };
    case 'oversized':
      return { token: `s_${'A'.repeat(70_000)}` };
    case 'trick':
      switch (r.name) {
        case 'protoToken':
          return JSON.parse(`{"__proto__":{"token":"${admin}"}}`);
        case 'constructorToken':
          return JSON.parse(`{"constructor":{"prototype":{"token":"${admin}"}}}`);
        case 'ticketBeatsToken':
          return { ticketId: w.pick('ticket', 1), token: 's_forged' };
        case 'badTicketWithToken':
          return { ticketId: '../../etc/passwd', token: admin };
        case 'emptyToken':
          return { token: '' };
        case 'unknownTicket':
          return { ticketId: 'AAAAAAAAAAAAAAAA' };
        case 'otherKeys':
          return { user: 'admin', role: 'admin', password: 'rahasia-admin-123' };
      }
  }
}

/**
 * Malformed socket.io packets written straight onto the engine.io connection: broken JSON,
 * reserved and prototype event names, unknown namespaces, bad ack ids, lying binary headers.
 * None is a valid command (a valid one would be acted on and answered to no one).
 */
export const RAW_PACKETS: { text: string; binary?: number[] }[] = [
  ...[
    '2',
    '2[',
    '2]',
    '2{}',
    '2[]',
    '2[1]',
    '2[null]',
    '2[{}]',
    '2["__proto__"]',
    '2["__proto__",{"polluted":"yes"}]',
    '2["constructor",{"prototype":{"polluted":"yes"}}]',
    '2["hasOwnProperty"]',
    '2["toString",1]',
    '2["connect"]',
    '2["disconnect"]',
    '2["disconnecting"]',
    '2["error",{}]',
    '2["newListener","x"]',
    '2["snapshot:request",{"__proto__":{"polluted":"yes"}}]',
    '2["counter:command",',
    '2["counter:command",{"counterId":"loket-1","action":"call-next"}]',
    '21["counter:command",{"counterId":{"$gt":""},"action":"call-next"}]',
    '21["counter:command",{"counterId":"loket-1","action":"__proto__"}]',
    '2-1["snapshot:request"]',
    '2999999999999999999999["snapshot:request"]',
    '2/nope,["snapshot:request"]',
    '0/nope,',
    '0/admin,{"token":"x"}',
    '0',
    '0{"token":1}',
    '1',
    '1/nope,',
    '3',
    '31',
    '31[1]',
    '3999[1]',
    '4',
    '4{"message":"x"}',
    '5',
    '6',
    '9',
    'x',
    '',
    `2[${'['.repeat(20_000)}${']'.repeat(20_000)}]`,
    `2["snapshot:request",${'['.repeat(20_000)}${']'.repeat(20_000)}]`,
    `2["counter:command",${'{"body":'.repeat(5_000)}1${'}'.repeat(5_000)}]`,
    `2["counter:command","${'x'.repeat(70_000)}"]`,
  ].map((text) => ({ text })),
  { text: '51-["counter:command",{"_placeholder":true,"num":0}]', binary: [1, 2, 3] },
  { text: '51-["counter:command",{"_placeholder":true,"num":99}]', binary: [1] },
  { text: '52-["snapshot:request",{"_placeholder":true,"num":0}]', binary: [1] },
  { text: `51-["snapshot:request",${'['.repeat(15_000)}{"_placeholder":true,"num":0}${']'.repeat(15_000)}]`, binary: [7] },
  { text: '51-["counter:command",{"_placeholder":true,"num":0}]' },
  { text: '5-1-[]' },
];
