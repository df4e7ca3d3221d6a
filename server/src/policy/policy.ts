import { AntreError, type ErrorCode } from '../contract/errors.js';
import type { CounterAction } from '../contract/events.js';
import type { Venue } from '../contract/venue.js';
import type { Principal } from '../auth/auth-service.js';
import type { UserRecord } from '../store/staff-store.js';
import { POLICY, type Action, type Rule } from './rules.js';

export { POLICY, ACTIONS, BUTTON_ACTIONS, type Action, type Rule } from './rules.js';

/** What an action is aimed at, when the rule looks at it. */
export interface Resource {
  counterId?: string;
  kioskId?: string;
}

/** The policy's answer: allowed, or the refusal the caller gets (401/403 with its code). */
export type Verdict = { ok: true } | { ok: false; code: ErrorCode; details?: Record<string, unknown> };

/**
 * The one place a decision is made. Order of the checks (kept as the routes had them): no token
 * is 401 unless the action is open; a call button aimed at another desk is NOT_YOUR_COUNTER
 * before its keys are looked at; a device or role not in the rule is 403; an officer at a desk
 * not theirs is NOT_YOUR_COUNTER.
 */
export function decide(p: Principal | null, action: Action, resource: Resource = {}): Verdict {
  const rule: Rule = POLICY[action];
  if (!p) return rule.anyone ? { ok: true } : { ok: false, code: 'UNAUTHENTICATED' };
  if (p.kind === 'device') {
    const d = p.device;
    if (rule.devicePaired === 'counter' && resource.counterId !== undefined && d.kind === 'button' && d.ref !== resource.counterId)
      return { ok: false, code: 'NOT_YOUR_COUNTER' };
    if (!rule.devices.includes(d.kind)) return { ok: false, code: 'FORBIDDEN' };
    if (rule.devicePaired === 'kiosk' && resource.kioskId !== undefined && d.ref !== resource.kioskId) return { ok: false, code: 'FORBIDDEN' };
    return { ok: true };
  }
  const u = p.user;
  if (!rule.roles.includes(u.role)) return { ok: false, code: rule.staffRefusal ?? 'FORBIDDEN' };
  if (rule.officerOwnCounter && u.role === 'officer' && resource.counterId !== undefined && !u.counterIds.includes(resource.counterId)) {
    return { ok: false, code: 'NOT_YOUR_COUNTER', details: { counterId: resource.counterId } };
  }
  return { ok: true };
}

/** Whether the principal may: for choices that are not refusals (which rooms to join, which view to present). */
export function can(p: Principal | null, action: Action, resource?: Resource): boolean {
  return decide(p, action, resource).ok;
}

/** The principal may, or the request ends here with the policy's refusal. */
export function authorize(p: Principal | null, action: Action, resource?: Resource): void {
  const v = decide(p, action, resource);
  if (!v.ok) throw new AntreError(v.code, v.details);
}

/** As authorize, for actions nobody without a token may take: answers the caller. */
export function authorizeCaller(p: Principal | null, action: Action, resource?: Resource): Principal {
  authorize(p, action, resource);
  if (!p) throw new AntreError('UNAUTHENTICATED');
  return p;
}

/** As authorize, for actions only staff may take: answers the staff member (whose id the audit line needs). */
export function authorizeStaff(p: Principal | null, action: Action, resource?: Resource): UserRecord {
  authorize(p, action, resource);
  if (p?.kind !== 'user') throw new AntreError('FORBIDDEN');
  return p.user;
}

/** Who acts at a counter, as the engine needs to know it. */
export interface CounterAccess {
  userId: string | null;
  /** A paired call button: its "next" also ends a called visitor's visit. */
  button: boolean;
  /** Supervisors and admins may undo a no-show all day; officers and buttons within the venue's window. */
  anyTime: boolean;
}

/** The policy's word on a counter command, in the terms the engine takes. */
export function counterAccess(p: Principal | null, counterId: string, action: CounterAction): CounterAccess {
  authorize(p, `counter:${action}`, { counterId });
  if (p!.kind === 'device') return { userId: null, button: true, anyTime: false };
  return { userId: p!.user.id, button: false, anyTime: can(p, 'counter.undoNoShowAnyTime') };
}

/** The counters a principal works (and whose rooms it joins): those the counter rules let it call at. */
export function countersOf(venue: Venue, p: Principal | null): string[] {
  if (p?.kind !== 'user') return [];
  return venue.counters.filter((c) => can(p, 'counter:call-next', { counterId: c.id })).map((c) => c.id);
}

/**
 * Agencies whose tickets a staff member follows: all for those who may list all; for an officer,
 * every agency whose services their counters serve (a counter may serve another agency's service).
 */
export function agenciesOf(venue: Venue, p: Principal | null): Set<string> {
  if (!can(p, 'ticket.list') || p?.kind !== 'user') return new Set();
  if (can(p, 'ticket.listAll')) return new Set(venue.agencies.map((a) => a.id));
  const mine = new Set(countersOf(venue, p));
  const counters = venue.counters.filter((c) => mine.has(c.id));
  const served = new Set(counters.flatMap((c) => c.serviceIds));
  return new Set([...counters.map((c) => c.agencyId), ...venue.services.filter((s) => served.has(s.id)).map((s) => s.agencyId)]);
}
