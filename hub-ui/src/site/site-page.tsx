import { addDays, localDay, type HubSiteSummary, type PublicCounter, type PublicVenue } from '@antre/server/contract';
import { ApiError, errorText } from '@antre/counter-ui/shared/api';
import { pick, type Lang } from '@antre/counter-ui/shared/i18n';
import { AlertsPanel } from '@antre/counter-ui/supervisor/alerts-panel';
import { CounterTiles } from '@antre/counter-ui/supervisor/counter-tiles';
import { minutesText } from '@antre/counter-ui/supervisor/format';
import { Bilingual } from '@antre/counter-ui/supervisor/staff-frame';
import { HubStatus, HubTopBar, type HubPageProps } from '../frame';
import { HUB_TZ, hubTime, seenText, skewText, spanText } from '../shared/format';
import { useAccountability, useHubNow, useNotices, useSiteDetail, useSites } from '../shared/queries';
import { siteHealth } from '../sites/trouble';
import { H, NOTICE_KIND } from '../texts';
import { AccountabilityList } from './accountability-list';
import { alertRecordsOf } from './alert-records';

/** Accountability records of this many days up to today (a day's rows arrive when it ends). */
const ACCOUNTABILITY_DAYS = 7;

/** One site: its alerts, its counters per floor (the supervisor's tiles), notices, accountability. */
export function SitePage(props: HubPageProps & { siteId: string }) {
  const { session, lang, siteId } = props;
  const sites = useSites(session.token);
  const detail = useSiteDetail(session.token, siteId);
  const notices = useNotices(session.token, siteId);
  const now = useHubNow(sites.data?.now, sites.dataUpdatedAt, sites.isError);
  const today = localDay(now, HUB_TZ);
  const acc = useAccountability(session.token, siteId, addDays(today, -(ACCOUNTABILITY_DAYS - 1)), today);
  // The live part comes with the 3-second poll of every site; the venue with the slower detail.
  const site: HubSiteSummary | undefined = sites.data?.sites.find((s) => s.siteId === siteId) ?? detail.data;
  const venue = detail.data?.venue ?? null;
  const status = <HubStatus failing={sites.isError && !!sites.data} lastAt={sites.data?.now ?? 0} lang={lang} timeText={hubTime} />;
  const notFound = detail.error instanceof ApiError && detail.error.status === 404;
  return (
    <div className="sv">
      <HubTopBar {...props} route={{ page: 'site', siteId }} status={status} />
      <main className="hub-main">
        <a href="#/" className="sv-link">
          {pick(H.back, lang)}
        </a>
        {notFound && (
          <p className="sv-note sv-note--error" role="alert">
            {pick(H.siteNotFound, lang)}
          </p>
        )}
        {!site &&
          !notFound &&
          (detail.isError ? (
            <p className="sv-note sv-note--error" role="alert">
              <Bilingual text={errorText(detail.error)} lang={lang} />
            </p>
          ) : (
            <p className="sv-loading">{pick(H.loading, lang)}</p>
          ))}
        {site && (
          <SiteView site={site} venue={venue} now={now} lang={lang} noticesList={notices.data?.notices} acc={acc.data?.rows} accLoading={acc.isLoading} />
        )}
      </main>
    </div>
  );
}

