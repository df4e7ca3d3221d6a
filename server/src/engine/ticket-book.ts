import type { Ticket, TicketEvent } from '../contract/domain.js';

/** Statuses a ticket does not leave on a normal day: it is then only read (lists, reports, the visitor's page). */
const FINISHED = new Set<Ticket['status']>(['done', 'no_show', 'transferred', 'expired']);

/** A ticket's fields in the order the contract gives them; a packed ticket is their values in this order. */
const FIELDS = [
  'id',
  'day',
  'number',
  'seq',
  'serviceId',
  'agencyId',
  'priority',
  'status',
  'issuedAt',
  'queuedAt',
  'targetCounterId',
  'counterId',
  'userId',
  'calledAt',
  'startedAt',
  'finishedAt',
  'recalls',
  'transferredFrom',
  'transferredTo',
  'note',
  'source',
  'history',
] as const satisfies readonly (keyof Ticket)[];
const EVENT_FIELDS = ['at', 'action', 'counterId', 'userId', 'note'] as const satisfies readonly (keyof TicketEvent)[];
/** Stands for "no such key" in a packed history event (never a valid value of any of its fields). */
const ABSENT = 0;
/** Stands for "the ticket's own counterId / userId" in a packed history event: most events repeat them. */
const SAME = 1;
/** Times kept as milliseconds after `issuedAt`: a few digits instead of thirteen. */
const TIMES = new Set<string>(['queuedAt', 'calledAt', 'startedAt', 'finishedAt']);

/**
 * A finished ticket as one short string: its values without the key names, history events as
 * arrays. A day's finished tickets then take about a third of the memory of the objects. Null
 * when the ticket has a shape this packing does not know exactly (it is then kept as it is).
 */
export function packTicket(t: Ticket): string | null {
  const keys = Object.keys(t);
  if (keys.length !== FIELDS.length || keys.some((k, i) => k !== FIELDS[i])) return null;
  const src = t.source;
  if (Object.keys(src).length !== 2 || Object.keys(src)[0] !== 'kind' || Object.keys(src)[1] !== 'id') return null;
  const base = t.issuedAt;
  if (!Number.isSafeInteger(base)) return null;
  const rel = (x: unknown): unknown => (typeof x === 'number' && Number.isSafeInteger(x) ? x - base : x);
  const history: unknown[] = [];
  for (const e of t.history) {
    const ek = Object.keys(e);
    // Keys must be a subsequence of EVENT_FIELDS in that order, each with a string value (or number for `at`).
    let j = 0;
    for (const k of ek) {
      while (j < EVENT_FIELDS.length && EVENT_FIELDS[j] !== k) j++;
      if (j === EVENT_FIELDS.length) return null;
      j++;
    }
    if (!Number.isSafeInteger(e.at) || typeof e.action !== 'string') return null;
    const row: unknown[] = [e.at - base, e.action];
    for (const k of ['counterId', 'userId', 'note'] as const) {
      if (!(k in e)) row.push(ABSENT);
      else if (typeof e[k] !== 'string') return null;
      else row.push(k !== 'note' && e[k] === t[k] ? SAME : e[k]);
    }
    while (row.length > 2 && row[row.length - 1] === ABSENT) row.pop();
    history.push(row);
  }
  for (const k of TIMES) if (typeof t[k as keyof Ticket] === 'number' && !Number.isSafeInteger(t[k as keyof Ticket])) return null;
  const values: unknown[] = FIELDS.slice(0, -2).map((k) => (TIMES.has(k) ? rel(t[k]) : t[k]));
  values.push(src.kind, src.id, history);
  return flat(JSON.stringify(values));
}

/**
 * The same string as one piece. V8 builds a long JSON.stringify result from several parts joined
 * by links (a "cons string"), about 120 bytes more than the text itself for a packed ticket, and
 * keeps it that way until something reads a character. Reading one joins it in place; the next
 * garbage collection drops the links.
 */
function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}

export function unpackTicket(s: string): Ticket {
  const v = JSON.parse(s) as unknown[];
  const t: Record<string, unknown> = {};
  const n = FIELDS.length - 2;
  const base = v[FIELDS.indexOf('issuedAt')] as number;
  for (let i = 0; i < n; i++) t[FIELDS[i]!] = TIMES.has(FIELDS[i]!) && typeof v[i] === 'number' ? (v[i] as number) + base : v[i];
  t.source = { kind: v[n], id: v[n + 1] };
  t.history = (v[n + 2] as unknown[][]).map((row) => {
    const e: Record<string, unknown> = { at: (row[0] as number) + base, action: row[1] };
    for (let i = 2; i < row.length; i++) {
      const k = EVENT_FIELDS[i]!;
      if (row[i] !== ABSENT) e[k] = row[i] === SAME && (k === 'counterId' || k === 'userId') ? t[k] : row[i];
    }
    return e;
  });
  return t as unknown as Ticket;
}

/**
 * A finished ticket on its way to the day document on disk: still packed, unpacked only when
 * JSON.stringify reaches it. Writing a day then never holds all its tickets unpacked at once.
 */
export class PackedTicket {
  constructor(private readonly packed: string) {}

  toJSON(): Ticket {
    return unpackTicket(this.packed);
  }
}

/**
 * The day's tickets by id, in issue order. Live tickets (waiting, called, serving, held) are
 * kept as objects, shared with the lines and indices; finished ones are packed. Reading a
 * finished ticket gives a fresh copy: tickets are never changed in place, only replaced.
 */
export class TicketBook {
  private readonly map = new Map<string, Ticket | string>();

  get size(): number {
    return this.map.size;
  }

  has(id: string): boolean {
    return this.map.has(id);
  }

  get(id: string): Ticket | undefined {
    const v = this.map.get(id);
    return typeof v === 'string' ? unpackTicket(v) : v;
  }

  set(t: Ticket): void {
    this.map.set(t.id, (FINISHED.has(t.status) && packTicket(t)) || t);
  }

  /** Every ticket of the day, finished ones unpacked. */
  *values(): IterableIterator<Ticket> {
    for (const v of this.map.values()) yield typeof v === 'string' ? unpackTicket(v) : v;
  }

  /** Every ticket of the day for writing to disk, finished ones left packed until written. */
  forDisk(): (Ticket | PackedTicket)[] {
    const out: (Ticket | PackedTicket)[] = [];
    for (const v of this.map.values()) out.push(typeof v === 'string' ? new PackedTicket(v) : v);
    return out;
  }

  /** The tickets still kept as objects: every live one (and any finished one packing did not take). */
  *unpacked(): IterableIterator<Ticket> {
    for (const v of this.map.values()) if (typeof v !== 'string') yield v;
  }
}
