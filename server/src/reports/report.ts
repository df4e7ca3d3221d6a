import type { Ticket } from '../contract/domain.js';
import { REPORT_GROUPS, type Report, type ReportGroupBy, type ReportRow } from '../contract/reports.js';
import { localParts } from '../contract/time.js';
import type { Venue } from '../contract/venue.js';
import type { DayDoc } from '../engine/state.js';

const MINUTE = 60000;
const LIVE = new Set(['waiting', 'called', 'serving', 'held']);

export interface ReportInput {
  venue: Venue;
  /** Staff accounts, to name officers; unknown ids are shown as they are. */
  users: { id: string; name: string }[];
  from: string;
  to: string;
  /** The day documents of the range, in any order. */
  days: DayDoc[];
  generatedAt: number;
}

/** What one ticket contributes, worked out once and added to every group it falls in. */
interface Facts {
  ticket: Ticket;
  waitMs: number | null;
  /** A booked visitor's wait counted from the slot (or a later check-in). */
  bookedWaitMs: number | null;
  serviceMs: number | null;
  withinTarget: boolean | null;
  hour: number;
}

class Tally {
  issued = 0;
  booked = 0;
  bookedWaits: number[] = [];
  transferredIn = 0;
  served = 0;
  noShow = 0;
  transferred = 0;
  expired = 0;
  inProgress = 0;
  waits: number[] = [];
  services: number[] = [];
  within = 0;
  judged = 0;
  perHour = new Array<number>(24).fill(0);

  add(f: Facts): void {
    const t = f.ticket;
    if (t.transferredFrom) this.transferredIn++;
    else {
      this.issued++;
      this.perHour[f.hour]!++;
      if (t.booking) this.booked++;
    }
    if (f.bookedWaitMs !== null) this.bookedWaits.push(f.bookedWaitMs);
    if (t.status === 'done') this.served++;
    else if (t.status === 'no_show') this.noShow++;
    else if (t.status === 'transferred') this.transferred++;
    else if (t.status === 'expired') this.expired++;
    else if (LIVE.has(t.status)) this.inProgress++;
    if (f.waitMs !== null) this.waits.push(f.waitMs);
    if (f.serviceMs !== null) this.services.push(f.serviceMs);
    if (f.withinTarget !== null) {
      this.judged++;
      if (f.withinTarget) this.within++;
    }
  }

  row(key: string, label: string): ReportRow {
    return {
      key,
      label,
      issued: this.issued,
      booked: this.booked,
      transferredIn: this.transferredIn,
      served: this.served,
      noShow: this.noShow,
      transferred: this.transferred,
      expired: this.expired,
      inProgress: this.inProgress,
      waitMeanMinutes: minutes(mean(this.waits)),
      waitP90Minutes: minutes(percentile(this.waits, 0.9)),
      bookedWaitMeanMinutes: minutes(mean(this.bookedWaits)),
      serviceMeanMinutes: minutes(mean(this.services)),
      serviceP90Minutes: minutes(percentile(this.services, 0.9)),
      withinTargetShare: this.judged ? this.within / this.judged : null,
      perHour: this.perHour,
    };
  }
}

/**
 * Counts and times per agency, service, counter and officer over some service days. Every figure
 * comes from the tickets' own records, so a report of a day reads the same whenever it is made.
 */
export function buildReport(input: ReportInput): Report {
  const { venue } = input;
  const total = new Tally();
  const groups = Object.fromEntries(REPORT_GROUPS.map((g) => [g, new Map<string, Tally>()])) as Record<ReportGroupBy, Map<string, Tally>>;
  const days = input.days.map((d) => d.day).sort();
  for (const doc of input.days) {
    for (const t of doc.tickets) {
      const f = facts(t, venue);
      total.add(f);
      const keys: Record<ReportGroupBy, string> = { service: t.serviceId, agency: t.agencyId, counter: t.counterId ?? '', officer: t.userId ?? '' };
      for (const g of REPORT_GROUPS) {
        const m = groups[g];
        let tally = m.get(keys[g]);
        if (!tally) m.set(keys[g], (tally = new Tally()));
        tally.add(f);
      }
    }
  }
  const names = namers(input);
  const by = Object.fromEntries(
    REPORT_GROUPS.map((g) => {
      const rows = [...groups[g]].map(([key, tally]) => tally.row(key, names[g](key)));
      return [g, rows.sort((a, b) => order(venue, g, a) - order(venue, g, b) || a.label.localeCompare(b.label))];
    }),
  ) as Record<ReportGroupBy, ReportRow[]>;
  return {
    venueId: venue.id,
    from: input.from,
    to: input.to,
    days,
    timeZone: venue.timeZone,
    timeZoneLabel: venue.timeZoneLabel,
    generatedAt: input.generatedAt,
    total: total.row('', 'Total'),
    by,
  };
}

/**
 * Wait runs from taking the ticket to its first call; for a ticket that arrived by transfer, from
 * the transfer (its queue time is the visitor's first issue, already counted in the first service).
 * Service time runs from "start" to "finish"; when the officer never pressed start, from the call.
 */
function facts(t: Ticket, venue: Venue): Facts {
  const firstCall = t.history.find((e) => e.action === 'called')?.at ?? t.calledAt;
  const waitFrom = t.transferredFrom ? t.issuedAt : t.queuedAt;
  const waitMs = firstCall === null ? null : Math.max(0, firstCall - waitFrom);
  // A booked visitor was promised the slot: checking in early is not waiting.
  const bookedWaitMs = t.booking && !t.transferredFrom && firstCall !== null ? Math.max(0, firstCall - Math.max(t.queuedAt, t.booking.slotAt)) : null;
  let serviceMs: number | null = null;
  if (t.status === 'done' && t.finishedAt !== null) {
    const started = t.history.some((e) => e.action === 'started') ? t.startedAt : t.calledAt;
    if (started !== null) serviceMs = Math.max(0, t.finishedAt - started);
  }
  const target = venue.services.find((s) => s.id === t.serviceId)?.targetWaitMinutes;
  const withinTarget = t.status === 'done' && waitMs !== null && target !== undefined ? waitMs <= target * MINUTE : null;
  return { ticket: t, waitMs, bookedWaitMs, serviceMs, withinTarget, hour: localParts(t.issuedAt, venue.timeZone).hour };
}

function namers(input: ReportInput): Record<ReportGroupBy, (key: string) => string> {
  const v = input.venue;
  const users = new Map(input.users.map((u) => [u.id, u.name]));
  return {
    service: (k) => v.services.find((s) => s.id === k)?.name ?? k,
    agency: (k) => v.agencies.find((a) => a.id === k)?.shortName ?? k,
    counter: (k) => (k ? (v.counters.find((c) => c.id === k)?.name ?? k) : 'Belum dipanggil / Not called'),
    officer: (k) => (k ? (users.get(k) ?? k) : 'Tanpa petugas / No officer'),
  };
}

/** Venue order for what the venue lists; officers alphabetically; the unnamed group last. */
function order(v: Venue, g: ReportGroupBy, row: ReportRow): number {
  if (!row.key) return 1e9;
  const list: { id: string }[] = g === 'service' ? v.services : g === 'agency' ? v.agencies : g === 'counter' ? v.counters : [];
  const i = list.findIndex((x) => x.id === row.key);
  return i < 0 ? 1e6 : i;
}

/** Arithmetic mean; null for no values. */
export function mean(values: number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/** Nearest-rank percentile (p in 0..1): the smallest value with at least p of the values at or below it. */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

function minutes(ms: number | null): number | null {
  return ms === null ? null : Math.round((ms / MINUTE) * 10) / 10;
}
