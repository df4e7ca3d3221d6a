import type { AccountabilityReport, AccountabilityRow } from '../contract/accountability.js';
import type { AlertRecord } from '../contract/alert-records.js';
import type { PublicUser, Ticket } from '../contract/domain.js';
import type { DayPlan } from '../contract/plan.js';
import type { Venue } from '../contract/venue.js';
import { zonedTime } from '../contract/time.js';
import type { CounterLogEntry, DayDoc } from '../engine/state.js';

export interface AccountabilityInput {
  venue: Venue;
  doc: DayDoc;
  plan: DayPlan;
  alerts: AlertRecord[];
  users: PublicUser[];
  /** The end of what is known: now for today, the end of the day for a past one. */
  until: number;
  generatedAt: number;
}

const MIN = 60000;
const SLOTS = 24 * 60;

/** Per minute of the day, what each counter was doing: its status, break reason, officer, and whether a visitor was at its desk. */
interface CounterMinutes {
  status: (CounterLogEntry['status'] | null)[];
  reason: (string | null)[];
  user: (string | null)[];
  busy: Uint8Array;
}

/**
 * The day's accountability record: for each counter, officer and agency, the planned and actual
 * opening, first call, breaks by reason, idle time while visitors waited, late opening and early
 * closing, calls, served, no-shows, transfers, the longest wait and the alerts. Pure: computed
 * from the day's document (tickets with their history, the counters' status log), the plan and
 * the alert records, at minute resolution.
 */
export function buildAccountability(input: AccountabilityInput): AccountabilityReport {
  const { venue, doc, plan } = input;
  const dayStart = zonedTime(doc.day, '00:00', venue.timeZone);
  const slot = (t: number) => Math.max(0, Math.min(SLOTS, Math.floor((t - dayStart) / MIN)));
  const endSlot = slot(input.until);
  const names = new Map(input.users.map((u) => [u.id, u.name]));
  const minutes = new Map<string, CounterMinutes>();
  for (const c of venue.counters) {
    const m: CounterMinutes = {
      status: new Array(SLOTS).fill(null),
      reason: new Array(SLOTS).fill(null),
      user: new Array(SLOTS).fill(null),
      busy: new Uint8Array(SLOTS),
    };
    const log = (doc.counterLog ?? []).filter((e) => e.counterId === c.id).sort((a, b) => a.at - b.at);
    log.forEach((e, i) => {
      const to = i + 1 < log.length ? slot(log[i + 1]!.at) : endSlot;
      for (let s = slot(e.at); s < to; s++) {
        m.status[s] = e.status;
        m.reason[s] = e.reason;
        m.user[s] = e.userId;
      }
    });
    minutes.set(c.id, m);
  }
  // Visitors waiting per service per minute (difference arrays), and who sat at each desk.
  const waiting = new Map<string, Int32Array>();
  const waitOf = (sid: string) => waiting.get(sid) ?? (waiting.set(sid, new Int32Array(SLOTS + 1)), waiting.get(sid)!);
  for (const t of doc.tickets) {
    const left = t.calledAt ?? t.finishedAt ?? input.until;
    const w = waitOf(t.serviceId);
    w[slot(t.issuedAt)]! += 1;
    w[slot(left)]! -= 1;
    if (t.counterId && t.calledAt !== null) {
      const m = minutes.get(t.counterId);
      if (m) for (let s = slot(t.calledAt); s < slot(t.finishedAt ?? input.until); s++) m.busy[s] = 1;
    }
  }
  for (const w of waiting.values()) for (let s = 1; s <= SLOTS; s++) w[s]! += w[s - 1]!;
  const rows = new Map<string, AccountabilityRow>();
  const row = (kind: AccountabilityRow['kind'], key: string, label: string, agencyId: string | null) => {
    const id = `${kind}:${key}`;
    let r = rows.get(id);
    if (!r) rows.set(id, (r = emptyRow(kind, key, label, agencyId)));
    return r;
  };
  const total = emptyRow('total', 'total', venue.name, null);
  for (const c of venue.counters) {
    const r = row('counter', c.id, c.name, c.agencyId);
    const m = minutes.get(c.id)!;
    const planned = plan.counters.find((p) => p.counterId === c.id);
    const log = (doc.counterLog ?? []).filter((e) => e.counterId === c.id).sort((a, b) => a.at - b.at);
    r.plannedOpen = planned?.from ?? null;
    r.actualOpen = log.find((e) => e.status === 'open')?.at ?? null;
    if (planned) {
      const opened = r.actualOpen ?? (input.until > planned.from ? Math.min(input.until, planned.until) : null);
      r.lateOpenMinutes = opened === null ? null : Math.max(0, Math.round((opened - planned.from) / MIN));
      const lastClose = [...log].reverse().find((e) => e.status === 'closed');
      const lastEntry = log[log.length - 1];
      if (lastEntry && lastEntry === lastClose && lastClose.at < planned.until && r.actualOpen !== null)
        r.earlyCloseMinutes = Math.round((planned.until - lastClose.at) / MIN);
    }
    for (let s = 0; s < endSlot; s++) {
      const st = m.status[s];
      if (!st || st === 'closed') continue;
      const user = m.user[s];
      const targets = [r, user ? row('officer', user, names.get(user) ?? user, c.agencyId) : null];
      if (user && !r.with.includes(names.get(user) ?? user)) r.with.push(names.get(user) ?? user);
      const idle = st === 'open' && !m.busy[s] && c.serviceIds.some((sid) => (waiting.get(sid)?.[s] ?? 0) > 0);
      for (const x of targets) {
        if (!x) continue;
        if (st === 'open') x.openMinutes++;
        else x.breakMinutes[m.reason[s] ?? 'Istirahat'] = (x.breakMinutes[m.reason[s] ?? 'Istirahat'] ?? 0) + 1;
        if (idle) x.idleWhileWaitingMinutes++;
      }
    }
  }
  for (const t of doc.tickets) countTicket(t, venue, names, row);
  for (const a of input.alerts) {
    const targets = [
      a.counterId ? rows.get(`counter:${a.counterId}`) : undefined,
      a.agencyId ? row('agency', a.agencyId, agencyLabel(venue, a.agencyId), a.agencyId) : undefined,
    ];
    for (const x of targets) {
      if (!x) continue;
      x.alerts++;
      if (a.ackAt !== null) x.alertsAcked++;
    }
    total.alerts++;
    if (a.ackAt !== null) total.alertsAcked++;
  }
  const counters = venue.counters.map((c) => rows.get(`counter:${c.id}`)!);
  for (const c of counters) {
    const ag = row('agency', c.agencyId!, agencyLabel(venue, c.agencyId!), c.agencyId);
    addInto(ag, c);
    addInto(total, c);
  }
  const officers = [...rows.values()].filter((r) => r.kind === 'officer').sort((a, b) => a.label.localeCompare(b.label));
  for (const o of officers) o.with = venue.counters.filter((c) => rows.get(`counter:${c.id}`)!.with.includes(o.label)).map((c) => c.name);
  const agencies = venue.agencies.map((a) => rows.get(`agency:${a.id}`)).filter((r): r is AccountabilityRow => !!r);
  return {
    venueId: venue.id,
    venueName: venue.name,
    day: doc.day,
    timeZone: venue.timeZone,
    timeZoneLabel: venue.timeZoneLabel,
    generatedAt: input.generatedAt,
    counters,
    officers,
    agencies,
    total,
    alerts: input.alerts,
  };
}