function SiteView({
  site,
  venue,
  now,
  lang,
  noticesList,
  acc,
  accLoading,
}: {
  site: HubSiteSummary;
  venue: PublicVenue | null;
  now: number;
  lang: Lang;
  noticesList: HubSiteSummary['notices'] | undefined;
  acc: unknown[] | undefined;
  accLoading: boolean;
}) {
  const health = siteHealth(site, now);
  const live = site.live;
  // The counters' times are the site's: its "now" is the hub's plus the site's clock skew.
  const siteNow = now + (site.clockSkewMs ?? 0);
  const counters = new Map<string, PublicCounter>((live?.counters ?? []).map((c) => [c.counterId, c]));
  const notices = [...(noticesList ?? site.notices)].sort((a, b) => b.at - a.at);
  const kpis: [string, string][] = live
    ? [
        [pick(H.tWaiting, lang), String(live.waiting)],
        [pick(H.tServing, lang), String(live.serving)],
        [pick(H.tCounters, lang), `${live.countersOpen} / ${live.countersTotal}`],
        [pick(H.tIssued, lang), String(live.issued)],
        [pick(H.tServed, lang), String(live.served)],
        [pick(H.medianWait, lang), minutesText(live.medianWaitMinutes, lang)],
      ]
    : [];
  return (
    <>
      <header className="hub-site__head" data-site={site.siteId}>
        <h1>{site.name}</h1>
        <span className="sv-muted">{site.region}</span>
        {health.revoked ? (
          <span className="hub-pill hub-pill--revoked" data-testid="presence">
            {pick(H.revoked, lang)}
          </span>
        ) : health.offline ? (
          <span className="hub-pill hub-pill--off" data-testid="presence">
            {pick(H.offline, lang)}
          </span>
        ) : (
          <span className="hub-pill hub-pill--on" data-testid="presence">
            {pick(H.online, lang)}
          </span>
        )}
        <span className="sv-muted sv-small">
          {site.lastSeenAt !== null ? seenText(now, site.lastSeenAt, lang) : pick(H.neverSeen, lang)}
          {site.lagSeconds !== null && ` · ${pick(H.lag, lang, { v: spanText(site.lagSeconds, lang) })}`}
          {site.clockSkewMs !== null && ` · ${pick(H.skew, lang, { v: skewText(site.clockSkewMs, lang) })}`}
          {` · ${pick(H.feed, lang, { n: site.nextSeq })} · ${pick(H.configVersions, lang, { site: site.configVersion.site, hub: site.configVersion.hub })}`}
        </span>
      </header>
      {health.offline && site.lastSeenAt !== null && (
        <p className="hub-offline">{pick(H.offlineFor, lang, { t: hubTime(site.lastSeenAt), d: spanText((now - site.lastSeenAt) / 1000, lang) })}</p>
      )}
      {live && <AlertsPanel alerts={alertRecordsOf(live.alerts, site.lastSeenAt ?? now)} lang={lang} timeZone={venue?.timeZone ?? HUB_TZ} />}
      {kpis.length > 0 && (
        <div className={`hub-site__kpis${health.offline ? ' is-stale' : ''}`}>
          {kpis.map(([label, value]) => (
            <div key={label} className="sv-kpi">
              <span className="sv-kpi__label">{label}</span>
              <strong className="sv-kpi__value">{value}</strong>
            </div>
          ))}
        </div>
      )}
      <div className="hub-site__grid">
        <div className={`sv-monitor__floors${health.offline ? ' is-stale' : ''}`}>
          {!venue ? (
            <p className="sv-card sv-muted">{pick(H.noVenue, lang)}</p>
          ) : (
            venue.floors.map((f) => (
              <section key={f.number} className="sv-floor" aria-labelledby={`hub-floor-${f.number}`}>
                <h2 id={`hub-floor-${f.number}`}>{lang === 'en' ? (f.nameEn ?? f.name) : f.name}</h2>
                <CounterTiles venue={venue} floor={f.number} counters={counters} now={siteNow} lang={lang} />
              </section>
            ))
          )}
        </div>
        <aside className="hub-site__side">
          <section className="sv-card">
            <h2>{pick(H.notices, lang)}</h2>
            {notices.length === 0 ? (
              <p className="sv-muted">{pick(H.noNotices, lang)}</p>
            ) : (
              <ul className="hub-list" data-testid="site-notices">
                {notices.map((n, i) => (
                  <li key={`${n.kind}:${n.at}:${i}`} data-kind={n.kind}>
                    <time>{hubTime(n.at)}</time>
                    <strong>{pick(NOTICE_KIND[n.kind] ?? n.message, lang)}</strong>
                    <div className="sv-small">
                      <Bilingual text={n.message} lang={lang} />
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="sv-card">
            <h2>{pick(H.accountability, lang, { n: ACCOUNTABILITY_DAYS })}</h2>
            <AccountabilityList rows={acc} lang={lang} loading={accLoading} />
          </section>
        </aside>
      </div>
    </>
  );
}
