import type { AgencyDayState, AgencyPlan, DayPlan, PlannedCounter, ServicePlan } from '../contract/plan.js';
import type { Agency, Venue } from '../contract/venue.js';
import { weekdayOfDay, zonedTime } from '../contract/time.js';
import { effectiveHours } from './hours.js';

/**
 * The day's plan, from the weekly roster, the opening hours and the supervisor's marks for the
 * day (absent, late). Pure: the same inputs always give the same plan, so it is simply computed
 * again whenever one of them changes.
 */
export function dayPlan(venue: Venue, day: string, marks: ReadonlyMap<string, AgencyDayState>): DayPlan {
  const tz = venue.timeZone;
  const weekday = weekdayOfDay(day);
  const agencies: AgencyPlan[] = [];
  const counters: PlannedCounter[] = [];
  const agencyOf = new Map<string, { plan: AgencyPlan; agency: Agency }>();
  for (const a of venue.agencies) {
    const today = (a.hours ?? venue.hours)[weekday] ?? null;
    const mark = marks.get(a.id);
    let plan: AgencyPlan;
    if (!today) plan = { agencyId: a.id, status: 'closed', reason: null, from: null };
    else if (mark?.status === 'absent') plan = { agencyId: a.id, status: 'absent', reason: mark.reason, from: null };
    else if (!a.roster)
      plan = { agencyId: a.id, status: mark?.status === 'late' ? 'late' : 'unplanned', reason: mark?.reason ?? null, from: mark?.from ?? null };
    else {
      const open = zonedTime(day, today.open, tz);
      const until = zonedTime(day, today.close, tz);
      const lateFrom = mark?.status === 'late' ? mark.from : null;
      for (const r of a.roster) {
        if (r.days && !r.days.includes(weekday)) continue;
        const from = Math.max(open, r.from ? zonedTime(day, r.from, tz) : open, lateFrom ?? open);
        if (from < until) counters.push({ counterId: r.counterId, agencyId: a.id, officer: r.officer ?? null, from, until });
      }
      const mine = counters.filter((c) => c.agencyId === a.id);
      const first = mine.length ? Math.min(...mine.map((c) => c.from)) : null;
      plan = { agencyId: a.id, status: !mine.length ? 'closed' : lateFrom !== null ? 'late' : 'planned', reason: mark?.reason ?? null, from: first };
    }
    agencies.push(plan);
    agencyOf.set(a.id, { plan, agency: a });
  }
  const services: ServicePlan[] = venue.services.map((s) => {
    const { plan, agency } = agencyOf.get(s.agencyId)!;
    const base = { serviceId: s.id, agencyId: s.agencyId, counterIds: [] as string[], reason: plan.reason };
    const hours = effectiveHours(venue, s)[weekday] ?? null;
    if (plan.status === 'absent') return { ...base, status: 'absent', from: null, until: null };
    if (!hours || plan.status === 'closed') return { ...base, status: 'closed', from: null, until: null };
    const open = zonedTime(day, hours.open, tz);
    const close = zonedTime(day, hours.close, tz);
    if (!agency.roster) return { ...base, status: 'unplanned', from: plan.from === null ? null : Math.max(open, plan.from), until: close };
    const serving = counters.filter((c) => c.agencyId === agency.id && venue.counters.find((x) => x.id === c.counterId)?.serviceIds.includes(s.id));
    if (!serving.length) return { ...base, status: 'closed', from: null, until: null };
    const from = Math.max(open, Math.min(...serving.map((c) => c.from)));
    return { ...base, status: from < close ? 'planned' : 'closed', from, until: close, counterIds: serving.map((c) => c.counterId) };
  });
  return { day, agencies, counters, services };
}
