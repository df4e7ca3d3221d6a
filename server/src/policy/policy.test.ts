import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEVICE_KINDS, ROLES, type DeviceKind, type Role } from '../contract/domain.js';
import type { Principal } from '../auth/auth-service.js';
import { testVenue } from '../testing/builders.js';
import { ACTIONS, agenciesOf, countersOf, decide, type Action, type Resource } from './policy.js';

/**
 * Every action against every kind of principal, checked against a table written by hand from the
 * rules the README and DESIGN state: anyone reads the public boards and follows their own ticket;
 * staff act by role (officers on their own counters, supervisors watch and re-route, admins
 * configure); devices by kind and by the one thing they are paired to.
 *
 * Columns: nobody, kiosk (its own kiosk), kiosk (another kiosk's), display, button (its desk),
 * button (another desk), print agent, survey tablet, officer (own desk), officer (another desk),
 * supervisor, admin. Cells: + allowed, U 401 UNAUTHENTICATED, F 403 FORBIDDEN, N 403
 * NOT_YOUR_COUNTER, S 403 STAFF_CANNOT_ANSWER.
 */
const OPEN = '+ + + + + + + + + + + +';
const LEADS = 'U F F F F F F F F F + +';
const STAFF = 'U F F F F F F F + + + +';
const ADMIN = 'U F F F F F F F F F F +';
const DESK_KEY = 'U F F F + N F F + N + +';
const DESK = 'U F F F F N F F + N + +';
const EXPECTED: Record<Action, string> = {
  'public.read': OPEN,
  'ticket.read': OPEN,
  'booking.public': OPEN,
  'survey.answer': '+ F F F F F F + S S S S',
  'survey.pending': 'U F F F F F F + F F F F',
  'session.start': OPEN,
  'session.me': 'U + + + + + + + + + + +',
  'session.logout': STAFF,
  'device.rotateToken': 'U + + + + + + + F F F F',
  'ticket.issue': 'U + + F F F F F + + + +',
  'ticket.list': STAFF,
  'ticket.listAll': LEADS,
  'ticket.reroute': LEADS,
  'counter:call-next': DESK_KEY,
  'counter:recall': DESK_KEY,
  'counter:no-show': DESK_KEY,
  'counter:undo-no-show': DESK_KEY,
  'counter:start': DESK,
  'counter:finish': DESK,
  'counter:hold': DESK,
  'counter:resume': DESK,
  'counter:transfer': DESK,
  'counter:status': DESK,
  'counter.undoNoShowAnyTime': LEADS,
  'counter.socket': 'U F F F + + F F + + + +',
  'plan.read': STAFF,
  'agency.markDay': LEADS,
  'service.setStatus': LEADS,
  'announcements.set': LEADS,
  'alert.read': LEADS,
  'alert.ack': LEADS,
  'report.read': LEADS,
  'survey.mine': STAFF,
  'messages.read': LEADS,
  'messages.retry': LEADS,
  'live.supervise': LEADS,
  'board.ticketIds': 'U F F + + + F F + + + +',
  'printer.read': LEADS,
  'printer.test': LEADS,
  'printJob.reprint': 'U + F F F F F F + + + +',
  'printer.report': 'U F F F F F + F F F F F',
  'device.list': LEADS,
  'device.manage': ADMIN,
  'staff.list': LEADS,
  'staff.manage': ADMIN,
  'venue.edit': ADMIN,
};

function user(role: Role, counterIds: string[] = []): Principal {
  return { kind: 'user', user: { id: `u-${role}`, username: role, name: role, role, counterIds, disabled: false } as never };
}
function device(kind: DeviceKind, ref: string | null): Principal {
  return {
    kind: 'device',
    device: {
      id: `d-${kind}`,
      kind,
      name: kind,
      floor: 1,
      ref,
      tokenDigest: null,
      pairingDigest: null,
      pairingExpiresAt: null,
      createdAt: 0,
      lastSeenAt: null,
      revoked: false,
    },
  };
}

