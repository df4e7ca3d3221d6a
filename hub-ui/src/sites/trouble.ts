import type { Alert, HubNotice, HubSiteSummary } from '@antre/server/contract';

/** A site silent for longer than this is shown offline: it sends a heartbeat every 2 s by default. */
export const OFFLINE_AFTER_MS = 30_000;
/** A site clock further off the hub's than this makes its times (waits, calls) untrustworthy; the hub's clock-skew notice uses the same limit. */
export const SKEW_WARN_MS = 2 * 60_000;
/** Events applied later than this after they happened: the feed is falling behind. */
export const LAG_WARN_SECONDS = 60;
/** Notices older than this are still listed on the site's page but no longer rank it as in trouble. */
export const NOTICE_FRESH_MS = 24 * 60 * 60_000;

/** How bad a site looks, from worst to fine; the all-sites page sorts by it. */
export const TROUBLE = { critical: 5, offline: 4, warning: 3, notice: 2, revoked: 1, fine: 0 } as const;
export type TroubleLevel = (typeof TROUBLE)[keyof typeof TROUBLE];

export interface SiteHealth {
  /** Active, and silent past OFFLINE_AFTER_MS (or never seen). */
  offline: boolean;
  neverSeen: boolean;
  revoked: boolean;
  /** Live alerts, critical ones first, the longest-standing first within a severity. */
  alerts: Alert[];
  critical: number;
  skewBad: boolean;
  lagBad: boolean;
  /** Notices of the last day, newest first. */
  notices: HubNotice[];
  level: TroubleLevel;
}

/** Critical before warning, then the one standing longest (most minutes) first. */
export function alertOrder(a: Alert, b: Alert): number {
  if (a.severity !== b.severity) return a.severity === 'critical' ? -1 : 1;
  return b.minutes - a.minutes;
}

/**
 * What a person must see about one site now (`now` on the hub's clock):
 * - critical: an online site reports a critical alert (visitors wait and nobody is served);
 * - offline: an active site has sent nothing, not even a heartbeat, for OFFLINE_AFTER_MS;
 * - warning: an online site reports warnings;
 * - notice: a recent hub notice (sequence back, gap, clock skew...), a clock off by more than
 *   SKEW_WARN_MS or a feed lagging more than LAG_WARN_SECONDS;
 * - revoked: the site's credential was revoked on purpose;
 * - fine otherwise.
 */
export function siteHealth(site: HubSiteSummary, now: number): SiteHealth {
  const revoked = site.status === 'revoked';
  const neverSeen = site.lastSeenAt === null;
  const offline = !revoked && (site.lastSeenAt === null || now - site.lastSeenAt > OFFLINE_AFTER_MS);
  const alerts = [...(site.live?.alerts ?? [])].sort(alertOrder);
  const critical = alerts.filter((a) => a.severity === 'critical').length;
  const skewBad = site.clockSkewMs !== null && Math.abs(site.clockSkewMs) > SKEW_WARN_MS;
  const lagBad = site.lagSeconds !== null && site.lagSeconds > LAG_WARN_SECONDS;
  const notices = site.notices.filter((n) => now - n.at <= NOTICE_FRESH_MS).sort((a, b) => b.at - a.at);
  let level: TroubleLevel = TROUBLE.fine;
  if (revoked) level = TROUBLE.revoked;
  else if (!offline && critical > 0) level = TROUBLE.critical;
  else if (offline) level = TROUBLE.offline;
  else if (alerts.length > 0) level = TROUBLE.warning;
  else if (notices.length > 0 || skewBad || lagBad) level = TROUBLE.notice;
  return { offline, neverSeen, revoked, alerts, critical, skewBad, lagBad, notices, level };
}

/** Minutes of the worst alert, to order sites of the same level: the longest standstill first. */
function worstMinutes(h: SiteHealth): number {
  return h.alerts[0]?.minutes ?? 0;
}

/** Sites with trouble first (by level, then the longest alert, then most waiting), then by name. */
export function sortByTrouble(sites: HubSiteSummary[], now: number): { site: HubSiteSummary; health: SiteHealth }[] {
  return sites
    .map((site) => ({ site, health: siteHealth(site, now) }))
    .sort(
      (a, b) =>
        b.health.level - a.health.level ||
        worstMinutes(b.health) - worstMinutes(a.health) ||
        (b.site.live?.waiting ?? 0) - (a.site.live?.waiting ?? 0) ||
        a.site.name.localeCompare(b.site.name, 'id'),
    );
}

export interface ProvinceTotals {
  sites: number;
  online: number;
  waiting: number;
  serving: number;
  countersOpen: number;
  countersTotal: number;
  issued: number;
  served: number;
  criticalAlerts: number;
  sitesInTrouble: number;
}

/**
 * Every site added up. Only sites online now count towards the live figures (waiting, serving,
 * counters): an offline site's last summary is not the present. Today's issued and served add
 * up every site's last summary of today, today being the newest service day an online site is on
 * (a site offline since yesterday adds nothing to today).
 */
export function provinceTotals(sites: HubSiteSummary[], now: number): ProvinceTotals {
  let today: string | null = null;
  for (const site of sites) {
    const day = site.live?.day;
    if (day && !siteHealth(site, now).offline && (today === null || day > today)) today = day;
  }
  const t: ProvinceTotals = {
    sites: sites.length,
    online: 0,
    waiting: 0,
    serving: 0,
    countersOpen: 0,
    countersTotal: 0,
    issued: 0,
    served: 0,
    criticalAlerts: 0,
    sitesInTrouble: 0,
  };
  for (const site of sites) {
    const h = siteHealth(site, now);
    if (h.level >= TROUBLE.notice) t.sitesInTrouble += 1;
    const live = site.live;
    if (live && live.day === today) {
      t.issued += live.issued;
      t.served += live.served;
    }
    if (h.offline || h.revoked || !live) continue;
    t.online += 1;
    t.waiting += live.waiting;
    t.serving += live.serving;
    t.countersOpen += live.countersOpen;
    t.countersTotal += live.countersTotal;
    t.criticalAlerts += h.critical;
  }
  return t;
}
