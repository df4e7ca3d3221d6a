import type { AlertRecord } from './alert-records.js';

/** One line of the day's accountability record: a counter, an officer, an agency, or the building. */
export interface AccountabilityRow {
  kind: 'counter' | 'officer' | 'agency' | 'total';
  key: string;
  label: string;
  agencyId: string | null;
  /** Counter rows: who was signed in there; officer rows: their counters. */
  with: string[];
  plannedOpen: number | null;
  actualOpen: number | null;
  firstCall: number | null;
  /** Minutes the first opening came after the planned one (or, never opened, after it until now). */
  lateOpenMinutes: number | null;
  /** Minutes before the planned end a counter closed for the day. */
  earlyCloseMinutes: number | null;
  openMinutes: number;
  /** Minutes on a break, per reason ("Istirahat", "Salat Jumat", "Ke toilet"). */
  breakMinutes: Record<string, number>;
  /** Minutes a counter was open with nobody at its desk while visitors of its services waited. */
  idleWhileWaitingMinutes: number;
  calls: number;
  served: number;
  noShows: number;
  transfers: number;
  longestWaitMinutes: number | null;
  alerts: number;
  alertsAcked: number;
}

/** GET /api/accountability?day=YYYY-MM-DD */
export interface AccountabilityReport {
  venueId: string;
  venueName: string;
  day: string;
  timeZone: string;
  timeZoneLabel: string;
  generatedAt: number;
  counters: AccountabilityRow[];
  officers: AccountabilityRow[];
  agencies: AccountabilityRow[];
  total: AccountabilityRow;
  alerts: AlertRecord[];
}