/** Calls, served, no-shows, transfers and the longest wait, from each ticket's history (the audit trail). */
function countTicket(
  t: Ticket,
  venue: Venue,
  names: Map<string, string>,
  row: (kind: AccountabilityRow['kind'], key: string, label: string, agencyId: string | null) => AccountabilityRow,
): void {
  for (const e of t.history) {
    if (!e.counterId) continue;
    const c = venue.counters.find((x) => x.id === e.counterId);
    if (!c) continue;
    const targets = [row('counter', c.id, c.name, c.agencyId), e.userId ? row('officer', e.userId, names.get(e.userId) ?? e.userId, c.agencyId) : null];
    for (const r of targets) {
      if (!r) continue;
      if (e.action === 'called' || e.action === 'recalled') r.calls++;
      if (e.action === 'called') {
        r.firstCall = r.firstCall === null ? e.at : Math.min(r.firstCall, e.at);
        const wait = Math.round((e.at - t.queuedAt) / MIN);
        r.longestWaitMinutes = Math.max(r.longestWaitMinutes ?? 0, wait);
      }
      if (e.action === 'finished') r.served++;
      if (e.action === 'no_show') r.noShows++;
      if (e.action === 'transferred_out') r.transfers++;
    }
  }
}

function addInto(into: AccountabilityRow, r: AccountabilityRow): void {
  into.plannedOpen = minOf(into.plannedOpen, r.plannedOpen);
  into.actualOpen = minOf(into.actualOpen, r.actualOpen);
  into.firstCall = minOf(into.firstCall, r.firstCall);
  if (r.lateOpenMinutes !== null) into.lateOpenMinutes = (into.lateOpenMinutes ?? 0) + r.lateOpenMinutes;
  if (r.earlyCloseMinutes !== null) into.earlyCloseMinutes = (into.earlyCloseMinutes ?? 0) + r.earlyCloseMinutes;
  into.openMinutes += r.openMinutes;
  for (const [k, v] of Object.entries(r.breakMinutes)) into.breakMinutes[k] = (into.breakMinutes[k] ?? 0) + v;
  into.idleWhileWaitingMinutes += r.idleWhileWaitingMinutes;
  into.calls += r.calls;
  into.served += r.served;
  into.noShows += r.noShows;
  into.transfers += r.transfers;
  if (r.longestWaitMinutes !== null) into.longestWaitMinutes = Math.max(into.longestWaitMinutes ?? 0, r.longestWaitMinutes);
  for (const w of r.with) if (!into.with.includes(w)) into.with.push(w);
}

function minOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

function agencyLabel(venue: Venue, id: string): string {
  return venue.agencies.find((a) => a.id === id)?.shortName ?? id;
}

function emptyRow(kind: AccountabilityRow['kind'], key: string, label: string, agencyId: string | null): AccountabilityRow {
  return {
    kind,
    key,
    label,
    agencyId,
    with: [],
    plannedOpen: null,
    actualOpen: null,
    firstCall: null,
    lateOpenMinutes: null,
    earlyCloseMinutes: null,
    openMinutes: 0,
    breakMinutes: {},
    idleWhileWaitingMinutes: 0,
    calls: 0,
    served: 0,
    noShows: 0,
    transfers: 0,
    longestWaitMinutes: null,
    alerts: 0,
    alertsAcked: 0,
  };
}
