import type { Alert, HubNotice, HubSiteSummary } from '@antre/server/contract';
import { pick, type Lang } from '@antre/counter-ui/shared/i18n';
import { duration } from '@antre/counter-ui/supervisor/format';
import { hubTime, minutesFigure, seenText, skewText, spanText } from '../shared/format';
import { routeHref } from '../shared/route';
import { H, NOTICE_KIND } from '../texts';
import { TROUBLE, type SiteHealth } from './trouble';

/** Warnings listed on a card before "+n more"; critical alerts are always all shown. */
const WARNINGS_SHOWN = 2;
const NOTICES_SHOWN = 3;

/** One site on the all-sites page: is it there, how its queues stand, what is wrong, newest first. */
export function SiteCard({ site, health, now, lang }: { site: HubSiteSummary; health: SiteHealth; now: number; lang: Lang }) {
  const live = site.live;
  const level = Object.entries(TROUBLE).find(([, v]) => v === health.level)?.[0] ?? 'fine';
  const critical = health.alerts.filter((a) => a.severity === 'critical');
  const warnings = health.alerts.filter((a) => a.severity !== 'critical');
  // What an offline or revoked site last said is shown greyed: it is not the present.
  const stale = health.offline || health.revoked;
  return (
    <article className={`hub-card hub-card--${level}`} data-site={site.siteId} data-level={level} data-offline={health.offline || undefined}>
      <header className="hub-card__head">
        <div>
          <h2>
            <a href={routeHref({ page: 'site', siteId: site.siteId })}>{site.name}</a>
          </h2>
          <span className="sv-muted">{site.region}</span>
        </div>
        <Presence site={site} health={health} now={now} lang={lang} />
      </header>
      {health.offline && (
        <p className="hub-offline" data-testid="offline">
          {site.lastSeenAt === null
            ? pick(H.neverSeen, lang)
            : pick(H.offlineFor, lang, { t: hubTime(site.lastSeenAt), d: duration(now - site.lastSeenAt, lang) })}
        </p>
      )}
      {critical.length > 0 && (
        <div className={`hub-critical${stale ? ' is-stale' : ''}`}>
          {critical.map((a) => (
            <AlertLine key={a.id} a={a} lang={lang} />
          ))}
        </div>
      )}
      {live ? (
        <div className={`hub-card__kpis${stale ? ' is-stale' : ''}`}>
          <Kpi label={pick(H.waiting, lang)} value={String(live.waiting)} big testId="waiting" />
          <Kpi label={pick(H.serving, lang)} value={String(live.serving)} />
          <Kpi label={pick(H.counters, lang)} value={`${live.countersOpen}/${live.countersTotal}`} />
          <Kpi label={pick(H.issuedServed, lang)} value={`${live.issued}/${live.served}`} />
          <Kpi label={pick(H.medianWaitMin, lang)} value={minutesFigure(live.medianWaitMinutes)} />
        </div>
      ) : (
        <p className="sv-muted">{pick(H.noLive, lang)}</p>
      )}
      {warnings.length > 0 && (
        <div className="hub-warnings">
          {warnings.slice(0, WARNINGS_SHOWN).map((a) => (
            <AlertLine key={a.id} a={a} lang={lang} />
          ))}
          {warnings.length > WARNINGS_SHOWN && <span className="sv-muted sv-small">{pick(H.moreAlerts, lang, { n: warnings.length - WARNINGS_SHOWN })}</span>}
        </div>
      )}
      {live && !stale && health.alerts.length === 0 && <p className="hub-ok">{pick(H.allWell, lang)}</p>}
      <Notices site={site} health={health} lang={lang} />
      <footer className="hub-card__foot sv-muted sv-small">
        {site.lagSeconds !== null && <span className={health.lagBad ? 'sv-bad' : ''}>{pick(H.lag, lang, { v: spanText(site.lagSeconds, lang) })}</span>}
        {site.clockSkewMs !== null && (
          <span className={health.skewBad ? 'sv-bad' : ''} data-testid="skew">
            {pick(H.skew, lang, { v: skewText(site.clockSkewMs, lang) })}
          </span>
        )}
        {stale && live && site.lastSeenAt !== null && <span>{pick(H.staleLive, lang, { t: hubTime(site.lastSeenAt) })}</span>}
      </footer>
    </article>
  );
}

function Presence({ site, health, now, lang }: { site: HubSiteSummary; health: SiteHealth; now: number; lang: Lang }) {
  if (health.revoked)
    return (
      <span className="hub-pill hub-pill--revoked" data-testid="presence">
        {pick(H.revoked, lang)}
      </span>
    );
  if (health.offline)
    return (
      <span className="hub-pill hub-pill--off" data-testid="presence">
        {pick(H.offline, lang)}
      </span>
    );
  const ago = site.lastSeenAt === null ? '' : seenText(now, site.lastSeenAt, lang);
  return (
    <span className="hub-pill hub-pill--on" data-testid="presence">
      {pick(H.online, lang)} · {ago}
    </span>
  );
}

/** An alert with its minutes in front, large for the critical ones: "32 mnt — no call...". */
export function AlertLine({ a, lang }: { a: Alert; lang: Lang }) {
  return (
    <div className={`hub-alert hub-alert--${a.severity}`} role={a.severity === 'critical' ? 'alert' : undefined} data-kind={a.kind} data-severity={a.severity}>
      <strong className="hub-alert__minutes">{pick(H.minutesShort, lang, { n: a.minutes })}</strong>
      <span className="hub-alert__text">{pick(a.message, lang)}</span>
    </div>
  );
}

/** The hub's own observations about the site: recent notices, a clock or a feed that is off, a revoked credential. */
function Notices({ site, health, lang }: { site: HubSiteSummary; health: SiteHealth; lang: Lang }) {
  const lines: { key: string; text: string; title?: string }[] = [];
  if (health.revoked) lines.push({ key: 'revoked', text: pick(H.revoked, lang) });
  if (health.skewBad && site.clockSkewMs !== null) lines.push({ key: 'skew', text: pick(H.skewBad, lang, { v: skewText(site.clockSkewMs, lang) }) });
  if (health.lagBad && site.lagSeconds !== null) lines.push({ key: 'lag', text: pick(H.lagBad, lang, { v: spanText(site.lagSeconds, lang) }) });
  health.notices
    .slice(0, NOTICES_SHOWN)
    .forEach((n: HubNotice, i) =>
      lines.push({ key: `${n.kind}:${n.at}:${i}`, text: `${hubTime(n.at)} ${pick(NOTICE_KIND[n.kind] ?? n.message, lang)}`, title: pick(n.message, lang) }),
    );
  if (!lines.length) return null;
  return (
    <ul className="hub-notices" data-testid="notices">
      {lines.map((l) => (
        <li key={l.key} title={l.title}>
          {l.text}
        </li>
      ))}
    </ul>
  );
}

function Kpi({ label, value, big, testId }: { label: string; value: string; big?: boolean; testId?: string }) {
  return (
    <div className={`hub-kpi${big ? ' hub-kpi--big' : ''}`} data-testid={testId}>
      <strong>{value}</strong>
      <span>{label}</span>
    </div>
  );
}
