import { AntreError } from '../contract/errors.js';
import type { CallEvent, CounterState, PriorityCategory, ServiceDayState, Ticket, TicketAction } from '../contract/domain.js';
import type { Counter, Service, Venue } from '../contract/venue.js';
import type { CounterStatusBody } from '../contract/schemas.js';
import { localDay } from '../contract/time.js';
import { DayState, type Change } from './state.js';
import { nextClass, nextStreak } from './order.js';
import { ticketWindow } from './hours.js';
import { Estimator } from './estimate.js';
import { bookedGoesNext, dueBooked, walkInQuota } from './booked.js';
import { bookingSettings } from '../contract/venue.js';
import type { AgencyDayBody, AgencyDayState, DayPlan, FinishBody, ServicePlan } from '../contract/plan.js';
import { zonedTime } from '../contract/time.js';
import { dayPlan } from './plan.js';
import { breakAt, scheduledPauses } from './breaks.js';
import { visitOutcome } from './outcome.js';

/** What a command did: its answer and the durable changes behind it. */
export interface Outcome<T> {
  value: T;
  changes: Change[];
}

export interface Actor {
  userId: string | null;
  counterId?: string | null;
}

export interface EngineOptions {
  /** Makes unguessable ticket ids; tests pass a seeded one. */
  newId: () => string;
  /** Skip opening-hours checks (demo at any hour). */
  ignoreHours?: boolean;
  /** Slot times of today's online bookings for a service not checked in yet (the estimate counts them). */
  upcomingBookings?: (serviceId: string) => readonly number[];
  /** The building's usual arrivals per minute of the day, from recent days (arrivalProfile); null without history. */
  arrivalProfile?: readonly number[] | null;
}

/**
 * The queue of one venue for one service day. Pure: no I/O and no clock; every command
 * takes `now`, checks everything before it changes anything, and returns the changes.
 */
export class Engine {
  readonly estimator: Estimator;
  private services = new Map<string, Service>();
  private counterConfigs = new Map<string, Counter>();
  /** One frozen `source` per kiosk or officer, shared by their tickets (a day holds thousands). */
  private sources = new Map<string, Ticket['source']>();
  /** Bumped on every command that changed something: read models computed from the state key on it. */
  version = 0;
  private planMemo: { venue: Venue; state: DayState; rev: number; plan: DayPlan; services: Map<string, ServicePlan> } | null = null;

  /** The building's usual arrivals per minute of the day, from recent days; null without history. */
  get arrivalProfile(): readonly number[] | null {
    return this.opts.arrivalProfile ?? null;
  }

  /** Slot times of the service's bookings still to check in today. */
  upcomingBookings(serviceId: string): readonly number[] {
    return this.opts.upcomingBookings?.(serviceId) ?? [];
  }

  constructor(
    public venue: Venue,
    public state: DayState,
    private readonly opts: EngineOptions,
  ) {
    this.estimator = new Estimator(this);
    this.setVenue(venue, 0);
  }

  /** Swaps in an edited venue; live tickets keep going. */
  setVenue(venue: Venue, now: number): void {
    this.venue = venue;
    this.services = new Map(venue.services.map((s) => [s.id, s]));
    this.counterConfigs = new Map(venue.counters.map((c) => [c.id, c]));
    this.state.syncVenue(venue, now);
  }

  private sourceOf(src: Ticket['source']): Ticket['source'] {
    const key = `${src.kind}\u0000${src.id}`;
    let shared = this.sources.get(key);
    if (!shared) this.sources.set(key, (shared = Object.freeze({ kind: src.kind, id: src.id })));
    return shared;
  }

  service(id: string): Service {
    const s = this.services.get(id);
    if (!s) throw new AntreError('SERVICE_NOT_FOUND', { serviceId: id });
    return s;
  }

  counter(id: string): Counter {
    const c = this.counterConfigs.get(id);
    if (!c) throw new AntreError('COUNTER_NOT_FOUND', { counterId: id });
    return c;
  }

  counterState(id: string): CounterState {
    this.counter(id);
    return this.state.counters.get(id)!;
  }

  ticket(id: string): Ticket {
    const t = this.state.tickets.get(id);
    if (!t) throw new AntreError('TICKET_NOT_FOUND');
    return t;
  }

  serviceState(id: string): ServiceDayState {
    return this.state.services.get(id)!;
  }

