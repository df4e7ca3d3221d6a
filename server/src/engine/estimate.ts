import type { PriorityCategory, PublicCounter, QueueInfo, Ticket, TicketView } from '../contract/domain.js';
import { AntreError } from '../contract/errors.js';
import type { CounterState, ServiceDayState } from '../contract/domain.js';
import type { Counter, Service, Venue } from '../contract/venue.js';
import type { DayPlan, ServicePlan } from '../contract/plan.js';
import type { DayState } from './state.js';
import { effectiveHours, nextDayOpening, ticketWindow } from './hours.js';
import { deskBreaks } from './breaks.js';
import { ARRIVAL_HORIZON_MS, forecastCalls, shrunkMinutes, type ForecastCounter } from './forecast.js';
import { profileBetween } from './arrival-profile.js';
import { localDay, weekdayOfDay, zonedTime } from '../contract/time.js';
import type { VisitOutcome } from '../contract/plan.js';
import { aheadOfNewcomer, predictedOrder } from './order.js';
import { walkInQuota, withBooked } from './booked.js';
import { bookingSettings } from '../contract/venue.js';

/** What the estimator reads of the engine (which hands itself in): declared here, so the two modules do not import each other. */
export interface EstimatorSource {
  readonly venue: Venue;
  readonly state: DayState;
  readonly ignoresHours: boolean;
  service(id: string): Service;
  counter(id: string): Counter;
  counterState(id: string): CounterState;
  serviceState(id: string): ServiceDayState;
  servicePlan(serviceId: string): ServicePlan;
  /** Today's plan: the rostered counters and when each is expected. */
  plan(): DayPlan;
  countersServing(serviceId: string): Counter[];
  assertCanIssue(service: Service, now: number, booked?: boolean): void;
  plannedAhead(plan: ServicePlan, now: number): boolean;
  /** The building's usual arrivals per minute of the day, from recent days; null without history. */
  readonly arrivalProfile: readonly number[] | null;
  /** Slot times of today's bookings of a service still to check in. */
  upcomingBookings(serviceId: string): readonly number[];
}

/** Read models: what screens and visitors are told, computed from the engine's state. */
export class Estimator {
  /**
   * Forecasts per service, with the state's change mark they were made at and what they read:
   * one holds while none of those services and counters changes (a ticket at another gerai does
   * not move this line), for a few seconds of the clock at most.
   */
  private readonly cache = new Map<
    string,
    {
      mark: number;
      services: string[];
      counters: string[];
      state: unknown;
      venue: unknown;
      now: number;
      desks: number;
      times: (number | null)[];
      open: (number | null)[];
    }
  >();

  /** Lines played forward so far (each forecast not answered from the cache): what a snapshot costs. */
  forecastsMade = 0;

  constructor(private readonly engine: EstimatorSource) {}

  /** Minutes until the visitor `ahead` places from the desk is called; null when no desk serves the service today. */
  minutesFor(serviceId: string, ahead: number, now: number): number | null {
    const f = this.forecast(serviceId, ahead + 1, now);
    const at = f.times[ahead] ?? f.open[ahead] ?? null;
    return at === null ? null : Math.max(0, Math.round((at - now) / 60000));
  }

  /** Whether the visitor `ahead` places from the desk is expected to be called before closing; null when unknown. */
  servedBeforeClose(serviceId: string, ahead: number, now: number): boolean | null {
    const f = this.forecast(serviceId, ahead + 1, now);
    if (!f.desks) return null;
    return f.times[ahead] !== null && f.times[ahead] !== undefined;
  }

  /** Minutes a visitor of a service takes at the desk: the target shrunk toward what was measured today. */
  serviceMinutes(serviceId: string): number {
    const e = this.engine;
    return shrunkMinutes(
      e.service(serviceId).targetMinutes,
      e.state.meanServiceMinutes(serviceId),
      e.state.measuredCount(serviceId),
      e.venue.settings.estimatePriorWeight,
    );
  }

  /**
   * Minutes still to go for a visitor `elapsed` minutes into a visit. A visit past its expected
   * length is not about to end: service times have a long tail, so it is taken to have about half
   * a visit left, and from the visits measured today, what those that lasted longer still took.
   */
  remainingMinutes(serviceId: string, elapsed: number, expected = this.serviceMinutes(serviceId)): number {
    const prior = Math.max(expected - elapsed, expected / 2);
    let sum = 0;
    let n = 0;
    for (const ms of this.engine.state.serviceDurations(serviceId)) {
      const d = ms / 60000;
      if (d <= elapsed) continue;
      sum += d - elapsed;
      n++;
    }
    // The prior counts as two visits against those measured.
    return (2 * prior + sum) / (2 + n);
  }

