import type { CallEvent, CounterState, ServiceDayState, Ticket } from '../contract/domain.js';
import type { Venue } from '../contract/venue.js';
import type { AgencyDayState, VisitOutcome } from '../contract/plan.js';
import { TicketBook, type PackedTicket } from './ticket-book.js';

/** A durable change: what the journal records and replay applies, nothing else. */
export type Change =
  | { t: 'ticket'; ticket: Ticket }
  | { t: 'counter'; counter: CounterState }
  | { t: 'service'; service: ServiceDayState }
  | { t: 'call'; call: CallEvent }
  /** A kiosk's request key (Idempotency-Key) answered with this ticket: a retry gets the same ticket. */
  | { t: 'request'; key: string; ticketId: string }
  /** A supervisor marked an agency absent, late or present for the day. */
  | { t: 'agency'; agency: AgencyDayState }
  /** How a finished visit ended (selesai, papers missing, referred, refused). */
  | { t: 'outcome'; outcome: VisitOutcome };

/** The persisted shape of one service day (the lowdb document). */
export interface DayDoc {
  day: string;
  tickets: Ticket[];
  counters: CounterState[];
  services: ServiceDayState[];
  calls: CallEvent[];
  /** Highest number per service ever used today, so a number is never reused. */
  seq: Record<string, number>;
  /** Request keys of issued tickets (absent in documents of earlier versions). */
  requests?: Record<string, string>;
  /** The supervisor's marks for the day (absent, late); missing in days written before them. */
  agencies?: AgencyDayState[];
  /** How finished visits ended; missing in days written before outcomes. */
  outcomes?: VisitOutcome[];
  /** Every change of a counter's status (open, break with its reason, closed), for the accountability record. */
  counterLog?: CounterLogEntry[];
}

/** One change of a counter's status: when, to what, why (a break's reason), who was signed in. */
export interface CounterLogEntry {
  counterId: string;
  at: number;
  status: CounterState['status'];
  reason: string | null;
  userId: string | null;
}

/** The day document as it is written to disk: the same JSON, finished tickets unpacked only as they are written. */
export type StoredDayDoc = Omit<DayDoc, 'tickets'> & { tickets: (Ticket | PackedTicket)[] };

interface Lines {
  regular: Ticket[];
  priority: Ticket[];
  /** Checked-in online bookings, by slot time. */
  booked: Ticket[];
}

/**
 * Calls kept per counter. Boards show the last calls of their floor or zone, any subset of the
 * counters: keeping each counter's last few means every board's last ten are always at hand,
 * after a restart too, however busy the other floor is.
 */
const CALLS_PER_COUNTER = 10;

/** The key suffix of a service's arrivals sent on from another service (not a character of a service id). */
const SENT_KEY = '\u0000sent';

/** The arrival rate is measured over the last hour, and over at least a quarter of one. */
const ARRIVAL_WINDOW_MS = 60 * 60_000;
const MIN_ARRIVAL_SPAN_MS = 15 * 60_000;

/** A call as recorded: records written before calls said whether the ticket was booked count as walk-in calls. */
export function storedCall(c: CallEvent): CallEvent {
  return typeof c.booked === 'boolean' ? c : { ...c, booked: false };
}

/** The calls worth keeping, oldest first: the last CALLS_PER_COUNTER of each counter. */
export function keepRecentCalls(calls: readonly CallEvent[]): CallEvent[] {
  const seen = new Map<string, number>();
  const keep: CallEvent[] = [];
  for (let i = calls.length - 1; i >= 0; i--) {
    const c = calls[i]!;
    const n = (seen.get(c.counterId) ?? 0) + 1;
    seen.set(c.counterId, n);
    if (n <= CALLS_PER_COUNTER) keep.push(c);
  }
  return keep.reverse();
}

/** One service day in memory, with the indices that keep commands cheap at any day size. */
export class DayState {
  readonly day: string;
  readonly tickets = new TicketBook();
  readonly counters = new Map<string, CounterState>();
  readonly services = new Map<string, ServiceDayState>();
  readonly seq = new Map<string, number>();
  readonly agencies = new Map<string, AgencyDayState>();
  counterLog: CounterLogEntry[] = [];
  readonly outcomes = new Map<string, VisitOutcome>();
  /** Bumped on every agency mark, so the day's plan is computed again only then. */
  agenciesRev = 0;
  calls: CallEvent[] = [];
  /** Ticket ids by the request key that issued them. */
  readonly requests = new Map<string, string>();
  /** Waiting tickets per service, in call order within each class. */
  private readonly lines = new Map<string, Lines>();
  /** Waiting tickets reserved for one counter. */
  private readonly targeted = new Map<string, Ticket[]>();
  /** Recent service durations per service (ms), newest last. */
  private readonly durations = new Map<string, number[]>();
  /** Tickets currently called, serving or held, by id: the live ones besides waiting. */
  readonly active = new Map<string, Ticket>();
  /** When each service's tickets of the last hours were issued (transfers in included): the arrival rate. */
  private readonly arrivals = new Map<string, number[]>();
  /** Changes applied so far, and the count at which each service's and counter's data (or everything) last changed. */
  private changeCount = 0;
  private readonly serviceChanged = new Map<string, number>();
  private readonly counterChanged = new Map<string, number>();
  private everythingChanged = 0;
  /** Visitors who came today per service and in the building (transfers in apart), and how many of them with priority. */
  private readonly visitorsToday = new Map<string, { all: number; priority: number }>();
  private readonly allToday = { all: 0, priority: 0 };

