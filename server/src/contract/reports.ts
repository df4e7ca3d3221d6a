import { z } from 'zod';
import type { LocalizedText } from './errors.js';
import type { PriorityCategory } from './domain.js';
import type { Venue } from './venue.js';

/** Why a supervisor should look at a service now. */
export const ALERT_KINDS = [
  'waiting_no_counter',
  'idle_queue',
  'wait_over_target',
  'break_overrun',
  'late_open',
  'called_not_started',
  'priority_wait',
  'device_offline',
  'quota_low',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** One alert on the supervisor's monitor; computed from live state, never stored. */
export interface Alert {
  /** Stable per service and kind, for React keys and de-duplication. */
  id: string;
  kind: AlertKind;
  severity: 'critical' | 'warning';
  serviceId: string;
  agencyId: string;
  floor: number;
  waiting: number;
  /** Epoch ms the condition is measured from (oldest wait, last call). */
  since: number | null;
  /** Whole minutes since `since`. */
  minutes: number;
  /** The threshold crossed, in minutes (idle or target wait), when there is one. */
  limitMinutes: number | null;
  message: LocalizedText;
  /** The counter concerned (break overrun, late opening, a call not started). */
  counterId?: string | null;
  /** The officer concerned: at the counter, else the one the roster names. */
  officer?: string | null;
  /** The visitor waiting longest among those concerned, and whether they are a priority visitor. */
  oldest?: { number: string; priority: PriorityCategory | null; since: number } | null;
  /** The device concerned (offline). */
  deviceId?: string | null;
}

export interface AlertsResponse {
  now: number;
  alerts: Alert[];
}

/** How a report groups tickets. */
export const REPORT_GROUPS = ['service', 'agency', 'counter', 'officer'] as const;
export type ReportGroupBy = (typeof REPORT_GROUPS)[number];

/** The figures of one group (or of everything) over the report's days. */
export interface ReportRow {
  /** Service, agency, counter or user id; '' for tickets no counter or officer ever called. */
  key: string;
  label: string;
  /** Tickets taken at a kiosk or by staff (transfers in excluded). */
  issued: number;
  /** Of those, visitors who booked online and checked in (the rest are walk-ins). */
  booked: number;
  /** Tickets that arrived here by a transfer from another service. */
  transferredIn: number;
  served: number;
  noShow: number;
  /** Tickets sent on to another service. */
  transferred: number;
  expired: number;
  /** Still waiting, called, serving or held (only today's report has these). */
  inProgress: number;
  /** Minutes from taking the ticket (or arriving by transfer) to the first call. */
  waitMeanMinutes: number | null;
  waitP90Minutes: number | null;
  /** Booked visitors' wait from their slot (or from check-in, when later) to the first call. */
  bookedWaitMeanMinutes: number | null;
  /** Minutes from start to finish of served tickets. */
  serviceMeanMinutes: number | null;
  serviceP90Minutes: number | null;
  /** Share (0..1) of served tickets whose wait was within the service's target wait. */
  withinTargetShare: number | null;
  /** Issued tickets per local hour of the day, index 0..23. */
  perHour: number[];
}

export interface Report {
  venueId: string;
  from: string;
  to: string;
  /** Days in the range that hold data. */
  days: string[];
  timeZone: string;
  timeZoneLabel: string;
  generatedAt: number;
  total: ReportRow;
  by: Record<ReportGroupBy, ReportRow[]>;
  /** How visits ended per service, and which requirement sent people home how often. */
  outcomes?: OutcomeRow[];
}

export interface OutcomeRow {
  serviceId: string;
  label: string;
  selesai: number;
  berkas_tidak_lengkap: number;
  dirujuk: number;
  ditolak: number;
  /** Requirement text -> times it was missing, most often first. */
  missing: { requirement: string; count: number }[];
}

/** Longest range one report may cover, in days. */
export const REPORT_MAX_DAYS = 92;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(isRealDay, 'is not a calendar date');

/** ?from=YYYY-MM-DD&to=YYYY-MM-DD (to defaults to from); at most REPORT_MAX_DAYS days. */
export const reportRangeQuery = z
  .strictObject({ from: isoDay, to: isoDay.optional() })
  .transform((q) => ({ from: q.from, to: q.to ?? q.from }))
  .superRefine(checkRange);

/** The CSV download adds which grouping to write. */
export const reportCsvQuery = z
  .strictObject({ from: isoDay, to: isoDay.optional(), by: z.enum(REPORT_GROUPS).default('service') })
  .transform((q) => ({ from: q.from, to: q.to ?? q.from, by: q.by }))
  .superRefine(checkRange);

export type ReportRangeQuery = z.infer<typeof reportRangeQuery>;
export type ReportCsvQuery = z.infer<typeof reportCsvQuery>;

/** GET /api/venue/raw: everything the editor needs, printers included. */
export interface VenueRawResponse {
  version: number;
  venue: Venue;
}

/** PUT /api/venue answer: the edit is saved and live under this version. */
export interface VenueSaveResponse {
  version: number;
}

function checkRange(q: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  else if (daysBetween(q.from, q.to) + 1 > REPORT_MAX_DAYS)
    ctx.addIssue({ code: 'custom', path: ['to'], message: `the range may cover at most ${REPORT_MAX_DAYS} days` });
}

function isRealDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return true; // the format check speaks for it
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000);
}