  /**
   * When the first `positions` visitors of a service are called, by the desks that serve it now
   * (or, none open yet, the ones the day's plan expects), with what each desk serves first, the
   * visitor at each desk, scheduled breaks and closing time. `open` ignores closing time.
   * Kept while its inputs are unchanged, for five seconds at most: screens ask for every service
   * at once, every few seconds, and a board's snapshot would otherwise play every line forward.
   */
  private forecast(serviceId: string, positions: number, now: number): { desks: number; times: (number | null)[]; open: (number | null)[] } {
    const e = this.engine;
    const c = this.cache.get(serviceId);
    if (
      c &&
      c.state === e.state &&
      c.venue === e.venue &&
      Math.abs(c.now - now) < 5000 &&
      c.times.length >= positions &&
      e.state.lastChangeOf(c.services, c.counters) <= c.mark
    )
      return c;
    const mark = e.state.changeMark;
    this.forecastsMade++;
    let desks = e.countersServing(serviceId);
    // Desks the roster expects today that have not opened yet: each takes visitors from its planned start (now, if late).
    const expected = new Map<string, number>();
    if (!desks.length) {
      const plan = e.servicePlan(serviceId);
      if (!e.plannedAhead(plan, now)) return { desks: 0, times: [], open: [] };
      desks = plan.counterIds.map((id) => e.counter(id));
      for (const d of desks) expected.set(d.id, Math.max(now, plan.from ?? now));
    } else {
      for (const [id, from] of this.notYetOpen(serviceId, now)) {
        if (desks.some((d) => d.id === id)) continue;
        desks = [...desks, e.counter(id)];
        expected.set(id, from);
      }
    }
    const svc = e.service(serviceId);
    const day = localDay(now, e.venue.timeZone);
    const hours = e.ignoresHours ? null : (effectiveHours(e.venue, svc)[weekdayOfDay(day)] ?? null);
    const closesAt = hours ? zonedTime(day, hours.close, e.venue.timeZone) : Infinity;
    const services = new Set(desks.flatMap((d) => d.serviceIds));
    const minutes = new Map([...services].map((s) => [s, this.serviceMinutes(s)]));
    const waiting = new Map(
      [...services].map((s) => {
        const l = e.state.linesOf(s);
        return [s, l.regular.length + l.priority.length];
      }),
    );
    const counters: ForecastCounter[] = desks.map((d) => {
      const cs = e.state.counters.get(d.id)!;
      const agency = e.venue.agencies.find((a) => a.id === d.agencyId);
      const startAt = expected.get(d.id);
      let freeAt = startAt ?? now;
      if (startAt === undefined && cs.status === 'break') freeAt = Math.max(now, cs.breakUntil ?? now);
      else if (startAt === undefined && cs.ticketId) {
        const t = e.state.tickets.get(cs.ticketId);
        const from = t?.startedAt ?? t?.calledAt ?? now;
        if (t) freeAt = now + this.remainingMinutes(t.serviceId, Math.max(0, now - from) / 60000, minutes.get(t.serviceId)) * 60000;
      }
      // Visitors waiting for this desk alone (back from fetching a document, sent to it) are called before any line.
      for (const t of e.state.targetedFor(d.id)) freeAt += (minutes.get(t.serviceId) ?? this.serviceMinutes(t.serviceId)) * 60000;
      // Breaks as the desk takes them: its turn, where its agency serves through breaks in shifts.
      const breaks = e.ignoresHours || !agency ? [] : deskBreaks(e.venue, agency, d.id, day);
      return { id: d.id, serviceIds: d.serviceIds, freeAt, breaks, closesAt };
    });
    const n = Math.max(positions, (waiting.get(serviceId) ?? 0) + 1);
    // Services a shared desk takes first keep arriving while this line waits.
    const arrivals = new Map([...services].filter((s) => s !== serviceId).map((s) => [s, e.state.arrivalsPerMinute(s, now)]));
    // Booked visitors, checked in or still to come today, go ahead of walk-ins from their slot on.
    const booked = new Map([...services].map((s) => [s, [...e.state.linesOf(s).booked.map((t) => t.booking?.slotAt ?? now), ...e.upcomingBookings(s)]]));
    const bookedStreaks = new Map([...services].map((s) => [s, e.serviceState(s).bookedStreak ?? 0]));
    const plan = {
      now,
      waiting,
      minutes,
      serviceId,
      positions: n,
      arrivals,
      booked,
      bookedStreaks,
      bookedRatio: bookingSettings(e.venue.settings).bookedRatio,
      aheadArrivals: e.state.aheadPerMinute(serviceId, now, e.venue.settings.estimatePriorWeight),
      arrivalMinutes: this.arrivalMinutes(day, now),
    };
    const times = forecastCalls({ ...plan, counters });
    // Played again without closing time only when someone is not reached before it: until then the two agree.
    const open =
      closesAt === Infinity || !times.includes(null) ? times : forecastCalls({ ...plan, counters: counters.map((x) => ({ ...x, closesAt: Infinity })) });
    // What this forecast read: the services of its desks, and every counter that serves the line (one opening or closing changes the desks).
    const counterIds = new Set([...e.venue.counters.filter((x) => x.serviceIds.includes(serviceId)).map((x) => x.id), ...desks.map((d) => d.id)]);
    const out = { desks: desks.length, times, open, mark, services: [...services, serviceId], counters: [...counterIds], state: e.state, venue: e.venue, now };
    this.cache.set(serviceId, out);
    return out;
  }

