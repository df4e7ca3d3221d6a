import fc from 'fast-check';
import { clone, contentType, hostileKey, hostileString, hostileValue, malformedText, RawJson, toJsonText, withKey } from './hostile.ts';
import type { RawRequest } from './http-probe.ts';
import { DEAD, IDENTITIES, type DeadToken, type Identity, type RefKind, type World } from './world.ts';

/** Who the request claims to be. Resolved when sent: tokens are the world's. */
export type AuthChoice =
  | { t: 'as'; who: Identity }
  | { t: 'dead'; which: DeadToken }
  | { t: 'spare' }
  | { t: 'expired'; who: string }
  | { t: 'forged'; token: string }
  | { t: 'mangled'; who: Identity; how: 'truncate' | 'extend' | 'flip' | 'swapKind' | 'upper' }
  | { t: 'header'; value: string }
  | { t: 'none' };

const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('');
const forged = fc
  .tuple(fc.constantFrom('s_', 'd_', 'x_', ''), fc.string({ unit: fc.constantFrom(...TOKEN_CHARS), maxLength: 40 }))
  .map(([p, s]): AuthChoice => ({ t: 'forged', token: p + s }));
const mangled = fc
  .record({ who: fc.constantFrom(...IDENTITIES), how: fc.constantFrom('truncate', 'extend', 'flip', 'swapKind', 'upper') })
  .map((m): AuthChoice => ({ t: 'mangled', ...m }));
const badHeader = fc
  .constantFrom(
    'Bearer',
    'Bearer ',
    'Basic YWRtaW46cmFoYXNpYS1hZG1pbi0xMjM=',
    'Bearer a b',
    'Token s_abc',
    'Bearer null',
    'Bearer undefined',
    'Bearer __proto__',
    'Bearer constructor',
    '   ',
    'null',
    `Bearer s_${'A'.repeat(4000)}`,
    'Bearer s_\u00e9\u00e9',
    'Bearer\ts_x',
    'Bearer s_x, Bearer d_y',
  )
  .map((value): AuthChoice => ({ t: 'header', value }));

/** Any caller: every live role, dead and forged tokens, broken headers, nobody. */
export const anyAuth: fc.Arbitrary<AuthChoice> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...IDENTITIES).map((who): AuthChoice => ({ t: 'as', who })) },
  { weight: 2, arbitrary: fc.constantFrom(...DEAD).map((which): AuthChoice => ({ t: 'dead', which })) },
  { weight: 1, arbitrary: forged },
  { weight: 1, arbitrary: mangled },
  { weight: 1, arbitrary: badHeader },
  { weight: 2, arbitrary: fc.constant<AuthChoice>({ t: 'none' }) },
);

/** Logout uses up the session it is given: its own spare session, never one the other doors need. */
export const logoutAuth: fc.Arbitrary<AuthChoice> = fc.oneof(
  fc.constant<AuthChoice>({ t: 'spare' }),
  fc.constantFrom<Identity>('kiosk1', 'display', 'button1', 'printer').map((who): AuthChoice => ({ t: 'as', who })),
  fc.constantFrom(...DEAD).map((which): AuthChoice => ({ t: 'dead', which })),
  forged,
  mangled,
  badHeader,
  fc.constant<AuthChoice>({ t: 'none' }),
);

/** Auth for a device's token rotation: never one of the world's own devices, whose tokens the other doors go on using. */
export const rotateAuth: fc.Arbitrary<AuthChoice> = fc.oneof(
  fc.constant<AuthChoice>({ t: 'spare' }),
  fc.constantFrom(...DEAD).map((which): AuthChoice => ({ t: 'dead', which })),
  forged,
  mangled,
  badHeader,
  fc.constant<AuthChoice>({ t: 'none' }),
);

export function tokenOf(w: World, a: AuthChoice, expired: Record<string, string> = {}): string | null {
  switch (a.t) {
    case 'as':
      return w.tokens[a.who];
    case 'dead':
      return w.dead[a.which];
    case 'spare':
      return w.spare;
    case 'expired':
      return expired[a.who] ?? null;
    case 'forged':
      return a.token;
    case 'mangled': {
      const t = w.tokens[a.who];
      if (a.how === 'truncate') return t.slice(0, -1);
      if (a.how === 'extend') return `${t}A`;
      if (a.how === 'flip') return t.slice(0, 5) + (t[5] === 'A' ? 'B' : 'A') + t.slice(6);
      if (a.how === 'swapKind') return (t.startsWith('s_') ? 'd_' : 's_') + t.slice(2);
      return t.slice(0, 2).toUpperCase() + t.slice(2);
    }
    default:
      return null;
  }
}