  /** Today's plan (roster, hours, the supervisor's marks), computed again only when one of them changes. */
  plan(): DayPlan {
    const m = this.planMemo;
    if (m && m.venue === this.venue && m.state === this.state && m.rev === this.state.agenciesRev) return m.plan;
    const plan = dayPlan(this.venue, this.state.day, this.state.agencies);
    this.planMemo = { venue: this.venue, state: this.state, rev: this.state.agenciesRev, plan, services: new Map(plan.services.map((s) => [s.serviceId, s])) };
    return plan;
  }

  servicePlan(serviceId: string): ServicePlan {
    this.plan();
    return this.planMemo!.services.get(serviceId)!;
  }

  /** A supervisor marks an agency absent (its services close today, with the reason), late, or present again. */
  setAgencyDay(agencyId: string, body: AgencyDayBody, actor: Actor, now: number): Outcome<AgencyDayState> {
    this.assertDay(now);
    if (!this.venue.agencies.some((a) => a.id === agencyId)) throw new AntreError('AGENCY_NOT_FOUND', { agencyId });
    const from = body.status === 'late' ? zonedTime(this.state.day, body.from, this.venue.timeZone) : null;
    const reason = body.status === 'present' ? null : (body.reason ?? null);
    const agency: AgencyDayState = { agencyId, status: body.status, reason, from, userId: actor.userId, at: now };
    return this.commit(agency, [{ t: 'agency', agency }]);
  }

  /** Counters that pause by themselves now for a scheduled break (lunch, Friday prayer). */
  scheduledPauses(now: number): Outcome<CounterState[]> {
    this.assertDay(now);
    // A demo taking tickets at any hour keeps no hours, so no breaks either.
    if (this.opts.ignoreHours) return { value: [], changes: [] };
    const changes: Change[] = scheduledPauses(this.venue, this.state, now).map((counter) => ({ t: 'counter', counter }));
    return this.commit(
      changes.map((c) => (c as { counter: CounterState }).counter),
      changes,
    );
  }

  /** Counters (open or on a break) that serve a service now. */
  countersServing(serviceId: string): Counter[] {
    return this.venue.counters.filter((c) => c.serviceIds.includes(serviceId) && this.state.counters.get(c.id)?.status !== 'closed');
  }

  /** Refuses a ticket for a service that cannot take one now, and says why; a booked check-in uses the online share. */
  assertCanIssue(service: Service, now: number, booked = false): void {
    const st = this.serviceState(service.id);
    if (st.closedToday) throw new AntreError('SERVICE_CLOSED', { serviceId: service.id, reason: st.closedReason });
    // Nobody is ever sent to a gerai that will not serve today.
    const plan = this.servicePlan(service.id);
    if (plan.status === 'absent') throw new AntreError('SERVICE_CLOSED', { serviceId: service.id, reason: plan.reason, absent: true });
    if (!this.opts.ignoreHours) {
      const w = ticketWindow(this.venue, service, now);
      if (!w.open) throw new AntreError('OUTSIDE_HOURS', { serviceId: service.id, reason: w.reason, opensAt: w.opensAt });
      const agency = this.venue.agencies.find((a) => a.id === service.agencyId);
      const pause = agency && !agency.ticketsDuringBreaks && !agency.serveThroughBreaks ? breakAt(this.venue, agency, now) : null;
      if (pause) throw new AntreError('ON_BREAK', { serviceId: service.id, reason: pause.reason, until: pause.end });
    }
    const walkIns = walkInQuota(service);
    if (!booked && walkIns !== null && st.issued - (st.booked ?? 0) >= walkIns) {
      throw new AntreError('QUOTA_FULL', { serviceId: service.id, quota: service.dailyQuota });
    }
    // From opening time a planned service takes tickets before its officer has opened the counter.
    if (this.countersServing(service.id).length === 0 && !this.plannedAhead(plan, now)) throw new AntreError('NO_COUNTER_OPEN', { serviceId: service.id });
  }

  /** A service the plan expects to serve later today (or now, its officer not yet at the desk). */
  plannedAhead(plan: ServicePlan, now: number): boolean {
    return plan.status === 'planned' && plan.until !== null && now < plan.until;
  }