  /**
   * The rostered desks of a service that have not opened yet today, with when each is expected: its
   * planned start, or now when the officer is late, until the delay reaches the late-opening alert
   * (then nobody knows when the desk comes, and the forecast goes on without it). A desk that opened
   * and closed again today is not expected back.
   */
  private notYetOpen(serviceId: string, now: number): Map<string, number> {
    const e = this.engine;
    const out = new Map<string, number>();
    const lateMs = (e.venue.settings.lateOpenMinutes ?? 15) * 60000;
    let opened: Set<string> | null = null;
    for (const c of e.plan().counters) {
      if (now >= c.until || now - c.from >= lateMs || !e.counter(c.counterId).serviceIds.includes(serviceId)) continue;
      if (e.state.counters.get(c.counterId)?.status !== 'closed') continue;
      opened ??= new Set(e.state.counterLog.filter((l) => l.status !== 'closed').map((l) => l.counterId));
      if (!opened.has(c.counterId)) out.set(c.counterId, Math.max(now, c.from));
    }
    return out;
  }

  /**
   * How many minutes' worth of a service's recent rate come between now and `t`: for the next hour
   * only, and only while the service still takes walk-in tickets (none once it is closed for the
   * day, its walk-in quota is used up or its last ticket time has passed). With the usual shape of
   * the day known from recent days, the arrivals the usual day brings then, over those it brought in
   * the stretch the rate was measured over (the rate is today's, the shape the usual day's): a crowd
   * at the door at opening is not taken for the morning's pace, and the pace ebbs or picks up as it
   * usually does. Without history (or when the usual day was empty in that stretch), the rate goes
   * on as it is.
   */
  private arrivalMinutes(day: string, now: number): (serviceId: string, t: number) => number {
    const e = this.engine;
    const profile = e.arrivalProfile;
    const between = profile ? profileBetween(profile, day, e.venue.timeZone) : null;
    const perMinute = new Map<string, number>();
    const ends = new Map<string, number | null>();
    return (serviceId, t) => {
      let end = ends.get(serviceId);
      if (end === undefined) ends.set(serviceId, (end = this.issuesUntil(serviceId, now)));
      const until = Math.min(t, now + ARRIVAL_HORIZON_MS, end ?? now);
      if (until <= now) return 0;
      let usual = perMinute.get(serviceId);
      if (usual === undefined && between) {
        const span = e.state.arrivalSpanMs(serviceId, now);
        perMinute.set(serviceId, (usual = between(now - span, now) / (span / 60000)));
      }
      return between && usual ? between(now, until) / usual : (until - now) / 60000;
    };
  }

  /**
   * Until when a service still takes walk-in tickets today: its last ticket time, or null when it
   * takes no more today (closed or absent, its walk-in quota used up, past its last ticket).
   */
  private issuesUntil(serviceId: string, now: number): number | null {
    const e = this.engine;
    const svc = e.service(serviceId);
    const st = e.serviceState(serviceId);
    if (st.closedToday || e.servicePlan(serviceId).status === 'absent') return null;
    const quota = walkInQuota(svc);
    if (quota !== null && st.issued - (st.booked ?? 0) >= quota) return null;
    if (e.ignoresHours) return Infinity;
    const w = ticketWindow(e.venue, svc, now);
    if (w.reason === 'after_hours' || w.reason === 'closed_weekday' || !w.hours) return null;
    return zonedTime(localDay(now, e.venue.timeZone), w.hours.lastTicket ?? w.hours.close, e.venue.timeZone);
  }

