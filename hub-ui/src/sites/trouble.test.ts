import { describe, expect, it } from 'vitest';
import type { Alert, HubNotice, HubSiteLive, HubSiteSummary } from '@antre/server/contract';
import { OFFLINE_AFTER_MS, SKEW_WARN_MS, TROUBLE, provinceTotals, siteHealth, sortByTrouble } from './trouble';

const NOW = Date.UTC(2026, 11, 2, 2, 0, 0);

function alert(kind: Alert['kind'], severity: Alert['severity'], minutes: number): Alert {
  return {
    id: `svc:${kind}`,
    kind,
    severity,
    serviceId: 'svc',
    agencyId: 'ag',
    floor: 1,
    waiting: 3,
    since: NOW - minutes * 60_000,
    minutes,
    limitMinutes: 30,
    message: { id: `${kind} ${minutes}`, en: `${kind} ${minutes}` },
  };
}

function live(over: Partial<HubSiteLive> = {}): HubSiteLive {
  return {
    day: '2026-12-02',
    waiting: 2,
    serving: 1,
    countersOpen: 3,
    countersTotal: 4,
    issued: 40,
    served: 30,
    noShow: 1,
    medianWaitMinutes: 6,
    alerts: [],
    counters: [],
    ...over,
  };
}

function site(siteId: string, over: Partial<HubSiteSummary> = {}): HubSiteSummary {
  return {
    siteId,
    name: siteId,
    region: 'Luwu',
    status: 'active',
    lastSeenAt: NOW - 2000,
    lagSeconds: 1,
    clockSkewMs: 300,
    nextSeq: 10,
    live: live(),
    notices: [],
    configVersion: { site: 0, hub: 0 },
    ...over,
  };
}

describe("a site's health", () => {
  it('is offline once silent past the limit, and never seen counts as offline', () => {
    expect(siteHealth(site('a', { lastSeenAt: NOW - OFFLINE_AFTER_MS }), NOW).offline).toBe(false);
    expect(siteHealth(site('a', { lastSeenAt: NOW - OFFLINE_AFTER_MS - 1 }), NOW).offline).toBe(true);
    const never = siteHealth(site('a', { lastSeenAt: null, live: null }), NOW);
    expect([never.offline, never.neverSeen, never.level]).toEqual([true, true, TROUBLE.offline]);
  });

  it('puts critical alerts first, the longest standing first', () => {
    const h = siteHealth(
      site('a', {
        live: live({ alerts: [alert('wait_over_target', 'warning', 50), alert('idle_queue', 'critical', 32), alert('waiting_no_counter', 'critical', 40)] }),
      }),
      NOW,
    );
    expect(h.alerts.map((a) => `${a.severity}:${a.minutes}`)).toEqual(['critical:40', 'critical:32', 'warning:50']);
    expect([h.critical, h.level]).toEqual([2, TROUBLE.critical]);
  });

  it('sees a clock off past the limit, recent notices, and a revoked credential', () => {
    expect(siteHealth(site('a', { clockSkewMs: -SKEW_WARN_MS - 1 }), NOW)).toMatchObject({ skewBad: true, level: TROUBLE.notice });
    const notice: HubNotice = { kind: 'sequence_back', siteId: 'a', at: NOW - 60_000, message: { id: 'x', en: 'x' } };
    const old: HubNotice = { ...notice, at: NOW - 2 * 24 * 3600_000 };
    expect(siteHealth(site('a', { notices: [notice] }), NOW).level).toBe(TROUBLE.notice);
    expect(siteHealth(site('a', { notices: [old] }), NOW).level).toBe(TROUBLE.fine);
    expect(siteHealth(site('a', { status: 'revoked', lastSeenAt: NOW - 3600_000 }), NOW)).toMatchObject({
      revoked: true,
      offline: false,
      level: TROUBLE.revoked,
    });
  });
});

describe('the all-sites order', () => {
  it('puts the site with a critical alert first, then the offline one, then warnings, notices, fine by name', () => {
    const sites = [
      site('fine-b'),
      site('fine-a'),
      site('warned', { live: live({ alerts: [alert('wait_over_target', 'warning', 20)] }) }),
      site('gone', { lastSeenAt: NOW - 5 * 60_000 }),
      site('skewed', { clockSkewMs: 5 * 60_000 }),
      site('stuck', { live: live({ waiting: 14, alerts: [alert('idle_queue', 'critical', 32)] }) }),
      site('stuck-longer', { live: live({ waiting: 3, alerts: [alert('idle_queue', 'critical', 45)] }) }),
    ];
    expect(sortByTrouble(sites, NOW).map((s) => s.site.siteId)).toEqual(['stuck-longer', 'stuck', 'gone', 'warned', 'skewed', 'fine-a', 'fine-b']);
  });
});

describe('province totals', () => {
  it('add up only online sites for the live figures and only today for issued and served', () => {
    const sites = [
      site('a', {
        live: live({ waiting: 14, serving: 2, countersOpen: 3, countersTotal: 8, issued: 100, served: 80, alerts: [alert('idle_queue', 'critical', 32)] }),
      }),
      site('b', { live: live({ waiting: 1, serving: 1, countersOpen: 2, countersTotal: 2, issued: 10, served: 9 }) }),
      site('offline-today', { lastSeenAt: NOW - 60_000, live: live({ waiting: 99, issued: 7, served: 5 }) }),
      site('offline-yesterday', { lastSeenAt: NOW - 20 * 3600_000, live: live({ day: '2026-12-01', waiting: 50, issued: 500, served: 400 }) }),
    ];
    expect(provinceTotals(sites, NOW)).toEqual({
      sites: 4,
      online: 2,
      waiting: 15,
      serving: 3,
      countersOpen: 5,
      countersTotal: 10,
      issued: 117,
      served: 94,
      criticalAlerts: 1,
      sitesInTrouble: 3,
    });
  });
});