  /**
   * A visitor takes a ticket. With a request key, a retry of the same request (the kiosk timed out,
   * the visitor tapped again) answers the ticket the first one made, and a different request under
   * the same key is refused.
   */
  issue(
    input: { serviceId: string; priority?: PriorityCategory | null; source: Ticket['source']; requestKey?: string; booking?: Ticket['booking'] },
    now: number,
  ): Outcome<Ticket> {
    this.assertDay(now);
    const earlier = input.requestKey ? this.state.requests.get(input.requestKey) : undefined;
    if (earlier) {
      const t = this.ticket(earlier);
      if (t.serviceId !== input.serviceId || t.priority !== (input.priority ?? null)) throw new AntreError('IDEMPOTENCY_KEY_REUSED', { ticketId: null });
      return { value: t, changes: [] };
    }
    const service = this.service(input.serviceId);
    this.assertCanIssue(service, now, !!input.booking);
    const seq = this.state.nextSeq(service.id);
    const ticket: Ticket = {
      id: this.opts.newId(),
      day: this.state.day,
      number: formatNumber(service.prefix, seq),
      seq,
      serviceId: service.id,
      agencyId: service.agencyId,
      priority: input.priority ?? null,
      status: 'waiting',
      issuedAt: now,
      queuedAt: now,
      targetCounterId: null,
      counterId: null,
      userId: null,
      calledAt: null,
      startedAt: null,
      finishedAt: null,
      recalls: 0,
      transferredFrom: null,
      transferredTo: null,
      note: null,
      source: this.sourceOf(input.source),
      history: [{ at: now, action: 'issued' }],
    };
    if (input.booking) ticket.booking = input.booking;
    const st = this.serviceState(service.id);
    const next = { ...st, issued: st.issued + 1 };
    if (input.booking) next.booked = (st.booked ?? 0) + 1;
    const changes: Change[] = [
      { t: 'ticket', ticket },
      { t: 'service', service: next },
    ];
    if (input.requestKey) changes.push({ t: 'request', key: input.requestKey, ticketId: ticket.id });
    return this.commit(ticket, changes);
  }

  /** The counter calls its next visitor: reserved ones first, then its services in order. */
  callNext(counterId: string, actor: Actor, now: number, onlyServiceId?: string, opts: { finishCalled?: boolean } = {}): Outcome<Ticket> {
    this.assertDay(now);
    const cfg = this.counter(counterId);
    const cs = this.counterState(counterId);
    const current = cs.ticketId ? this.ticket(cs.ticketId) : null;
    // A desk with only a call button cannot say "arrived": there, next also ends a called visitor's visit.
    const finishable = current?.status === 'serving' || (opts.finishCalled === true && current?.status === 'called');
    if (current && !finishable) throw new AntreError('COUNTER_BUSY', { ticketId: current.id, number: current.number });
    if (onlyServiceId !== undefined && !cfg.serviceIds.includes(onlyServiceId)) {
      throw new AntreError(
        'INVALID_INPUT',
        { serviceId: onlyServiceId },
        { id: 'Loket ini tidak melayani layanan itu.', en: 'This counter does not serve that service.' },
      );
    }
    const pick = this.pickNext(cfg, onlyServiceId, now);
    // A button desk's last visitor of the hour still leaves: the answer is their finished ticket.
    if (!pick && current && opts.finishCalled)
      return this.finishChanges(current.status === 'called' ? { ...current, startedAt: current.calledAt } : current, cs, actor, now);
    if (!pick) throw new AntreError('QUEUE_EMPTY', { counterId });
    // Nothing is refused past this point. "Next" while serving means the officer is done with this visitor.
    // A called visitor finished by the button was served from the call on (the button has no "start").
    const changes: Change[] = current
      ? [
          ...this.finishParts(current.status === 'called' ? { ...current, startedAt: current.calledAt } : current, cs, actor, now).changes,
          { t: 'outcome', outcome: visitOutcome(this.venue, this.service(current.serviceId), current.id, { outcome: 'selesai' }, now) },
        ]
      : [];
    const { ticket: next, cls, regularBefore } = pick;
    const called: Ticket = {
      ...next,
      status: 'called',
      counterId,
      userId: actor.userId,
      calledAt: now,
      targetCounterId: null,
      history: [...next.history, ev(now, 'called', counterId, actor)],
    };
    const st = this.serviceState(next.serviceId);
    const streak = cls === 'priority' || cls === 'regular' ? nextStreak(cls, regularBefore, st.priorityStreak) : st.priorityStreak;
    const call: CallEvent = {
      id: `${called.id}:0`,
      ticketId: called.id,
      number: called.number,
      serviceId: called.serviceId,
      agencyId: called.agencyId,
      counterId,
      floor: cfg.floor,
      at: now,
      recall: 0,
      booked: !!called.booking,
    };
    changes.push(
      { t: 'ticket', ticket: called },
      {
        t: 'counter',
        counter: {
          ...cs,
          status: 'open',
          ticketId: called.id,
          userId: actor.userId,
          breakReason: null,
          breakUntil: null,
          since: cs.status === 'open' ? cs.since : now,
          lastCallAt: now,
        },
      },
      { t: 'service', service: { ...st, priorityStreak: streak, lastCallAt: now, ...this.bookedStreakAfter(st, pick) } },
      { t: 'call', call },
    );
    return this.commit(called, changes);
  }