export function authHeader(w: World, a: AuthChoice, expired?: Record<string, string>): string | null {
  if (a.t === 'header') return a.value;
  const t = tokenOf(w, a, expired);
  return t === null ? null : `Bearer ${t}`;
}

/** A path parameter: an id from the world (someone else's counter, a live ticket) or a hostile string. */
export type ParamChoice = { ref: RefKind; n: number } | { text: string; encode: boolean };

export function refParam(...kinds: RefKind[]): fc.Arbitrary<ParamChoice> {
  return fc.record({ ref: fc.constantFrom(...kinds), n: fc.nat() });
}
export const hostileParam: fc.Arbitrary<ParamChoice> = fc.oneof(
  fc
    .constantFrom(
      'nope',
      'loket-99',
      'A'.repeat(64),
      'A'.repeat(65),
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      '0',
      '-1',
      'null',
      'undefined',
      'printer-kiosk-9',
    )
    .map((text) => ({ text, encode: true })),
  fc
    .constantFrom(
      '..%2F..%2Fetc%2Fpasswd',
      '%2e%2e%2f%2e%2e%2fetc',
      '..',
      '.',
      '%00',
      '%E0%A4%A',
      '%',
      '%ZZ',
      'a%0Ab',
      '%C0%AE%C0%AE',
      'loket-1%00',
      '..;',
      'x%2Fy',
      'job-%2e%2e',
    )
    .map((text) => ({ text, encode: false })),
  hostileString([300, 800]).map((text) => ({ text, encode: true })),
);
/** The door's own ids most of the time, hostile ones otherwise. */
export function param(...kinds: RefKind[]): fc.Arbitrary<ParamChoice> {
  return fc.oneof({ weight: 3, arbitrary: refParam(...kinds) }, { weight: 2, arbitrary: hostileParam });
}

export function resolveParam(w: World, p: ParamChoice): string {
  return 'ref' in p ? enc(w.pick(p.ref, p.n)) : p.encode ? enc(p.text) : p.text;
}

/** Percent-encodes; a lone surrogate (which no URL can carry) becomes U+FFFD first. */
export function enc(s: string): string {
  return encodeURIComponent(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
}

/** One hostile edit of a valid body, somewhere in its tree. */
export type Edit =
  | { op: 'set'; at: number; key: number; value: unknown }
  | { op: 'delete'; at: number; key: number }
  | { op: 'add'; at: number; key: string; value: unknown }
  | { op: 'wrap'; inArray: boolean };

export function editArb(value: fc.Arbitrary<unknown>): fc.Arbitrary<Edit> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), at: fc.nat(), key: fc.nat(), value }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), key: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('add' as const), at: fc.nat(), key: hostileKey, value }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('wrap' as const), inArray: fc.boolean() }) },
  );
}

