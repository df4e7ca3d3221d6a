import type { CounterState, PriorityCategory, PublicDevice, QueueInfo, Ticket } from '../contract/domain.js';
import { PRIORITY_LABELS } from '../contract/domain.js';
import type { DayPlan } from '../contract/plan.js';
import type { Alert } from '../contract/reports.js';
import type { Venue } from '../contract/venue.js';

/** What the server's own alert rules read: the day's state as the engine holds it, devices and printers. */
export interface DayAlertInput {
  venue: Pick<Venue, 'services' | 'counters' | 'settings' | 'agencies' | 'timeZone'>;
  plan: DayPlan;
  counters: Iterable<CounterState>;
  /** Tickets called and not yet started. */
  called: Iterable<Ticket>;
  queues: Iterable<QueueInfo>;
  /** The visitor who has waited longest among some services (priority or not). */
  oldestOf: (serviceIds: readonly string[], priorityOnly?: boolean) => Ticket | null;
  devices: Iterable<PublicDevice>;
  printers: Iterable<{ printerId: string; kioskId: string; online: boolean; checkedAt: number | null }>;
  userName: (userId: string) => string | null;
  now: number;
}

const MINUTE = 60000;

/**
 * The alerts only the server can see (it holds the plan, the devices and every ticket):
 *
 * - break_overrun (critical): a counter still on a break settings.breakOverrunMinutes after its
 *   announced return, visitors waiting or not: the silence after lunch.
 * - late_open: a planned counter still closed settings.lateOpenMinutes after its planned start.
 * - called_not_started: a visitor called settings.calledNotStartedMinutes ago and not started.
 * - priority_wait (critical): a lansia, disabilitas or ibu hamil visitor waiting
 *   settings.priorityWaitMinutes or more.
 * - device_offline: a paired kiosk or board unseen for settings.deviceOfflineMinutes, or a
 *   kiosk printer that reports itself offline.
 * - quota_low: a service whose quota has settings.quotaLowShare or less left while it still issues.
 */