  /** When the plan expects service to start, while no counter of the service is open or on a break yet. */
  serviceStartsAt(serviceId: string, now: number): number | null {
    const e = this.engine;
    if (e.countersServing(serviceId).length > 0) return null;
    const plan = e.servicePlan(serviceId);
    return e.plannedAhead(plan, now) ? plan.from : null;
  }

  /** The lines of one service in predicted call order (reserved tickets excluded); booked ones whose slot has not come last. */
  order(serviceId: string, now = Infinity): Ticket[] {
    const lines = this.engine.state.linesOf(serviceId);
    const st = this.engine.serviceState(serviceId);
    const walkIns = predictedOrder(lines.priority, lines.regular, st.priorityStreak, this.engine.venue.settings.priorityRatio);
    return withBooked(walkIns, lines.booked, st.bookedStreak ?? 0, bookingSettings(this.engine.venue.settings).bookedRatio, now);
  }

  /** People ahead and the estimate for someone taking a ticket now. */
  forNewcomer(serviceId: string, priority: PriorityCategory | null, now: number): { ahead: number; minutes: number | null } {
    const lines = this.engine.state.linesOf(serviceId);
    const st = this.engine.serviceState(serviceId);
    const ahead = aheadOfNewcomer(
      lines.priority.length,
      lines.regular.length,
      st.priorityStreak,
      this.engine.venue.settings.priorityRatio,
      priority ? 'priority' : 'regular',
    );
    return { ahead, minutes: this.minutesFor(serviceId, ahead, now) };
  }

  /** How far a waiting ticket is from the desk. */
  position(t: Ticket, now = Infinity): number {
    if (t.status !== 'waiting') return 0;
    if (t.targetCounterId) return this.engine.state.targetedFor(t.targetCounterId).findIndex((x) => x.id === t.id);
    return this.order(t.serviceId, now).findIndex((x) => x.id === t.id);
  }

  /** Minutes until a waiting ticket is called: a walk-in by the walk-ins ahead of it (booked ones are in the forecast), a booked one at its slot. */
  private minutesForTicket(t: Ticket, ahead: number, now: number): number | null {
    if (t.booking && !t.targetCounterId) {
      const first = this.minutesFor(t.serviceId, 0, now);
      return first === null ? null : Math.max(first, Math.round((t.booking.slotAt - now) / 60000));
    }
    if (t.targetCounterId) return this.minutesFor(t.serviceId, ahead, now);
    const order = this.order(t.serviceId, now);
    const bookedAhead = order.slice(0, ahead).filter((x) => x.booking).length;
    return this.minutesFor(t.serviceId, Math.max(0, ahead - bookedAhead), now);
  }

  ticketView(t: Ticket, now: number, ahead?: number): TicketView {
    const e = this.engine;
    const known = e.venue.services.some((s) => s.id === t.serviceId);
    ahead ??= known ? this.position(t, now) : 0;
    const moved = t.transferredTo ? e.state.tickets.get(t.transferredTo) : undefined;
    return {
      id: t.id,
      number: t.number,
      serviceId: t.serviceId,
      agencyId: t.agencyId,
      floor: e.venue.agencies.find((a) => a.id === t.agencyId)?.floor ?? e.venue.floors[0]!.number,
      status: t.status,
      priority: t.priority,
      prioritized: t.priority !== null,
      issuedAt: t.issuedAt,
      ahead: Math.max(0, ahead),
      // A ticket of a service removed from the venue since is shown as it stands, without an estimate.
      estimatedWaitMinutes: t.status === 'waiting' && known ? this.minutesForTicket(t, Math.max(0, ahead), now) : null,
      serviceStartsAt: t.status === 'waiting' && known ? this.serviceStartsAt(t.serviceId, now) : null,
      servedBeforeClose: t.status === 'waiting' && known ? this.servedBeforeClose(t.serviceId, Math.max(0, ahead), now) : null,
      outcome: outcomeView(e.state.outcomes.get(t.id)),
      counterId: t.status === 'called' || t.status === 'serving' ? t.counterId : null,
      calledAt: t.calledAt,
      recalls: t.recalls,
      transferredTo: moved ? { id: moved.id, number: moved.number, serviceId: moved.serviceId } : null,
    };
  }

  /** Views of every waiting ticket of some services, computing each order once. */
  waitingViews(serviceIds: Iterable<string>, now: number): TicketView[] {
    const out: TicketView[] = [];
    for (const sid of serviceIds) this.order(sid, now).forEach((t, i) => out.push(this.ticketView(t, now, i)));
    return out;
  }

