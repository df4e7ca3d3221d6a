import { COUNTER_ACTIONS, type CounterAction } from '@antre/server/contract';
import { ACTIONS, decide, type Action, type Resource } from '../../server/src/policy/policy.ts';
import { DOORS, doorKey, type Door } from './http-doors.ts';
import { buildRequest, enc } from './http-input.ts';
import { probe } from './http-probe.ts';
import type { FuzzRun } from './http-fuzz.ts';
import { IDENTITIES, type Identity, type RefKind, type World } from './world.ts';

/** How an HTTP door asks the policy: its action, the ids it is aimed at, and what the policy is told about them. */
export interface DoorPolicy {
  action: Action | ((params: Record<string, string>) => Action);
  /** Path parameters as world references; one request per case (default: the door's own first reference). */
  cases?: Record<string, RefKind | string>[];
  resource?: (w: World, params: Record<string, string>) => Resource;
  /** Allowed callers would use up the world's own sessions or tokens (logout, token rotation): only refusals are tried. */
  refusalsOnly?: boolean;
}

const counterCases = COUNTER_ACTIONS.flatMap((action) => ['counterA', 'counterB'].map((counterId) => ({ counterId, action })));

/** Every door's policy action. A door missing here, or an action no door and no socket asks, fails the fuzz test. */
export const DOOR_POLICY: Record<string, DoorPolicy> = {
  'GET /api/v1/health': { action: 'public.read' },
  'GET /api/v1/openapi.json': { action: 'public.read' },
  'GET /api/v1/docs': { action: 'public.read' },
  'GET /api/v1/venue': { action: 'public.read' },
  'GET /api/v1/queues': { action: 'public.read' },
  'GET /api/v1/counters': { action: 'public.read' },
  'GET /api/v1/snapshot': { action: 'public.read' },
  'GET /api/v1/announcements': { action: 'public.read' },
  'POST /api/v1/auth/login': { action: 'session.start' },
  'POST /api/v1/auth/logout': { action: 'session.logout', refusalsOnly: true },
  'GET /api/v1/auth/me': { action: 'session.me' },
  'POST /api/v1/auth/device-token': { action: 'device.rotateToken', refusalsOnly: true },
  'POST /api/v1/tickets': { action: 'ticket.issue' },
  'GET /api/v1/tickets': { action: 'ticket.list' },
  'GET /api/v1/tickets/:id': { action: 'ticket.read', cases: [{ id: 'ticketLive' }] },
  'POST /api/v1/tickets/:id/transfer': { action: 'ticket.reroute', cases: [{ id: 'ticketLive' }] },
  'POST /api/v1/counters/:counterId/:action': {
    action: (p) => `counter:${p.action as CounterAction}`,
    cases: counterCases,
    resource: (_w, p) => ({ counterId: p.counterId }),
  },
  'GET /api/v1/printers': { action: 'printer.read' },
  'POST /api/v1/printers/:id/test': { action: 'printer.test', cases: [{ id: 'printer' }] },
  'POST /api/v1/print-jobs/:jobId/reprint': {
    action: 'printJob.reprint',
    cases: [{ jobId: 'jobKiosk1' }, { jobId: 'jobKiosk2' }],
    resource: (w, p) => ({ kioskId: w.h.server.ctx.printing!.kioskOf(decodeURIComponent(p.jobId!)) ?? undefined }),
  },
  'GET /api/v1/printers/virtual/jobs': { action: 'printer.read' },
  'GET /api/v1/printers/virtual/jobs/:id.png': { action: 'printer.read', cases: [{ id: 'virtualJob' }] },
  'GET /api/v1/printers/:id/jobs': { action: 'printer.read', cases: [{ id: 'printer' }] },
  'GET /api/v1/print-jobs/:jobId/preview.png': { action: 'printer.read', cases: [{ jobId: 'jobKiosk1' }] },
  'POST /api/v1/devices': { action: 'device.manage' },
  'GET /api/v1/devices': { action: 'device.list' },
  'POST /api/v1/devices/pair': { action: 'session.start' },
  'POST /api/v1/devices/:id/pairing': { action: 'device.manage', cases: [{ id: 'deviceVictim' }] },
  'DELETE /api/v1/devices/:id': { action: 'device.manage', cases: [{ id: 'deviceDoomed' }] },
  'GET /api/v1/users': { action: 'staff.list' },
  'POST /api/v1/users': { action: 'staff.manage' },
  'PATCH /api/v1/users/:id': { action: 'staff.manage', cases: [{ id: 'userVictim' }] },
  'POST /api/v1/services/:id/status': { action: 'service.setStatus', cases: [{ id: 'service' }] },
  'PUT /api/v1/announcements': { action: 'announcements.set' },
  'GET /api/v1/alerts': { action: 'report.read' },
  'GET /api/v1/alerts/active': { action: 'alert.read' },
  'GET /api/v1/alerts/history': { action: 'alert.read' },
  'POST /api/v1/alerts/:id/ack': { action: 'alert.ack', cases: [{ id: '=nope' }] },
  'GET /api/v1/plan': { action: 'plan.read' },
  'POST /api/v1/agencies/:id/day': { action: 'agency.markDay', cases: [{ id: '=bpn' }] },
  'GET /api/v1/accountability': { action: 'report.read' },
  'GET /api/v1/accountability.csv': { action: 'report.read' },
  'GET /api/v1/reports': { action: 'report.read' },
  'GET /api/v1/reports.csv': { action: 'report.read' },
  'GET /api/v1/surveys/ticket/:id': { action: 'ticket.read', cases: [{ id: 'ticketDone' }] },
  'POST /api/v1/surveys': { action: 'survey.answer' },
  'GET /api/v1/surveys/pending': { action: 'survey.pending' },
  'GET /api/v1/surveys/results': { action: 'report.read' },
  'GET /api/v1/surveys/results.csv': { action: 'report.read' },
  'GET /api/v1/surveys/answers.csv': { action: 'report.read' },
  'GET /api/v1/surveys/mine': { action: 'survey.mine' },
  'GET /api/v1/surveys/public': { action: 'public.read' },
  'GET /api/v1/tickets/:id/contact': { action: 'ticket.read', cases: [{ id: 'ticketLive' }] },
  'POST /api/v1/tickets/:id/contact': { action: 'ticket.read', cases: [{ id: 'ticketLive' }] },
  'DELETE /api/v1/tickets/:id/contact': { action: 'ticket.read', cases: [{ id: 'ticketLive' }] },
  'GET /api/v1/messages/outbox': { action: 'messages.read' },
  'POST /api/v1/messages/:id/retry': { action: 'messages.retry', cases: [{ id: '=m0000000000' }] },
  'GET /api/v1/booking/services': { action: 'booking.public' },
  'GET /api/v1/booking/slots': { action: 'booking.public' },
  'GET /api/v1/booking/challenge': { action: 'booking.public' },
  'POST /api/v1/bookings': { action: 'booking.public' },
  'GET /api/v1/bookings/manage/:token': { action: 'booking.public', cases: [{ token: '=AAAAAAAAAAAAAAAAAAAAAAAA' }] },
  'POST /api/v1/bookings/manage/:token/cancel': { action: 'booking.public', cases: [{ token: '=AAAAAAAAAAAAAAAAAAAAAAAA' }] },
  'POST /api/v1/bookings/manage/:token/move': { action: 'booking.public', cases: [{ token: '=AAAAAAAAAAAAAAAAAAAAAAAA' }] },
  'POST /api/v1/bookings/check-in': { action: 'ticket.issue' },
  'GET /api/v1/venue/raw': { action: 'venue.edit' },
  'PUT /api/v1/venue': { action: 'venue.edit' },
};