const MINE: Resource = { counterId: 'loket-1', kioskId: 'kiosk-1' };
const OTHERS: Resource = { counterId: 'loket-2', kioskId: 'kiosk-2' };
/** The columns: who asks, and about what. */
const COLUMNS: { name: string; p: Principal | null; r: Resource }[] = [
  { name: 'nobody', p: null, r: MINE },
  { name: 'kiosk', p: device('kiosk', 'kiosk-1'), r: MINE },
  { name: "kiosk, another kiosk's", p: device('kiosk', 'kiosk-1'), r: OTHERS },
  { name: 'display', p: device('display', null), r: MINE },
  { name: 'button', p: device('button', 'loket-1'), r: MINE },
  { name: 'button, another desk', p: device('button', 'loket-1'), r: OTHERS },
  { name: 'print agent', p: device('printer', 'kiosk-1'), r: MINE },
  { name: 'survey tablet', p: device('survey', 'loket-1'), r: MINE },
  { name: 'officer', p: user('officer', ['loket-1']), r: MINE },
  { name: 'officer, another desk', p: user('officer', ['loket-1']), r: OTHERS },
  { name: 'supervisor', p: user('supervisor'), r: MINE },
  { name: 'admin', p: user('admin'), r: MINE },
];
const CELL = { UNAUTHENTICATED: 'U', FORBIDDEN: 'F', NOT_YOUR_COUNTER: 'N', STAFF_CANNOT_ANSWER: 'S' } as Record<string, string>;

describe('the policy', () => {
  it('covers every kind of principal: nobody, every device kind, every role', () => {
    const kinds = new Set(COLUMNS.map((c) => (c.p === null ? 'anonymous' : c.p.kind === 'user' ? c.p.user.role : c.p.device.kind)));
    expect([...kinds].sort()).toEqual(['anonymous', ...DEVICE_KINDS, ...ROLES].sort());
  });

  it('has exactly the actions of the hand-written table', () => {
    expect([...ACTIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(ACTIONS.map((a) => [a]))('%s: every principal gets the decision the rules state', (action) => {
    const got = COLUMNS.map((c) => {
      const v = decide(c.p, action, c.r);
      return v.ok ? '+' : (CELL[v.code] ?? v.code);
    }).join(' ');
    const want = EXPECTED[action];
    const wrong = COLUMNS.filter((_, i) => got.split(' ')[i] !== want.split(' ')[i]).map((c) => c.name);
    expect(got, `differs for: ${wrong.join(', ')}`).toBe(want);
  });

  it('an officer works only the desks assigned, and follows the agencies those desks serve', () => {
    const v = testVenue();
    expect(countersOf(v, user('officer', ['loket-3']))).toEqual(['loket-3']);
    expect(countersOf(v, user('supervisor'))).toEqual(v.counters.map((c) => c.id));
    expect(countersOf(v, device('button', 'loket-1'))).toEqual([]);
    expect([...agenciesOf(v, user('officer', ['loket-3']))]).toEqual(['polres']);
    expect([...agenciesOf(v, user('admin'))].sort()).toEqual(v.agencies.map((a) => a.id).sort());
    expect([...agenciesOf(v, device('display', null))]).toEqual([]);
    expect([...agenciesOf(v, null)]).toEqual([]);
  });
});

/** Files under server/src that are code (not tests or test helpers). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return n === 'testing' ? [] : sources(p);
    return n.endsWith('.ts') && !n.endsWith('.test.ts') ? [p] : [];
  });
}

describe('no inline role lists', () => {
  it('outside the policy, no code compares roles or lists them to decide access', () => {
    const root = join(import.meta.dirname, '..');
    // Places where a role is data, not a decision: the first start creates an admin when none exists.
    const allowed = new Set(["auth/auth-service.ts: role === 'admin'"]);
    const found: string[] = [];
    const pattern = /\brole\s*[!=]==\s*'\w+'|'\w+'\s*[!=]==\s*\w+\.role\b|\broles?\.includes\(|\[\s*'(?:admin|supervisor|officer)'\s*,|requireUser\(/g;
    for (const file of sources(root)) {
      const rel = relative(root, file).replaceAll('\\', '/');
      if (rel.startsWith('policy/') || rel.startsWith('contract/') || rel === 'demo.ts') continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(pattern)) {
        if (!allowed.has(`${rel}: ${m[0]}`)) found.push(`${rel}:${text.slice(0, m.index).split('\n').length}: ${m[0]}`);
      }
    }
    expect(found).toEqual([]);
  });
});