  queueInfo(serviceId: string, now: number): QueueInfo {
    const e = this.engine;
    const svc = e.service(serviceId);
    const st = e.serviceState(serviceId);
    const lines = e.state.linesOf(serviceId);
    let reserved = 0;
    let oldest: number | null = lines.regular[0]?.queuedAt ?? null;
    const firstPriority = lines.priority[0]?.queuedAt;
    if (firstPriority !== undefined && (oldest === null || firstPriority < oldest)) oldest = firstPriority;
    for (const t of e.state.targetedAll()) {
      if (t.serviceId !== serviceId) continue;
      reserved++;
      if (oldest === null || t.queuedAt < oldest) oldest = t.queuedAt;
    }
    const nowServing: QueueInfo['nowServing'] = [];
    for (const t of e.state.active.values()) {
      if (t.serviceId === serviceId && (t.status === 'called' || t.status === 'serving') && t.counterId)
        nowServing.push({ number: t.number, counterId: t.counterId });
    }
    const serving = e.countersServing(serviceId);
    const window = ticketWindow(e.venue, svc, now);
    let reason: QueueInfo['reason'] = 'open';
    let available = true;
    let breakEnds: number | null = null;
    try {
      e.assertCanIssue(svc, now);
    } catch (err) {
      available = false;
      const code = err instanceof AntreError ? err.code : 'SERVICE_CLOSED';
      reason =
        code === 'SERVICE_CLOSED'
          ? 'closed_today'
          : code === 'OUTSIDE_HOURS'
            ? window.reason
            : code === 'QUOTA_FULL'
              ? 'quota_full'
              : code === 'ON_BREAK'
                ? 'on_break'
                : 'no_counter';
      if (code === 'ON_BREAK') breakEnds = (err as AntreError & { details: { until: number } }).details.until;
    }
    const plan = e.servicePlan(serviceId);
    const guess = this.forNewcomer(serviceId, null, now);
    return {
      serviceId,
      agencyId: svc.agencyId,
      floor: e.venue.agencies.find((a) => a.id === svc.agencyId)?.floor ?? 1,
      waiting: lines.regular.length + lines.priority.length + lines.booked.length + reserved,
      waitingPriority: lines.priority.length,
      nowServing,
      countersOpen: serving.filter((c) => e.state.counters.get(c.id)?.status === 'open').length,
      estimatedWaitMinutes: guess.minutes,
      quota: svc.dailyQuota,
      quotaLeft: walkInQuota(svc) === null ? null : Math.max(0, walkInQuota(svc)! - (st.issued - (st.booked ?? 0))),
      available,
      reason,
      closedReason: st.closedToday ? st.closedReason : plan.status === 'absent' ? plan.reason : null,
      opensAt: reason === 'open' ? null : (breakEnds ?? opensAgainAt(reason, window.opensAt, () => nextDayOpening(e.venue, svc, now))),
      serviceStartsAt: this.serviceStartsAt(serviceId, now),
      servedBeforeClose: this.servedBeforeClose(serviceId, guess.ahead, now),
      oldestWaitingSince: oldest,
      lastCallAt: st.lastCallAt,
      priorityStreak: st.priorityStreak,
    };
  }

  queues(now: number): QueueInfo[] {
    return this.engine.venue.services.map((s) => this.queueInfo(s.id, now));
  }

  publicCounter(counterId: string): PublicCounter {
    const cs = this.engine.counterState(counterId);
    const t = cs.ticketId ? this.engine.state.tickets.get(cs.ticketId) : undefined;
    return {
      counterId,
      status: cs.status,
      since: cs.since,
      breakReason: cs.breakReason,
      breakUntil: cs.breakUntil,
      lastCallAt: cs.lastCallAt,
      ticket: t ? { id: t.id, number: t.number, serviceId: t.serviceId, status: t.status, calledAt: t.calledAt, booked: !!t.booking } : null,
    };
  }
}

/**
 * When a service that cannot be taken now takes tickets again: outside its hours, at the next
 * opening; closed or full for today, at a later day's opening (never this morning's); with no
 * counter open, nobody knows.
 */
function opensAgainAt(reason: QueueInfo['reason'], windowOpensAt: number | null, nextDay: () => number | null): number | null {
  if (reason === 'open' || reason === 'no_counter') return null;
  if (reason === 'closed_today' || reason === 'quota_full') return nextDay();
  return windowOpensAt;
}

function outcomeView(o: VisitOutcome | undefined): TicketView['outcome'] {
  return o ? { outcome: o.outcome, missing: o.missing, agencyId: o.agencyId, reason: o.reason } : null;
}