  /** The booked streak after a call: up by a booked call while walk-ins waited, reset by a walk-in call. */
  private bookedStreakAfter(st: ServiceDayState, pick: { cls: 'priority' | 'regular' | 'booked' | null; walkInsBefore: number }): Partial<ServiceDayState> {
    if (pick.cls === 'booked') return pick.walkInsBefore > 0 ? { bookedStreak: (st.bookedStreak ?? 0) + 1 } : {};
    return pick.cls && st.bookedStreak ? { bookedStreak: 0 } : {};
  }

  private pickNext(
    cfg: Counter,
    onlyServiceId: string | undefined,
    now: number,
  ): { ticket: Ticket; cls: 'priority' | 'regular' | 'booked' | null; regularBefore: number; walkInsBefore: number } | null {
    const reserved = this.state.targetedFor(cfg.id).find((t) => onlyServiceId === undefined || t.serviceId === onlyServiceId);
    if (reserved) return { ticket: reserved, cls: null, regularBefore: 0, walkInsBefore: 0 };
    for (const sid of onlyServiceId ? [onlyServiceId] : cfg.serviceIds) {
      const lines = this.state.linesOf(sid);
      const st = this.serviceState(sid);
      const walkIns = lines.priority.length + lines.regular.length;
      const due = lines.booked.length ? dueBooked(lines.booked, now) : [];
      if (bookedGoesNext(due.length, walkIns, st.bookedStreak ?? 0, bookingSettings(this.venue.settings).bookedRatio)) {
        return { ticket: due[0]!, cls: 'booked', regularBefore: lines.regular.length, walkInsBefore: walkIns };
      }
      const cls = nextClass(lines.priority.length, lines.regular.length, st.priorityStreak, this.venue.settings.priorityRatio);
      if (cls) return { ticket: lines[cls][0]!, cls, regularBefore: lines.regular.length, walkInsBefore: walkIns };
    }
    return null;
  }

  /** Calls the current visitor again; past the allowed recalls the visitor is marked no-show. */
  recall(counterId: string, actor: Actor, now: number): Outcome<Ticket> {
    const { cfg, cs, ticket } = this.current(counterId, ['called']);
    const spacing = this.venue.settings.minRecallSeconds * 1000;
    const last = cs.lastCallAt ?? ticket.calledAt ?? 0;
    if (now - last < spacing) throw tooSoon('RECALL_TOO_SOON', last + spacing, now);
    if (ticket.recalls >= this.venue.settings.maxRecalls) return this.noShow(counterId, actor, now);
    const recalls = ticket.recalls + 1;
    const t: Ticket = { ...ticket, recalls, history: [...ticket.history, ev(now, 'recalled', counterId, actor)] };
    const call: CallEvent = {
      id: `${t.id}:${recalls}`,
      ticketId: t.id,
      number: t.number,
      serviceId: t.serviceId,
      agencyId: t.agencyId,
      counterId,
      floor: cfg.floor,
      at: now,
      recall: recalls,
      booked: !!t.booking,
    };
    return this.commit(t, [
      { t: 'ticket', ticket: t },
      { t: 'counter', counter: { ...cs, lastCallAt: now } },
      { t: 'call', call },
    ]);
  }

  /** The visitor arrived at the desk. */
  start(counterId: string, actor: Actor, now: number): Outcome<Ticket> {
    const { cs, ticket } = this.current(counterId, ['called']);
    const t: Ticket = { ...ticket, status: 'serving', startedAt: now, history: [...ticket.history, ev(now, 'started', counterId, actor)] };
    // The counter record is unchanged but re-published: screens that follow counters show "serving".
    return this.commit(t, [
      { t: 'ticket', ticket: t },
      { t: 'counter', counter: { ...cs } },
    ]);
  }

