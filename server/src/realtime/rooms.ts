import type { Principal } from '../auth/auth-service.js';
import type { AppContext } from '../context.js';
import { agenciesOf, can, countersOf } from '../policy/policy.js';
import { SurveyService } from '../survey/survey-service.js';
import { floorsOf, zoneOf } from './presenters.js';
import type { AntreSocket } from './socket-types.js';

/** Screens and staff that watch every floor: one board update reaches them as one frame. */
export const ALL_FLOORS = 'floors:all';

/** Prefix of the floor rooms of screens that may not see ticket ids (kiosks, print agents): told numbers instead. */
export const NUMBERS_ONLY = 'numbers:';

/** Rooms a socket belongs to: floors it watches, agencies and counters it works, its ticket. */
export function roomsFor(ctx: AppContext, p: Principal | null, ticketId: string | null): string[] {
  const v = ctx.queue.venue;
  if (ticketId) return [`ticket:${ticketId}`];
  // A survey tablet hears only the visits finished where it stands.
  if (p?.kind === 'device' && p.device.kind === 'survey') return ctx.surveys ? [SurveyService.roomOf(ctx.surveys.scopeOf(p.device))] : [];
  // A zone board hears its own counters and its zone's queues, not the rest of the floor.
  const zone = zoneOf(ctx, p);
  if (zone) return [...zone.counterIds.map((c) => `counter:${c}`), `zone:${zone.id}`];
  const floors = floorsOf(ctx, p);
  const prefix = can(p, 'board.ticketIds') ? '' : NUMBERS_ONLY;
  const rooms = floors.map((f) => `${prefix}floor:${f}`);
  if (v.floors.every((f) => floors.includes(f.number))) rooms.push(prefix + ALL_FLOORS);
  for (const c of countersOf(v, p)) rooms.push(`counter:${c}`);
  for (const a of agenciesOf(v, p)) rooms.push(`agency:${a}`);
  if (can(p, 'live.supervise')) rooms.push('supervisors');
  if (p?.kind === 'device' && p.device.kind === 'printer' && p.device.ref) rooms.push(`print-agent:${p.device.ref}`);
  if (p?.kind === 'device' && p.device.kind === 'kiosk' && p.device.ref) rooms.push(`kiosk:${p.device.ref}`);
  return rooms;
}

/**
 * Who a connected socket is now: its token is resolved again, since a device may have been
 * revoked or re-paired, and a session ended or expired, after the handshake. False when it died;
 * null for a visitor's ticket page, which has no token.
 */
export function principalNow(ctx: AppContext, socket: AntreSocket): Principal | null | false {
  const { token } = socket.data;
  if (!token) return null;
  const p = ctx.auth.resolve(token, ctx.queue.clock());
  if (!p) return false;
  socket.data.principal = p;
  return p;
}
