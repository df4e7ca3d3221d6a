// What a site sends the hub, built the way a site's feed builds it: tickets, SKM answers and a
// live summary of one service day, for the hub pages' browser test.
import type { Alert, HubBatch, HubEvent, HubSiteLive, PublicCounter, PublicVenue, SurveyRecord, Ticket } from '@antre/server/contract';
import { localDay, SKM_PROFILE_FIELDS, type SurveyProfile } from '@antre/server/contract';
import { loadVenueFile, DEFAULT_VENUE_PATH } from '../../server/src/venue/load-venue.ts';
import { publicVenue } from '../../server/src/http/routes/public.ts';

const MIN = 60_000;
export const TZ = 'Asia/Makassar';

/** The built-in venue (MPP Simpurusiang) as a site sends it, under another id and name if asked. */
export function siteVenue(id: string, name: string): PublicVenue {
  return { ...publicVenue(loadVenueFile(DEFAULT_VENUE_PATH), 1), id, name };
}

/** One ticket of the day in the state the site holds it. */
export function ticket(
  day: string,
  n: number,
  serviceId: string,
  agencyId: string,
  status: Ticket['status'],
  issuedAt: number,
  counterId: string | null = null,
): Ticket {
  const called = status === 'waiting' ? null : issuedAt + 10 * MIN;
  return {
    id: `t_${day}_${n}`,
    day,
    number: `A-${String(n).padStart(3, '0')}`,
    seq: n,
    serviceId,
    agencyId,
    priority: null,
    status,
    issuedAt,
    queuedAt: issuedAt,
    targetCounterId: null,
    counterId: status === 'waiting' ? null : counterId,
    userId: null,
    calledAt: called,
    startedAt: status === 'serving' || status === 'done' ? called : null,
    finishedAt: status === 'done' ? called! + 8 * MIN : null,
    recalls: 0,
    transferredFrom: null,
    transferredTo: null,
    note: null,
    source: { kind: 'kiosk', id: 'kiosk-1' },
    history: [],
  };
}

/** One SKM answer (nine scores 1..4) for a finished ticket. */
export function survey(t: Ticket, scores: number[]): SurveyRecord {
  return {
    v: 1,
    id: `s_${t.id}`,
    ticketId: t.id,
    day: t.day,
    at: t.finishedAt ?? t.issuedAt,
    agencyId: t.agencyId,
    serviceId: t.serviceId,
    counterId: t.counterId,
    officerId: null,
    floor: 1,
    waitMinutes: 10,
    scores,
    comment: null,
    profile: Object.fromEntries(SKM_PROFILE_FIELDS.map((f) => [f, null])) as SurveyProfile,
    channel: 'tablet',
    deviceId: null,
  };
}

/** The feed events of a day's tickets and answers, numbered from `fromSeq`, as the site's feed keys them. */
export function feedEvents(fromSeq: number, at: number, tickets: Ticket[], surveys: SurveyRecord[]): HubEvent[] {
  const items = [
    ...tickets.map((t) => ({ kind: 'ticket' as const, key: `ticket:${t.day}:${t.id}`, day: t.day, data: t })),
    ...surveys.map((s) => ({ kind: 'survey' as const, key: `survey:${s.day}:${s.id}`, day: s.day, data: s })),
  ];
  return items.map((it, i) => ({ seq: fromSeq + i, at, ...it }));
}

/** Yesterday's accountability row of one counter, as the site sends it once the day has ended. */
export function counterRowEvent(seq: number, at: number, day: string, counterId: string, label: string): HubEvent {
  const row = {
    type: 'row',
    day,
    kind: 'counter',
    key: counterId,
    label,
    agencyId: 'dukcapil',
    with: ['petugas1'],
    plannedOpen: null,
    actualOpen: null,
    firstCall: null,
    lateOpenMinutes: 12,
    earlyCloseMinutes: null,
    openMinutes: 400,
    breakMinutes: {},
    idleWhileWaitingMinutes: 35,
    calls: 41,
    served: 38,
    noShows: 3,
    transfers: 0,
    longestWaitMinutes: 52,
    alerts: 2,
    alertsAcked: 1,
  };
  return { seq, at, day, kind: 'accountability', key: `accountability:${day}:counter:${counterId}`, data: row };
}

/** A critical alert: visitors wait and nobody has been called for `minutes`. */
export function noCallAlert(venue: PublicVenue, serviceId: string, waiting: number, minutes: number, now: number): Alert {
  const svc = venue.services.find((s) => s.id === serviceId)!;
  return {
    id: `${serviceId}:idle_queue`,
    kind: 'idle_queue',
    severity: 'critical',
    serviceId,
    agencyId: svc.agencyId,
    floor: 1,
    waiting,
    since: now - minutes * MIN,
    minutes,
    limitMinutes: 30,
    message: {
      id: `${svc.name}: tidak ada panggilan selama ${minutes} menit (${waiting} menunggu)`,
      en: `${svc.name}: no call for ${minutes} min (${waiting} waiting)`,
    },
  };
}

/** The counters of floor 1 open (idle since `lastCallAt`), one serving `serving`, the rest closed. */
export function counterStates(venue: PublicVenue, open: number, lastCallAt: number, serving: Ticket | null): PublicCounter[] {
  return venue.counters.map((c, i) => ({
    counterId: c.id,
    status: i < open ? 'open' : 'closed',
    since: lastCallAt - 60 * MIN,
    breakReason: null,
    breakUntil: null,
    lastCallAt: i < open ? lastCallAt : null,
    ticket:
      i === 0 && serving
        ? { id: serving.id, number: serving.number, serviceId: serving.serviceId, status: 'serving', calledAt: serving.calledAt, booked: false }
        : null,
  }));
}

/** The live summary a site sends with every batch, counted from its tickets. */
export function liveOf(day: string, tickets: Ticket[], counters: PublicCounter[], alerts: Alert[], medianWaitMinutes: number | null): HubSiteLive {
  const count = (s: Ticket['status']) => tickets.filter((t) => t.status === s).length;
  return {
    day,
    waiting: count('waiting'),
    serving: count('serving'),
    countersOpen: counters.filter((c) => c.status === 'open').length,
    countersTotal: counters.length,
    issued: tickets.length,
    served: count('done'),
    noShow: count('no_show'),
    medianWaitMinutes,
    alerts,
    counters,
  };
}

/** A batch as the site's sender posts it. */
export function batch(siteId: string, fromSeq: number, events: HubEvent[], live: HubSiteLive, sentAt: number, venue?: PublicVenue): HubBatch {
  return { siteId, feedId: `feed-${siteId}`, fromSeq, events, sentAt, configVersion: 0, live, ...(venue ? { venue } : {}) };
}

/** The service day (WITA) of an instant. */
export function dayOf(t: number): string {
  return localDay(t, TZ);
}