  /** Service done; the counter is free. The outcome (default selesai) is kept for the visitor's page and reports. */
  finish(counterId: string, actor: Actor, now: number, result?: FinishBody): Outcome<Ticket> {
    const { cs, ticket } = this.current(counterId, ['called', 'serving']);
    const outcome = visitOutcome(this.venue, this.service(ticket.serviceId), ticket.id, result ?? { outcome: 'selesai' }, now);
    const out = this.finishChanges(ticket, cs, actor, now);
    this.state.apply({ t: 'outcome', outcome });
    return { value: out.value, changes: [...out.changes, { t: 'outcome', outcome }] };
  }

  private finishChanges(ticket: Ticket, cs: CounterState, actor: Actor, now: number): Outcome<Ticket> {
    const out = this.finishParts(ticket, cs, actor, now);
    return this.commit(out.value, out.changes);
  }

  /** The changes that finish a visit, not yet applied (a caller that goes on, like call next, applies them once with its own). */
  private finishParts(ticket: Ticket, cs: CounterState, actor: Actor, now: number): Outcome<Ticket> {
    const t: Ticket = {
      ...ticket,
      status: 'done',
      startedAt: ticket.startedAt ?? now,
      finishedAt: now,
      history: [...ticket.history, ev(now, 'finished', cs.counterId, actor)],
    };
    return {
      value: t,
      changes: [
        { t: 'ticket', ticket: t },
        { t: 'counter', counter: { ...cs, ticketId: null } },
      ],
    };
  }

  /** The visitor did not come. */
  noShow(counterId: string, actor: Actor, now: number): Outcome<Ticket> {
    const { cs, ticket } = this.current(counterId, ['called']);
    const wait = this.venue.settings.minNoShowSeconds * 1000;
    const first = ticket.calledAt ?? now;
    if (now - first < wait) throw tooSoon('NO_SHOW_TOO_SOON', first + wait, now);
    const t: Ticket = { ...ticket, status: 'no_show', finishedAt: now, history: [...ticket.history, ev(now, 'no_show', counterId, actor)] };
    return this.commit(t, [
      { t: 'ticket', ticket: t },
      { t: 'counter', counter: { ...cs, ticketId: null } },
    ]);
  }

  /**
   * A visitor marked absent turns up: they go back to the head of this counter's line. The officer
   * may do it within the venue's undo window; a supervisor (`anyTime`) all day.
   */
  undoNoShow(counterId: string, ticketId: string, actor: Actor, now: number, anyTime: boolean): Outcome<Ticket> {
    this.assertDay(now);
    const cfg = this.counter(counterId);
    const ticket = this.ticket(ticketId);
    if (ticket.status !== 'no_show') throw new AntreError('INVALID_STATE', { status: ticket.status, allowed: ['no_show'] });
    if (ticket.counterId !== counterId && !cfg.serviceIds.includes(ticket.serviceId)) throw new AntreError('FORBIDDEN', { ticketId });
    const window = this.venue.settings.undoNoShowMinutes * 60000;
    if (!anyTime && now - (ticket.finishedAt ?? now) > window) throw new AntreError('UNDO_TOO_LATE', { ticketId, until: (ticket.finishedAt ?? now) + window });
    const t: Ticket = {
      ...ticket,
      status: 'waiting',
      targetCounterId: counterId,
      counterId: null,
      calledAt: null,
      startedAt: null,
      finishedAt: null,
      recalls: 0,
      history: [...ticket.history, ev(now, 'no_show_undone', counterId, actor)],
    };
    return this.commit(t, [{ t: 'ticket', ticket: t }]);
  }

  /** Parks the visitor (fetching a document); the counter is free and can resume them later. */
  hold(counterId: string, actor: Actor, now: number, note?: string): Outcome<Ticket> {
    const { cs, ticket } = this.current(counterId, ['called', 'serving']);
    const t: Ticket = {
      ...ticket,
      status: 'held',
      targetCounterId: counterId,
      note: note ?? ticket.note,
      history: [...ticket.history, ev(now, 'held', counterId, actor, note)],
    };
    return this.commit(t, [
      { t: 'ticket', ticket: t },
      { t: 'counter', counter: { ...cs, ticketId: null } },
    ]);
  }

