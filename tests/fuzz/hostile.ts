import fc from 'fast-check';

/**
 * JSON text spliced verbatim into a body: numbers JSON.stringify cannot write (NaN, 1e309, -0),
 * malformed fragments and nesting too deep to build as objects.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Own data property, even for "__proto__": JSON.parse makes such keys, and so must the fuzzer. */
export function withKey(obj: object, key: string, value: unknown): object {
  const copy = clone(obj) as object;
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Deep copy that keeps own "__proto__" keys and RawJson pieces. */
export function clone<T>(v: T): T {
  if (v instanceof RawJson || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(clone) as T;
  const out = {};
  for (const k of Object.keys(v))
    Object.defineProperty(out, k, { value: clone((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
  return out as T;
}

/** JSON text of a hostile value: own "__proto__" keys stay keys, RawJson goes in as written. */
export function toJsonText(v: unknown): string {
  if (v instanceof RawJson) return v.text;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(toJsonText).join(',')}]`;
  if (typeof v === 'object')
    return `{${Object.keys(v)
      .map((k) => `${JSON.stringify(k)}:${toJsonText((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return 'null';
}

/** The same value as a socket.io payload (the client JSON-encodes it): RawJson becomes what it parses to, or its text. */
export function toSocketValue(v: unknown): unknown {
  if (v instanceof RawJson) {
    try {
      return JSON.parse(v.text);
    } catch {
      return v.text;
    }
  }
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(toSocketValue);
  const out = {};
  for (const k of Object.keys(v))
    Object.defineProperty(out, k, { value: toSocketValue((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
  return out;
}

/** Keys that pollute prototypes when merged naively, and other keys code tends to trust. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
export const hostileKey = fc.oneof(
  fc.constantFrom(...PROTO_KEYS, 'toString', 'valueOf', 'hasOwnProperty', '', ' ', '$where', '0', 'length', 'a.b', 'role', 'isAdmin'),
  fc.string({ maxLength: 12 }),
);

/** Objects whose keys try to reach Object.prototype ("polluted" is what the checks look for). */
export const protoBomb = fc
  .constantFrom(
    '{"__proto__":{"polluted":"yes","isAdmin":true,"role":"admin"}}',
    '{"constructor":{"prototype":{"polluted":"yes"}}}',
    '{"__proto__":{"__proto__":{"polluted":"yes"}}}',
    '{"prototype":{"polluted":"yes"}}',
    '{"__proto__":null}',
    '{"__proto__":[]}',
    '{"__proto__":"polluted"}',
  )
  .map((text) => JSON.parse(text) as unknown);

const WEIRD_NUMBERS = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-1e309',
  '-0',
  '1e-400',
  '123456789012345678901234567890',
  '9007199254740993',
  '0x1F',
  '01',
  '.5',
  '1.',
  '+1',
  '1e',
  '--1',
];
export const weirdNumber = fc.constantFrom(...WEIRD_NUMBERS).map((t) => new RawJson(t));
export const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 0.5, -0.000001, 2 ** 31, 2 ** 53 + 2, 1e21, Number.MAX_VALUE, Number.MIN_VALUE),
);
/** Numbers in string clothing: the JSON is valid, the type is wrong. */
export const numberString = fc.constantFrom('1', '-0', 'NaN', 'Infinity', '1e309', '9007199254740993', '0x10', ' 42 ', '30', '');

/** Sizes around the limits: the 32 kB API parser, socket.io's 64 kB frame, the 1 MB venue parser. */
export const HUGE_SIZES = { small: [300, 5_000], underFrame: [20_000, 40_000], overLimit: [33_000, 100_000, 150_000], overVenue: [1_100_000] };
export function hugeString(sizes: number[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...sizes), fc.constantFrom('x', 'é', '\u0000', '🎫', 'a"b\\', ' ')).map(([n, c]) => c.repeat(Math.ceil(n / c.length)));
}

const SPECIAL_STRINGS = [
  '',
  ' ',
  '   ',
  '\t\n',
  '\u0000',
  'null',
  'undefined',
  'true',
  '0',
  ...PROTO_KEYS,
  'toString',
  'hasOwnProperty',
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%00',
  '%2e%2e%2f',
  '\u202e',
  '\ud800',
  '\uffff',
  '\u200b',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${7*7}',
  '{{7*7}}',
  'A'.repeat(65),
  'loket-1\u0000',
  ' ktp',
  'ktp ',
  'KTP',
  'LOKET-1',
  'loket-1/../loket-3',
  's_',
  'd_',
];
export function hostileString(sizes: number[] = HUGE_SIZES.small): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...SPECIAL_STRINGS), weight: 4 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 1 },
    { arbitrary: hugeString(sizes), weight: 1 },
  );
}

/** Nesting deeper than any schema: arrays or objects, as text. */
export function deepNest(depths: number[]): fc.Arbitrary<RawJson> {
  return fc
    .tuple(fc.constantFrom(...depths), fc.boolean())
    .map(([n, arrays]) => new RawJson(arrays ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`));
}

export interface HostileOptions {
  /** Sizes of the huge strings. */
  sizes?: number[];
  /** Depths of the deep nests. */
  depths?: number[];
  /** Allow RawJson leaves (HTTP bodies; sockets get them parsed or as text). */
  raw?: boolean;
}

/** Any JSON-ish value a hostile client might send where something specific is expected. */
export function hostileValue(o: HostileOptions = {}): fc.Arbitrary<unknown> {
  const leaves: fc.Arbitrary<unknown>[] = [
    fc.constant(null),
    fc.boolean(),
    hostileNumber,
    numberString,
    hostileString(o.sizes),
    protoBomb,
    deepNest(o.depths ?? [64, 3000, 10_000]),
  ];
  if (o.raw !== false) leaves.push(weirdNumber);
  const leaf = fc.oneof(...leaves);
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, leaf, tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 3 }),
    object: fc.array(fc.tuple(hostileKey, tie('value')), { maxLength: 3 }).map((entries) => entries.reduce<object>((acc, [k, v]) => withKey(acc, k, v), {})),
  }));
  return value;
}

/** Bodies that are not JSON at all, or JSON cut short. */
export const malformedText = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"a":',
    '[1,2',
    '{"a":1}}',
    "{'a':1}",
    '{"a":1,}',
    '\u0000',
    'undefined',
    '{"__proto__":',
    '\ufeff{}',
    'null',
    'true',
    '"str"',
    '123',
    '[]',
    '{"a":1}{"b":2}',
    'a=1&b=2',
    '<xml/>',
  ),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

/** Content types, right and wrong; null sends none. */
export const contentType = fc.constantFrom<string | null>(
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/vnd.api+json',
  'APPLICATION/JSON',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json; charset=nope',
  '',
  'json',
  null,
);