/** Applies an edit to a copy: objects and arrays of the tree are numbered depth first, root first. */
export function applyEdit(sample: unknown, e: Edit): unknown {
  if (e.op === 'wrap') return e.inArray ? [clone(sample)] : { data: clone(sample) };
  const root = clone(sample);
  const boxes: object[] = [];
  const walk = (v: unknown) => {
    if (v === null || typeof v !== 'object' || v instanceof RawJson) return;
    boxes.push(v);
    for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k]);
  };
  walk(root);
  if (!boxes.length) return e.op === 'delete' ? undefined : e.value;
  const box = boxes[e.at % boxes.length]! as Record<string, unknown>;
  const keys = Object.keys(box);
  if (Array.isArray(box) && (e.op === 'add' || !keys.length)) box.push('value' in e ? e.value : null);
  else if (e.op === 'add' || !keys.length) {
    Object.defineProperty(box, e.op === 'add' ? e.key : 'extra', {
      value: 'value' in e ? e.value : null,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else if (e.op === 'delete') {
    if (Array.isArray(box)) box.splice(e.key % keys.length, 1);
    else delete box[keys[e.key % keys.length]!];
  } else Object.defineProperty(box, keys[e.key % keys.length]!, { value: e.value, enumerable: true, writable: true, configurable: true });
  return root;
}

/** What goes in the body: the door's valid body, a valid body with one hostile edit, anything, not JSON, or too much. */
export type BodyChoice =
  | { t: 'none' }
  | { t: 'valid'; sample: number }
  | { t: 'edited'; sample: number; edit: Edit }
  | { t: 'value'; value: unknown }
  | { t: 'text'; text: string }
  | { t: 'huge'; size: number };

export function bodyArb(withSamples: boolean, sizes: number[], hugeSizes: number[]): fc.Arbitrary<BodyChoice> {
  const value = hostileValue({ sizes });
  const sample = fc.nat();
  const parts: fc.WeightedArbitrary<BodyChoice>[] = [
    { weight: 1, arbitrary: fc.constant<BodyChoice>({ t: 'none' }) },
    { weight: 2, arbitrary: value.map((v): BodyChoice => ({ t: 'value', value: v })) },
    { weight: 1, arbitrary: malformedText.map((text): BodyChoice => ({ t: 'text', text })) },
    { weight: 1, arbitrary: fc.constantFrom(...hugeSizes).map((size): BodyChoice => ({ t: 'huge', size })) },
  ];
  if (withSamples) {
    parts.push({ weight: 1, arbitrary: sample.map((s): BodyChoice => ({ t: 'valid', sample: s })) });
    parts.push({ weight: 8, arbitrary: fc.record({ sample, edit: editArb(value) }).map((r): BodyChoice => ({ t: 'edited', ...r })) });
  }
  return fc.oneof(...parts);
}

/** The body as text, or undefined for none. */
export function bodyText(b: BodyChoice, samples: unknown[]): string | undefined {
  const pickSample = (n: number) => (samples.length ? samples[n % samples.length] : {});
  switch (b.t) {
    case 'none':
      return undefined;
    case 'valid':
      return toJsonText(pickSample(b.sample));
    case 'edited': {
      const v = applyEdit(pickSample(b.sample), b.edit);
      return v === undefined ? undefined : toJsonText(v);
    }
    case 'value':
      return toJsonText(b.value);
    case 'text':
      return b.text;
    case 'huge':
      return toJsonText(withKey((samples[0] as object) ?? {}, 'pad', 'x'.repeat(b.size)));
  }
}

/** A query string from a (possibly edited) object: arrays repeat the key, non-strings go as JSON text. */
export function queryText(q: unknown): string {
  if (q === null || typeof q !== 'object' || Array.isArray(q)) return `q=${enc(toJsonText(q).slice(0, 300))}`;
  const str = (v: unknown) => (typeof v === 'string' ? v : toJsonText(v));
  return Object.keys(q)
    .flatMap((k) => {
      const v = (q as Record<string, unknown>)[k];
      return (Array.isArray(v) ? v : [v]).map((x) => `${enc(k)}=${enc(str(x).slice(0, 300))}`);
    })
    .join('&');
}

/** Junk query strings for doors that take none. */
export const junkQuery = fc.oneof(
  { weight: 6, arbitrary: fc.constant('') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'a=1&a=2',
      '__proto__=x',
      '__proto__[polluted]=yes',
      'constructor[prototype][polluted]=yes',
      'token=s_forged',
      '%',
      '%E0%A4%A=1',
      `x=${'y'.repeat(3000)}`,
      '&&&',
      '=',
      'from=2026-11-25&from=2026-11-26',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.tuple(hostileKey, hostileString([300])), { maxLength: 3 })
      .map((kv) => queryText(kv.reduce<object>((o, [k, v]) => withKey(o, k, v), {}))),
  },
);

export const extraHeaders = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Record<string, string>>({}) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Record<string, string>>(
      { 'content-encoding': 'gzip' },
      { 'content-encoding': 'br' },
      { 'content-encoding': 'x-nope' },
      { 'x-forwarded-for': '10.9.8.7' },
      { 'accept-encoding': 'gzip, br' },
      { accept: 'text/html' },
      { 'content-type': 'application/json', 'x-http-method-override': 'DELETE' },
    ),
  },
);

export { contentType };

/** Puts a request together. */
export function buildRequest(
  method: string,
  path: string,
  query: string,
  auth: string | null,
  body: string | undefined,
  type: string | null,
  extra: Record<string, string>,
): RawRequest {
  const headers: Record<string, string> = { ...extra };
  if (auth !== null) headers.authorization = auth;
  if (body !== undefined && type !== null) headers['content-type'] = type;
  return { method, path: query ? `${path}?${query}` : path, headers, body };
}
