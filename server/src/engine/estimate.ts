import type { PriorityCategory, PublicCounter, QueueInfo, Ticket, TicketView } from '../contract/domain.js';
import { AntreError } from '../contract/errors.js';
import type { Engine } from './engine.js';
import { nextDayOpening, ticketWindow } from './hours.js';
import { aheadOfNewcomer, predictedOrder } from './order.js';
import { walkInQuota, withBooked } from './booked.js';
import { bookingSettings } from '../contract/venue.js';

/** Read models: what screens and visitors are told, computed from the engine's state. */
export class Estimator {
  constructor(private readonly engine: Engine) {}

  /** Minutes until `ahead` visitors are served by the counters that serve this service now. */
  minutesFor(serviceId: string, ahead: number, now: number): number | null {
    const e = this.engine;
    const svc = e.service(serviceId);
    const per = e.state.meanServiceMinutes(serviceId) ?? svc.targetMinutes;
    let open = 0;
    let soonestBack = Infinity;
    for (const c of e.countersServing(serviceId)) {
      const cs = e.state.counters.get(c.id)!;
      if (cs.status === 'open') open++;
      else if (cs.status === 'break') soonestBack = Math.min(soonestBack, Math.max(now, cs.breakUntil ?? now));
    }
    if (open > 0) return Math.round((ahead * per) / open);
    if (soonestBack < Infinity) return Math.round((soonestBack - now) / 60000 + ahead * per);
    return null;
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
    const ahead = aheadOfNewcomer(lines.priority.length, lines.regular.length, st.priorityStreak, this.engine.venue.settings.priorityRatio, priority ? 'priority' : 'regular');
    return { ahead, minutes: this.minutesFor(serviceId, ahead, now) };
  }

  /** How far a waiting ticket is from the desk. */
  position(t: Ticket, now = Infinity): number {
    if (t.status !== 'waiting') return 0;
    if (t.targetCounterId) return this.engine.state.targetedFor(t.targetCounterId).findIndex((x) => x.id === t.id);
    return this.order(t.serviceId, now).findIndex((x) => x.id === t.id);
  }

  ticketView(t: Ticket, now: number, ahead?: number): TicketView {
    const e = this.engine;
    const known = e.venue.services.some((s) => s.id === t.serviceId);
    ahead ??= known ? this.position(t, now) : 0;
    const moved = t.transferredTo ? e.state.tickets.get(t.transferredTo) : undefined;
    return {
      id: t.id, number: t.number, serviceId: t.serviceId, agencyId: t.agencyId,
      floor: e.venue.agencies.find((a) => a.id === t.agencyId)?.floor ?? e.venue.floors[0]!.number,
      status: t.status, priority: t.priority, prioritized: t.priority !== null, issuedAt: t.issuedAt, ahead: Math.max(0, ahead),
      // A ticket of a service removed from the venue since is shown as it stands, without an estimate.
      estimatedWaitMinutes: t.status === 'waiting' && known ? this.minutesFor(t.serviceId, Math.max(0, ahead), now) : null,
      counterId: t.status === 'called' || t.status === 'serving' ? t.counterId : null,
      calledAt: t.calledAt, recalls: t.recalls,
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
      if (t.serviceId === serviceId && (t.status === 'called' || t.status === 'serving') && t.counterId) nowServing.push({ number: t.number, counterId: t.counterId });
    }
    const serving = e.countersServing(serviceId);
    const window = ticketWindow(e.venue, svc, now);
    let reason: QueueInfo['reason'] = 'open';
    let available = true;
    try {
      e.assertCanIssue(svc, now);
    } catch (err) {
      available = false;
      const code = err instanceof AntreError ? err.code : 'SERVICE_CLOSED';
      reason = code === 'SERVICE_CLOSED' ? 'closed_today' : code === 'OUTSIDE_HOURS' ? window.reason : code === 'QUOTA_FULL' ? 'quota_full' : 'no_counter';
    }
    const guess = this.forNewcomer(serviceId, null, now);
    return {
      serviceId, agencyId: svc.agencyId, floor: e.venue.agencies.find((a) => a.id === svc.agencyId)?.floor ?? 1,
      waiting: lines.regular.length + lines.priority.length + lines.booked.length + reserved, waitingPriority: lines.priority.length,
      nowServing, countersOpen: serving.filter((c) => e.state.counters.get(c.id)?.status === 'open').length,
      estimatedWaitMinutes: guess.minutes, quota: svc.dailyQuota,
      quotaLeft: walkInQuota(svc) === null ? null : Math.max(0, walkInQuota(svc)! - (st.issued - (st.booked ?? 0))),
      available, reason, closedReason: st.closedToday ? st.closedReason : null, opensAt: opensAgainAt(reason, window.opensAt, () => nextDayOpening(e.venue, svc, now)),
      oldestWaitingSince: oldest, lastCallAt: st.lastCallAt, priorityStreak: st.priorityStreak,
    };
  }

  queues(now: number): QueueInfo[] {
    return this.engine.venue.services.map((s) => this.queueInfo(s.id, now));
  }

  publicCounter(counterId: string): PublicCounter {
    const cs = this.engine.counterState(counterId);
    const t = cs.ticketId ? this.engine.state.tickets.get(cs.ticketId) : undefined;
    return {
      counterId, status: cs.status, since: cs.since, breakReason: cs.breakReason, breakUntil: cs.breakUntil, lastCallAt: cs.lastCallAt,
      ticket: t ? { id: t.id, number: t.number, serviceId: t.serviceId, status: t.status, calledAt: t.calledAt } : null,
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
