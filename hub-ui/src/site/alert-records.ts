import type { Alert, AlertRecord } from '@antre/server/contract';
import { alertOrder } from '../sites/trouble';

/**
 * A site's live alerts as the supervisor's alerts panel takes them. The hub gets the alerts
 * computed now, not the site's kept records: an alert began `since` (or `minutes` before the
 * summary, when it has no `since`), and nobody acknowledges it from the hub.
 */
export function alertRecordsOf(alerts: Alert[], summaryAt: number): AlertRecord[] {
  return [...alerts].sort(alertOrder).map((a) => ({
    id: a.id,
    key: a.id,
    kind: a.kind,
    severity: a.severity,
    serviceId: a.serviceId,
    agencyId: a.agencyId,
    counterId: a.counterId ?? null,
    officer: a.officer ?? null,
    oldest: a.oldest ?? null,
    message: a.message,
    begunAt: a.since ?? summaryAt - a.minutes * 60_000,
    endedAt: null,
    ackAt: null,
    ackBy: null,
    ackByName: null,
  }));
}
