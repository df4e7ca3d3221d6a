import { AntreError } from '../contract/errors.js';
import type { Role } from '../contract/domain.js';
import type { Principal } from '../auth/auth-service.js';

/** Staff user with one of the roles, or a 401/403. */
export function requireUser(p: Principal | null, roles?: Role[]) {
  if (!p) throw new AntreError('UNAUTHENTICATED');
  if (p.kind !== 'user') throw new AntreError('FORBIDDEN');
  if (roles && !roles.includes(p.user.role)) throw new AntreError('FORBIDDEN');
  return p.user;
}

/** Kiosks and staff may issue tickets; displays and buttons may not. */
export function requireIssuer(p: Principal | null): Principal {
  if (!p) throw new AntreError('UNAUTHENTICATED');
  if (p.kind === 'device' && p.device.kind !== 'kiosk') throw new AntreError('FORBIDDEN');
  return p;
}

/** A call button serves a whole desk: call next (ending the called visitor), recall, absent and its undo. */
const BUTTON_ACTIONS = new Set(['call-next', 'recall', 'no-show', 'undo-no-show']);

/** Who acts at a counter, as the engine needs to know it. */
export interface CounterAccess {
  userId: string | null;
  /** A paired call button: its "next" also ends a called visitor's visit. */
  button: boolean;
  /** Supervisors and admins may undo a no-show all day; officers and buttons within the venue's window. */
  anyTime: boolean;
}

/** Officers act on their own counters; supervisors and admins on any; a button on its one counter. */
export function requireCounterAccess(p: Principal | null, counterId: string, action: string): CounterAccess {
  if (!p) throw new AntreError('UNAUTHENTICATED');
  if (p.kind === 'device') {
    if (p.device.kind !== 'button' || p.device.ref !== counterId) throw new AntreError(p.device.kind === 'button' ? 'NOT_YOUR_COUNTER' : 'FORBIDDEN');
    if (!BUTTON_ACTIONS.has(action)) throw new AntreError('FORBIDDEN');
    return { userId: null, button: true, anyTime: false };
  }
  const u = p.user;
  if (u.role === 'officer' && !u.counterIds.includes(counterId)) throw new AntreError('NOT_YOUR_COUNTER', { counterId });
  return { userId: u.id, button: false, anyTime: u.role !== 'officer' };
}