/** Actions asked by socket handlers or used to choose a view rather than to refuse a request, and which door or test covers each. */
export const NOT_HTTP_DOORS: Partial<Record<Action, string>> = {
  'counter.socket': 'socket counter:command (socket fuzz)',
  'printer.report': 'socket printer:status (socket fuzz)',
  'live.supervise': 'the supervisors room (presenters test)',
  'board.ticketIds': 'which snapshot and live rooms a screen gets: ids or numbers (presenters test)',
  'ticket.listAll': 'the tickets each staff member is shown (presenters test)',
  'counter.undoNoShowAnyTime': "the engine's undo window (counter commands)",
};

/** Refusal codes that are the policy's (any other refusal is the door's own business: not found, bad input, conflict). */
export const POLICY_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_YOUR_COUNTER', 'STAFF_CANNOT_ANSWER']);

/**
 * Every door, as every kind of principal the policy knows (each live identity and nobody), with
 * a valid request: the answer must be the policy's decision. A refusal is the policy's code and
 * changes nothing; an allowed caller is never refused with one of the policy's codes.
 */
export async function fuzzPolicy(w: World, run: FuzzRun, doors: Door[] = DOORS): Promise<void> {
  const callers: (Identity | null)[] = [null, ...IDENTITIES];
  for (const door of doors) {
    const key = doorKey(door);
    const pol = DOOR_POLICY[key];
    if (!pol) throw new Error(`${key}: no policy action for this door`);
    const cases = pol.cases ?? [Object.fromEntries(Object.keys(door.params ?? {}).map((k) => [k, '=x']))];
    for (const c of cases) {
      const params: Record<string, string> = {};
      for (const [k, ref] of Object.entries(c))
        params[k] = ref.startsWith('=') ? enc(ref.slice(1)) : COUNTER_ACTIONS.includes(ref as CounterAction) ? ref : enc(w.pick(ref as RefKind, 0));
      const action = typeof pol.action === 'function' ? pol.action(params) : pol.action;
      run.hit.add(`policy ${action}`);
      for (const who of callers) {
        const principal = who ? w.principal(who) : null;
        const verdict = decide(principal, action, pol.resource?.(w, params));
        if (verdict.ok && pol.refusalsOnly) continue;
        const path = door.path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? 'x');
        const bodies = door.bodies?.(w, params) ?? [];
        const body = door.method === 'GET' || door.method === 'DELETE' ? undefined : JSON.stringify(bodies[0] ?? {});
        const query = door.queries ? new URLSearchParams(door.queries()[0] as Record<string, string>).toString() : '';
        const req = buildRequest(door.method, path, query, who ? `Bearer ${w.tokens[who]}` : null, body, body === undefined ? null : 'application/json', {});
        const where = `${key} (${action}) as ${who ?? 'nobody'} on ${JSON.stringify(params)}`;
        const { res, code } = await probe(w, run.tally, `${key} (policy)`, req, run.baseline);
        if (!verdict.ok && code !== verdict.code)
          throw new Error(`${where}: the policy refuses with ${verdict.code}, the door answered ${res.status} ${code ?? ''}`);
        if (verdict.ok && code && POLICY_CODES.has(code) && !domainRefusal(res.json))
          throw new Error(`${where}: the policy allows it, the door refused with ${code}`);
      }
    }
  }
}

/**
 * A 403 that is the domain's, not the policy's: it names what it refers to (the ticket another
 * desk does not serve, the SKM group below its minimum size). The policy's refusals carry no details.
 */
function domainRefusal(json: unknown): boolean {
  const e = (json as { error?: { code?: string; details?: Record<string, unknown> } }).error;
  return e?.code === 'FORBIDDEN' && !!e.details && ('ticketId' in e.details || 'minimum' in e.details);
}

/** The policy's actions no door and no socket handler asks: a rule nobody enforces. */
export function unaskedActions(): Action[] {
  const asked = new Set<string>(Object.keys(NOT_HTTP_DOORS));
  for (const p of Object.values(DOOR_POLICY)) {
    if (typeof p.action === 'string') asked.add(p.action);
    else for (const a of COUNTER_ACTIONS) asked.add(p.action({ action: a }));
  }
  return ACTIONS.filter((a) => !asked.has(a));
}