  constructor(
    day: string,
    private readonly window = 20,
  ) {
    this.day = day;
  }

  static fresh(venue: Venue, day: string, now: number): DayState {
    const s = new DayState(day, venue.settings.estimateWindow);
    for (const c of venue.counters) {
      s.counters.set(c.id, {
        counterId: c.id,
        status: 'closed',
        ticketId: null,
        userId: null,
        breakReason: null,
        breakUntil: null,
        since: now,
        lastCallAt: null,
      });
    }
    for (const sv of venue.services) s.services.set(sv.id, freshService(sv.id));
    return s;
  }

  static fromDoc(venue: Venue, doc: DayDoc, now: number): DayState {
    const s = DayState.fresh(venue, doc.day, now);
    for (const c of doc.counters) s.counters.set(c.counterId, c);
    for (const sv of doc.services) s.services.set(sv.serviceId, sv);
    for (const [k, v] of Object.entries(doc.seq)) s.seq.set(k, v);
    for (const a of doc.agencies ?? []) s.agencies.set(a.agencyId, a);
    s.counterLog = [...(doc.counterLog ?? [])];
    for (const o of doc.outcomes ?? []) s.outcomes.set(o.ticketId, o);
    const done = doc.tickets.filter((t) => t.status === 'done').sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0));
    for (const t of doc.tickets) s.putTicket(t, false);
    for (const t of done) s.noteDuration(t);
    for (const t of [...doc.tickets].sort((a, b) => a.issuedAt - b.issuedAt)) s.noteArrival(t);
    s.calls = keepRecentCalls(doc.calls).map(storedCall);
    for (const [k, v] of Object.entries(doc.requests ?? {})) s.requests.set(k, v);
    return s;
  }

  /** A mark that grows with every change applied: read models cached at one mark hold while `lastChangeOf` their inputs stays at or below it. */
  get changeMark(): number {
    return this.changeCount;
  }

  /** The mark of the latest change to any of these services or counters, or to the whole day. */
  lastChangeOf(serviceIds: Iterable<string>, counterIds: Iterable<string>): number {
    let last = this.everythingChanged;
    for (const id of serviceIds) last = Math.max(last, this.serviceChanged.get(id) ?? 0);
    for (const id of counterIds) last = Math.max(last, this.counterChanged.get(id) ?? 0);
    return last;
  }

  /** Adds the venue's new counters and services after a venue edit. */
  syncVenue(venue: Venue, now: number): void {
    this.everythingChanged = ++this.changeCount;
    for (const c of venue.counters) {
      if (!this.counters.has(c.id))
        this.counters.set(c.id, {
          counterId: c.id,
          status: 'closed',
          ticketId: null,
          userId: null,
          breakReason: null,
          breakUntil: null,
          since: now,
          lastCallAt: null,
        });
    }
    for (const sv of venue.services) if (!this.services.has(sv.id)) this.services.set(sv.id, freshService(sv.id));
  }

  toDoc(): DayDoc {
    return this.docWith([...this.tickets.values()]);
  }

  /** The same document for the disk (compaction): written in pieces, so finished tickets stay packed until then. */
  toStoredDoc(): StoredDayDoc {
    return this.docWith(this.tickets.forDisk());
  }

  private docWith<T>(tickets: T[]) {
    return {
      day: this.day,
      tickets,
      counters: [...this.counters.values()],
      services: [...this.services.values()],
      calls: [...this.calls],
      seq: Object.fromEntries(this.seq),
      requests: Object.fromEntries(this.requests),
      agencies: [...this.agencies.values()],
      counterLog: [...this.counterLog],
      outcomes: [...this.outcomes.values()],
    };
  }

  /** Applies one change; the live path and replay go through here alike. */
  apply(change: Change): void {
    const mark = ++this.changeCount;
    switch (change.t) {
      case 'ticket': {
        const prev = this.tickets.get(change.ticket.id);
        for (const t of prev ? [prev, change.ticket] : [change.ticket]) {
          this.serviceChanged.set(t.serviceId, mark);
          if (t.counterId) this.counterChanged.set(t.counterId, mark);
          if (t.targetCounterId) this.counterChanged.set(t.targetCounterId, mark);
        }
        if (prev) this.unindex(prev);
        else this.noteArrival(change.ticket);
        this.putTicket(change.ticket, true);
        break;
      }
      case 'counter': {
        const prev = this.counters.get(change.counter.counterId);
        const c = change.counter;
        this.counterChanged.set(c.counterId, mark);
        if (!prev || prev.status !== c.status || prev.breakReason !== c.breakReason)
          this.counterLog.push({ counterId: c.counterId, at: c.since, status: c.status, reason: c.breakReason, userId: c.userId });
        this.counters.set(c.counterId, c);
        break;
      }
      case 'service':
        this.services.set(change.service.serviceId, change.service);
        this.serviceChanged.set(change.service.serviceId, mark);
        break;
      case 'agency':
        this.agencies.set(change.agency.agencyId, change.agency);
        this.agenciesRev++;
        this.everythingChanged = mark;
        break;
      case 'outcome': {
        this.outcomes.set(change.outcome.ticketId, change.outcome);
        const t = this.tickets.get(change.outcome.ticketId);
        if (t) this.serviceChanged.set(t.serviceId, mark);
        break;
      }
      case 'call':
        this.calls.push(storedCall(change.call));
        if (this.calls.filter((c) => c.counterId === change.call.counterId).length > CALLS_PER_COUNTER) this.calls = keepRecentCalls(this.calls);
        break;
      case 'request':
        this.requests.set(change.key, change.ticketId);
        break;
    }
  }

  private putTicket(t: Ticket, live: boolean): void {
    this.tickets.set(t);
    const prefixSeq = this.seq.get(t.serviceId) ?? 0;
    if (t.seq > prefixSeq) this.seq.set(t.serviceId, t.seq);
    if (t.status === 'waiting') this.enqueue(t);
    else if (t.status === 'called' || t.status === 'serving' || t.status === 'held') this.active.set(t.id, t);
    if (live && t.status === 'done') this.noteDuration(t);
  }

  private unindex(t: Ticket): void {
    this.active.delete(t.id);
    if (t.status !== 'waiting') return;
    const list = t.targetCounterId ? this.targeted.get(t.targetCounterId) : this.linesOf(t.serviceId)[lineOf(t)];
    if (!list) return;
    const i = list.findIndex((x) => x.id === t.id);
    if (i >= 0) list.splice(i, 1);
  }

  private enqueue(t: Ticket): void {
    let list: Ticket[];
    if (t.targetCounterId) {
      list = this.targeted.get(t.targetCounterId) ?? [];
      this.targeted.set(t.targetCounterId, list);
    } else list = this.linesOf(t.serviceId)[lineOf(t)];
    // Binary insert by (queuedAt, issuedAt, seq): appends in the common case.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (t.booking && !t.targetCounterId ? bySlot(list[mid]!, t) : before(list[mid]!, t)) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, t);
  }

  private noteDuration(t: Ticket): void {
    const from = t.startedAt ?? t.calledAt;
    if (from === null || t.finishedAt === null) return;
    const list = this.durations.get(t.serviceId) ?? [];
    list.push(Math.max(0, t.finishedAt - from));
    if (list.length > this.window) list.shift();
    this.durations.set(t.serviceId, list);
  }

  linesOf(serviceId: string): Lines {
    let l = this.lines.get(serviceId);
    if (!l) {
      l = { regular: [], priority: [], booked: [] };
      this.lines.set(serviceId, l);
    }
    return l;
  }

  targetedFor(counterId: string): readonly Ticket[] {
    return this.targeted.get(counterId) ?? [];
  }

  /** All waiting tickets reserved for counters, for counts per service. */
  targetedAll(): Iterable<Ticket> {
    return [...this.targeted.values()].flat();
  }

  private noteArrival(t: Ticket): void {
    this.noteArrivalIn(t.serviceId, t);
    // Visitors sent on from another service go ahead of those already waiting (they queue from when they first queued).
    if (t.transferredFrom !== null) this.noteArrivalIn(`${t.serviceId}${SENT_KEY}`, t);
    else {
      // Everyone else who came today, and how many of them were called first (lansia, disabilitas, ibu hamil).
      const c = this.visitorsToday.get(t.serviceId) ?? { all: 0, priority: 0 };
      c.all++;
      this.visitorsToday.set(t.serviceId, c);
      this.allToday.all++;
      if (t.priority !== null) {
        c.priority++;
        this.allToday.priority++;
      }
    }
  }

  /**
   * The share of a service's visitors who come as priority visitors: today's, counted over the
   * day (over an hour they are one or two), with the whole building's share today worth `weight`
   * visitors (a pair of them at the door is not half of everyone to come; a pensioners' desk may
   * still see more than the rest).
   */
  priorityShare(serviceId: string, weight: number): number {
    const building = this.allToday.all ? this.allToday.priority / this.allToday.all : 0;
    const c = this.visitorsToday.get(serviceId) ?? { all: 0, priority: 0 };
    return c.all + weight > 0 ? (c.priority + weight * building) / (c.all + weight) : 0;
  }

  private noteArrivalIn(key: string, t: Ticket): void {
    const list = this.arrivals.get(key) ?? [];
    list.push(t.issuedAt);
    // Kept for the rate's window and a little more; dropped in blocks so a push stays cheap.
    if (list.length > 256 && list[0]! < t.issuedAt - 2 * ARRIVAL_WINDOW_MS) {
      const keep = list.findIndex((x) => x >= t.issuedAt - ARRIVAL_WINDOW_MS);
      list.splice(0, keep < 0 ? list.length : keep);
    }
    this.arrivals.set(key, list);
  }

  /**
   * Visitors per minute arriving for a service lately: tickets issued over the last hour, or since
   * the service's first ticket of the day when that is shorter (but never over less than a quarter
   * of an hour, so the first few tickets of the morning do not look like a flood).
   */
  arrivalsPerMinute(serviceId: string, now: number): number {
    return this.rateOf(serviceId, serviceId, now);
  }

  /**
   * Visitors per minute arriving lately who go ahead of the line as it stands: those sent on from
   * another service as they came, and of the rest the priority share (priorityShare).
   */
  aheadPerMinute(serviceId: string, now: number, priorityWeight: number): number {
    const sent = this.rateOf(`${serviceId}${SENT_KEY}`, serviceId, now);
    return sent + Math.max(0, this.rateOf(serviceId, serviceId, now) - sent) * this.priorityShare(serviceId, priorityWeight);
  }

  private rateOf(key: string, serviceId: string, now: number): number {
    const all = this.arrivals.get(serviceId);
    const list = this.arrivals.get(key);
    if (!list?.length || !all?.length) return 0;
    let n = 0;
    for (let i = list.length - 1; i >= 0; i--) {
      const at = list[i]!;
      if (at > now) continue;
      if (at <= now - ARRIVAL_WINDOW_MS) break;
      n++;
    }
    if (!n) return 0;
    return n / (this.arrivalSpanMs(serviceId, now) / 60000);
  }

  /** The stretch of time before `now` a service's arrival rate is measured over (ms). */
  arrivalSpanMs(serviceId: string, now: number): number {
    const first = this.arrivals.get(serviceId)?.[0];
    // The service's first ticket of the day, or one older than the window (only such are dropped).
    return Math.max(MIN_ARRIVAL_SPAN_MS, Math.min(ARRIVAL_WINDOW_MS, now - (first ?? now)));
  }

  /** Mean recent service time in minutes, or null before any was measured. */
  meanServiceMinutes(serviceId: string): number | null {
    const list = this.durations.get(serviceId);
    if (!list || list.length === 0) return null;
    return list.reduce((a, b) => a + b, 0) / list.length / 60000;
  }

  /** The recent service times of a service (ms), newest last. */
  serviceDurations(serviceId: string): readonly number[] {
    return this.durations.get(serviceId) ?? [];
  }

  /** How many service times the mean is taken over (the prior's counterweight). */
  measuredCount(serviceId: string): number {
    return this.durations.get(serviceId)?.length ?? 0;
  }

  nextSeq(serviceId: string): number {
    return (this.seq.get(serviceId) ?? 0) + 1;
  }
}

export function freshService(serviceId: string): ServiceDayState {
  return { serviceId, closedToday: false, closedReason: null, priorityStreak: 0, issued: 0, lastCallAt: null };
}

/** The line a waiting ticket (not reserved for a counter) stands in. */
function lineOf(t: Ticket): keyof Lines {
  return t.booking ? 'booked' : t.priority ? 'priority' : 'regular';
}

function bySlot(a: Ticket, b: Ticket): boolean {
  const sa = a.booking?.slotAt ?? 0;
  const sb = b.booking?.slotAt ?? 0;
  return sa !== sb ? sa < sb : before(a, b);
}

function before(a: Ticket, b: Ticket): boolean {
  if (a.queuedAt !== b.queuedAt) return a.queuedAt < b.queuedAt;
  if (a.issuedAt !== b.issuedAt) return a.issuedAt < b.issuedAt;
  return a.seq < b.seq;
}
