import type { LocalizedText } from './errors.js';
import type { Alert } from './reports.js';

/** One alert as it is kept: when it began, who acknowledged it and when, when it ended. */
export interface AlertRecord {
  /** Unique per occurrence: the alert's id and when it began. */
  id: string;
  /** The alert's stable id (service or counter and kind): the same condition again is a new record. */
  key: string;
  kind: Alert['kind'];
  severity: Alert['severity'];
  serviceId: string;
  agencyId: string;
  counterId: string | null;
  officer: string | null;
  oldest: Alert['oldest'];
  /** The message as it last read (minutes grow while the alert lasts). */
  message: LocalizedText;
  begunAt: number;
  endedAt: number | null;
  ackAt: number | null;
  ackBy: string | null;
  ackByName: string | null;
}

/** Pushed to supervisors on every change and answered by GET /api/alerts/active. */
export interface AlertsLive {
  now: number;
  day: string;
  active: AlertRecord[];
}

/** GET /api/alerts/history?day=YYYY-MM-DD */
export interface AlertHistory {
  day: string;
  records: AlertRecord[];
}