  /** A held visitor is back: they wait for this counter, ahead of their original place. */
  resume(counterId: string, ticketId: string, actor: Actor, now: number): Outcome<Ticket> {
    const cfg = this.counter(counterId);
    const ticket = this.ticket(ticketId);
    if (ticket.status !== 'held') throw new AntreError('INVALID_STATE', { status: ticket.status });
    if (ticket.targetCounterId !== counterId && !cfg.serviceIds.includes(ticket.serviceId)) throw new AntreError('FORBIDDEN', { ticketId });
    const t: Ticket = {
      ...ticket,
      status: 'waiting',
      targetCounterId: counterId,
      counterId: null,
      history: [...ticket.history, ev(now, 'resumed', counterId, actor)],
    };
    return this.commit(t, [{ t: 'ticket', ticket: t }]);
  }

  /**
   * Sends a visitor to another service or counter. Another service gets a new ticket that keeps
   * the visitor's first issue time; another counter of the same service keeps the same ticket.
   */
  transfer(ticketId: string, to: { toServiceId?: string; toCounterId?: string; note?: string }, actor: Actor, now: number): Outcome<Ticket> {
    this.assertDay(now);
    const ticket = this.ticket(ticketId);
    if (!['waiting', 'called', 'serving', 'held'].includes(ticket.status)) throw new AntreError('INVALID_STATE', { status: ticket.status });
    const toCounter = to.toCounterId ? this.counter(to.toCounterId) : null;
    // A closed counter calls nobody: a visitor sent there would wait for nothing.
    if (toCounter && this.state.counters.get(toCounter.id)?.status === 'closed') throw new AntreError('COUNTER_CLOSED', { toCounterId: toCounter.id });
    const serviceId = to.toServiceId ?? (toCounter && !toCounter.serviceIds.includes(ticket.serviceId) ? toCounter.serviceIds[0]! : ticket.serviceId);
    const service = this.service(serviceId);
    if (toCounter && !toCounter.serviceIds.includes(service.id)) {
      throw new AntreError(
        'INVALID_INPUT',
        { toCounterId: toCounter.id },
        { id: 'Loket tujuan tidak melayani layanan itu.', en: 'The target counter does not serve that service.' },
      );
    }
    if (serviceId === ticket.serviceId && !toCounter) throw new AntreError('SAME_SERVICE');
    if (this.serviceState(serviceId).closedToday) throw new AntreError('SERVICE_CLOSED', { serviceId });
    const changes: Change[] = [];
    const holder = ticket.counterId ? this.state.counters.get(ticket.counterId) : undefined;
    if (holder && holder.ticketId === ticket.id) changes.push({ t: 'counter', counter: { ...holder, ticketId: null } });
    const base = {
      status: 'waiting' as const,
      targetCounterId: toCounter?.id ?? null,
      counterId: null,
      calledAt: null,
      startedAt: null,
      recalls: 0,
      note: to.note ?? ticket.note,
    };
    if (serviceId === ticket.serviceId) {
      const t: Ticket = { ...ticket, ...base, history: [...ticket.history, ev(now, 'requeued', to.toCounterId, actor, to.note)] };
      changes.push({ t: 'ticket', ticket: t });
      return this.commit(t, changes);
    }
    const seq = this.state.nextSeq(serviceId);
    const moved: Ticket = {
      ...ticket,
      ...base,
      id: this.opts.newId(),
      number: formatNumber(service.prefix, seq),
      seq,
      serviceId,
      agencyId: service.agencyId,
      issuedAt: now,
      userId: null,
      finishedAt: null,
      transferredFrom: ticket.id,
      transferredTo: null,
      source: ticket.source,
      history: [ev(now, 'transferred_in', to.toCounterId, actor, to.note)],
    };
    // A booking was for its own service's slot: in the next service the visitor queues as anyone.
    delete moved.booking;
    const old: Ticket = {
      ...ticket,
      status: 'transferred',
      finishedAt: now,
      transferredTo: moved.id,
      history: [...ticket.history, ev(now, 'transferred_out', ticket.counterId ?? undefined, actor, to.note)],
    };
    changes.push({ t: 'ticket', ticket: old }, { t: 'ticket', ticket: moved });
    return this.commit(moved, changes);
  }