export function computeDayAlerts(input: DayAlertInput): Alert[] {
  const { venue, now } = input;
  const s = venue.settings;
  const out: Alert[] = [];
  const cfg = new Map(venue.counters.map((c) => [c.id, c]));
  const planned = new Map(input.plan.counters.map((p) => [p.counterId, p]));
  const oldestText = (t: Ticket | null) => (t ? { number: t.number, priority: t.priority, since: t.queuedAt } : null);
  const counterAlert = (
    counterId: string,
    kind: Alert['kind'],
    severity: Alert['severity'],
    since: number,
    limit: number,
    officer: string | null,
    text: (m: number, who: string) => { id: string; en: string },
  ) => {
    const c = cfg.get(counterId)!;
    const oldest = input.oldestOf(c.serviceIds);
    const minutes = whole(now - since);
    const waiting = [...input.queues].filter((q) => c.serviceIds.includes(q.serviceId)).reduce((n, q) => n + q.waiting, 0);
    const msg = text(minutes, officer ? ` (${officer})` : '');
    out.push({
      id: `${counterId}:${kind}`,
      kind,
      severity,
      serviceId: c.serviceIds[0]!,
      agencyId: c.agencyId,
      floor: c.floor,
      waiting,
      since,
      minutes,
      limitMinutes: limit,
      counterId,
      officer,
      oldest: oldestText(oldest),
      message: withOldest(msg, oldest, waiting),
    });
  };
  for (const cs of input.counters) {
    const c = cfg.get(cs.counterId);
    if (!c) continue;
    const plan = planned.get(c.id);
    const officer = (cs.userId ? input.userName(cs.userId) : null) ?? plan?.officer ?? null;
    if (cs.status === 'break' && cs.breakUntil !== null && now - cs.breakUntil >= s.breakOverrunMinutes * MINUTE) {
      counterAlert(c.id, 'break_overrun', 'critical', cs.breakUntil, s.breakOverrunMinutes, officer, (m, who) => ({
        id: `${c.name}${who}: belum kembali ${m} menit setelah istirahat`,
        en: `${c.name}${who}: not back ${m} min after the break`,
      }));
    }
    if (plan && cs.status === 'closed' && now < plan.until && now - plan.from >= s.lateOpenMinutes * MINUTE) {
      counterAlert(c.id, 'late_open', 'warning', plan.from, s.lateOpenMinutes, officer, (m, who) => ({
        id: `${c.name}${who}: belum buka, terlambat ${m} menit dari jadwal`,
        en: `${c.name}${who}: not open, ${m} min past its planned start`,
      }));
    }
  }
  for (const t of input.called) {
    if (t.status !== 'called' || t.calledAt === null || !t.counterId || now - t.calledAt < s.calledNotStartedMinutes * MINUTE) continue;
    const c = cfg.get(t.counterId);
    if (!c) continue;
    const minutes = whole(now - t.calledAt);
    const officer = t.userId ? input.userName(t.userId) : null;
    out.push({
      id: `${c.id}:called_not_started`,
      kind: 'called_not_started',
      severity: 'warning',
      serviceId: t.serviceId,
      agencyId: t.agencyId,
      floor: c.floor,
      waiting: 0,
      since: t.calledAt,
      minutes,
      limitMinutes: s.calledNotStartedMinutes,
      counterId: c.id,
      officer,
      oldest: oldestText(t),
      message: {
        id: `${c.name}: ${t.number}${label(t.priority, 'id')} dipanggil ${minutes} menit lalu, belum dilayani`,
        en: `${c.name}: ${t.number}${label(t.priority, 'en')} called ${minutes} min ago, not started`,
      },
    });
  }
  for (const q of input.queues) {
    const svc = venue.services.find((x) => x.id === q.serviceId);
    if (!svc) continue;
    const first = q.waitingPriority > 0 ? input.oldestOf([q.serviceId], true) : null;
    if (first && first.priority && now - first.queuedAt >= s.priorityWaitMinutes * MINUTE) {
      const minutes = whole(now - first.queuedAt);
      out.push({
        id: `${q.serviceId}:priority_wait`,
        kind: 'priority_wait',
        severity: 'critical',
        serviceId: q.serviceId,
        agencyId: q.agencyId,
        floor: q.floor,
        waiting: q.waiting,
        since: first.queuedAt,
        minutes,
        limitMinutes: s.priorityWaitMinutes,
        oldest: oldestText(first),
        message: {
          id: `${svc.name}: ${first.number}${label(first.priority, 'id')} sudah menunggu ${minutes} menit`,
          en: `${svc.nameEn ?? svc.name}: ${first.number}${label(first.priority, 'en')} has waited ${minutes} min`,
        },
      });
    }
    if (q.quota !== null && q.quotaLeft !== null && q.quotaLeft > 0 && q.available && q.quotaLeft <= q.quota * s.quotaLowShare) {
      out.push({
        id: `${q.serviceId}:quota_low`,
        kind: 'quota_low',
        severity: 'warning',
        serviceId: q.serviceId,
        agencyId: q.agencyId,
        floor: q.floor,
        waiting: q.waiting,
        since: null,
        minutes: 0,
        limitMinutes: null,
        message: {
          id: `${svc.name}: kuota tinggal ${q.quotaLeft} dari ${q.quota}`,
          en: `${svc.nameEn ?? svc.name}: ${q.quotaLeft} of ${q.quota} tickets left today`,
        },
      });
    }
  }
  for (const d of input.devices) {
    if (!d.paired || (d.kind !== 'kiosk' && d.kind !== 'display') || d.online) continue;
    const since = d.lastSeenAt ?? d.createdAt;
    if (now - since < s.deviceOfflineMinutes * MINUTE) continue;
    const minutes = whole(now - since);
    const what = d.kind === 'kiosk' ? { id: 'Kios', en: 'Kiosk' } : { id: 'Layar', en: 'Board' };
    out.push({
      id: `${d.id}:device_offline`,
      kind: 'device_offline',
      severity: 'warning',
      serviceId: '',
      agencyId: '',
      floor: d.floor ?? 0,
      waiting: 0,
      since,
      minutes,
      limitMinutes: s.deviceOfflineMinutes,
      deviceId: d.id,
      message: { id: `${what.id} ${d.name} tidak terhubung sejak ${minutes} menit`, en: `${what.en} ${d.name} offline for ${minutes} min` },
    });
  }
  for (const p of input.printers) {
    if (p.online) continue;
    out.push({
      id: `${p.printerId}:device_offline`,
      kind: 'device_offline',
      severity: 'warning',
      serviceId: '',
      agencyId: '',
      floor: 0,
      waiting: 0,
      since: p.checkedAt,
      minutes: p.checkedAt === null ? 0 : whole(now - p.checkedAt),
      limitMinutes: null,
      deviceId: p.printerId,
      message: { id: `Printer kios ${p.kioskId} tidak siap`, en: `The printer of kiosk ${p.kioskId} is not ready` },
    });
  }
  return out;
}

/** Names the visitor waiting longest, and says when they are elderly, disabled or pregnant. */
export function withOldest(msg: { id: string; en: string }, t: Ticket | null, waiting: number): { id: string; en: string } {
  if (!t || waiting <= 0) return msg;
  return {
    id: `${msg.id}; ${waiting} menunggu, terlama ${t.number}${label(t.priority, 'id')}`,
    en: `${msg.en}; ${waiting} waiting, longest ${t.number}${label(t.priority, 'en')}`,
  };
}

function label(p: PriorityCategory | null, lang: 'id' | 'en'): string {
  return p ? ` (${PRIORITY_LABELS[p][lang].toLowerCase()})` : '';
}

function whole(ms: number): number {
  return Math.max(0, Math.floor(ms / MINUTE));
}
