import type { PublicCounter, QueueInfo } from '../contract/domain.js';
import type { Alert } from '../contract/reports.js';
import type { Venue } from '../contract/venue.js';

/** What alerts are computed from: exactly what a staff screen holds after snapshot + deltas. */
export interface AlertInput {
  venue: Pick<Venue, 'services' | 'counters' | 'settings'>;
  queues: Iterable<QueueInfo>;
  counters: Iterable<PublicCounter>;
  now: number;
}

const MINUTE = 60000;

/**
 * The supervisor's alerts, from live state alone, so the server (GET /api/alerts) and the
 * monitor (recomputing on every delta and clock tick) always agree. Pure: no clock, no I/O.
 *
 * - waiting_no_counter: visitors wait and no counter serving the service is open or on a break.
 * - idle_queue: visitors wait and nobody was called for settings.idleAlertMinutes, counted from
 *   the later of the last call and the oldest waiting ticket. Not raised while every counter of
 *   the service is on a break that has not yet run past its announced return time.
 * - wait_over_target: the oldest waiting ticket has waited longer than the service's target wait.
 */
export function computeAlerts(input: AlertInput): Alert[] {
  const { venue, now } = input;
  const counterState = new Map<string, PublicCounter>();
  for (const c of input.counters) counterState.set(c.counterId, c);
  const idleLimit = venue.settings.idleAlertMinutes;
  const out: Alert[] = [];
  for (const q of input.queues) {
    if (q.waiting <= 0) continue;
    const svc = venue.services.find((s) => s.id === q.serviceId);
    if (!svc) continue;
    const name = { id: svc.name, en: svc.nameEn ?? svc.name };
    const base = { serviceId: q.serviceId, agencyId: q.agencyId, floor: q.floor, waiting: q.waiting };
    const staffed = venue.counters
      .filter((c) => c.serviceIds.includes(q.serviceId))
      .map((c) => counterState.get(c.id))
      .filter((c): c is PublicCounter => !!c && c.status !== 'closed');
    const oldest = q.oldestWaitingSince;
    if (staffed.length === 0) {
      out.push({
        ...base,
        id: `${q.serviceId}:waiting_no_counter`,
        kind: 'waiting_no_counter',
        severity: 'critical',
        since: oldest,
        minutes: oldest === null ? 0 : wholeMinutes(now - oldest),
        limitMinutes: null,
        message: {
          id: `${name.id}: ${q.waiting} orang menunggu, tidak ada loket yang buka`,
          en: `${name.en}: ${q.waiting} waiting and no counter open`,
        },
      });
    } else {
      const since = Math.max(q.lastCallAt ?? -Infinity, oldest ?? -Infinity);
      const pausedAsAnnounced = staffed.every((c) => c.status === 'break' && (c.breakUntil ?? 0) > now);
      if (Number.isFinite(since) && now - since >= idleLimit * MINUTE && !pausedAsAnnounced) {
        const minutes = wholeMinutes(now - since);
        out.push({
          ...base,
          id: `${q.serviceId}:idle_queue`,
          kind: 'idle_queue',
          severity: 'warning',
          since,
          minutes,
          limitMinutes: idleLimit,
          message: {
            id: `${name.id}: tidak ada panggilan selama ${minutes} menit (${q.waiting} menunggu)`,
            en: `${name.en}: no call for ${minutes} min (${q.waiting} waiting)`,
          },
        });
      }
    }
    if (oldest !== null && now - oldest > svc.targetWaitMinutes * MINUTE) {
      const minutes = wholeMinutes(now - oldest);
      out.push({
        ...base,
        id: `${q.serviceId}:wait_over_target`,
        kind: 'wait_over_target',
        severity: 'warning',
        since: oldest,
        minutes,
        limitMinutes: svc.targetWaitMinutes,
        message: {
          id: `${name.id}: antrean terlama sudah menunggu ${minutes} menit (target ${svc.targetWaitMinutes} menit)`,
          en: `${name.en}: the oldest ticket has waited ${minutes} min (target ${svc.targetWaitMinutes} min)`,
        },
      });
    }
  }
  return out.sort((a, b) => rank(a) - rank(b) || b.minutes - a.minutes || a.id.localeCompare(b.id));
}

function rank(a: Alert): number {
  return a.severity === 'critical' ? 0 : 1;
}

function wholeMinutes(ms: number): number {
  return Math.max(0, Math.floor(ms / MINUTE));
}