  /** Open, break (reason and return time) or close a counter. */
  setCounterStatus(counterId: string, body: CounterStatusBody, actor: Actor, now: number): Outcome<CounterState> {
    const cs = this.counterState(counterId);
    if (body.status !== 'open' && cs.ticketId) {
      const t = this.ticket(cs.ticketId);
      throw new AntreError('COUNTER_BUSY', { ticketId: t.id, number: t.number });
    }
    const next: CounterState = {
      ...cs,
      status: body.status,
      since: cs.status === body.status ? cs.since : now,
      userId: body.status === 'closed' ? null : (actor.userId ?? cs.userId),
      breakReason: body.status === 'break' ? body.reason : null,
      breakUntil: body.status === 'break' ? now + body.minutes * 60000 : null,
    };
    return this.commit(next, [{ t: 'counter', counter: next }]);
  }

  /** Open or close a service for the rest of the day; waiting visitors are still served. */
  setServiceStatus(serviceId: string, closedToday: boolean, reason: string | null): Outcome<ServiceDayState> {
    this.service(serviceId);
    const next = { ...this.serviceState(serviceId), closedToday, closedReason: closedToday ? reason : null };
    return this.commit(next, [{ t: 'service', service: next }]);
  }

  /** Closes the day: every visitor still in line becomes expired. */
  expireAll(now: number): Change[] {
    const changes: Change[] = [];
    for (const t of this.state.tickets.unpacked()) {
      if (t.status === 'waiting' || t.status === 'called' || t.status === 'serving' || t.status === 'held') {
        changes.push({ t: 'ticket', ticket: { ...t, status: 'expired', finishedAt: now, history: [...t.history, { at: now, action: 'expired' }] } });
      }
    }
    for (const c of this.state.counters.values()) {
      if (c.ticketId || c.status !== 'closed')
        changes.push({ t: 'counter', counter: { ...c, ticketId: null, status: 'closed', breakReason: null, breakUntil: null, since: now } });
    }
    return changes;
  }

  /** Whether `now` belongs to a later service day than the one held. */
  isStale(now: number): boolean {
    return localDay(now, this.venue.timeZone) !== this.state.day;
  }

  private assertDay(now: number): void {
    if (this.isStale(now)) throw new Error(`engine holds day ${this.state.day}; roll the day over before commands at ${new Date(now).toISOString()}`);
  }

  private current(counterId: string, allowed: Ticket['status'][]): { cfg: Counter; cs: CounterState; ticket: Ticket } {
    const cfg = this.counter(counterId);
    const cs = this.counterState(counterId);
    if (!cs.ticketId) throw new AntreError('COUNTER_IDLE', { counterId });
    const ticket = this.ticket(cs.ticketId);
    if (!allowed.includes(ticket.status)) throw new AntreError('INVALID_STATE', { status: ticket.status, allowed });
    return { cfg, cs, ticket };
  }

  /** Whether opening hours are ignored (demo at any hour): then no closing time or breaks bound an estimate. */
  get ignoresHours(): boolean {
    return !!this.opts.ignoreHours;
  }

  private commit<T>(value: T, changes: Change[]): Outcome<T> {
    if (changes.length) this.version++;
    for (const c of changes) this.state.apply(c);
    return { value, changes };
  }
}

/** Ticket numbers read `A-007`: prefix, dash, at least three digits. */
export function formatNumber(prefix: string, seq: number): string {
  return `${prefix}-${String(seq).padStart(3, '0')}`;
}

/** A refusal that says when the action becomes possible (the screens count down to it). */
function tooSoon(code: 'RECALL_TOO_SOON' | 'NO_SHOW_TOO_SOON', at: number, now: number): AntreError {
  const s = Math.ceil((at - now) / 1000);
  const text =
    code === 'RECALL_TOO_SOON'
      ? { id: `Pengunjung baru saja dipanggil. Panggil ulang bisa dalam ${s} detik.`, en: `The visitor was just called. Recall possible in ${s} s.` }
      : {
          id: `Beri pengunjung waktu untuk datang: tandai tidak hadir bisa dalam ${s} detik.`,
          en: `Give the visitor time to come: absent can be marked in ${s} s.`,
        };
  return new AntreError(code, { at, seconds: s }, text);
}

function ev(at: number, action: TicketAction, counterId: string | undefined | null, actor: Actor, note?: string) {
  const e: Ticket['history'][number] = { at, action };
  if (counterId) e.counterId = counterId;
  if (actor.userId) e.userId = actor.userId;
  if (note) e.note = note;
  return e;
}
