import { useState } from 'react';
import type { HubSiteSummary } from '@antre/server/contract';
import { pick, type Lang } from '@antre/counter-ui/shared/i18n';
import { Bilingual } from '@antre/counter-ui/supervisor/staff-frame';
import { errorText } from '@antre/counter-ui/shared/api';
import { HubStatus, HubTopBar, type HubPageProps } from '../frame';
import { hubTime } from '../shared/format';
import { useHubNow, useSites } from '../shared/queries';
import { H } from '../texts';
import { SiteCard } from './site-card';
import { provinceTotals, sortByTrouble, type ProvinceTotals } from './trouble';

/** The main page: every site live, trouble first, province totals on top; polled every 3 s. */
export function AllSitesPage(props: HubPageProps) {
  const { lang, session } = props;
  const sites = useSites(session.token);
  const now = useHubNow(sites.data?.now, sites.dataUpdatedAt, sites.isError);
  const data = sites.data;
  const [region, setRegion] = useState<string | null>(null);
  const shown = data ? data.sites.filter((s) => region === null || s.region === region) : [];
  const status = <HubStatus failing={sites.isError && !!data} lastAt={data?.now ?? 0} lang={lang} timeText={hubTime} />;
  return (
    <div className="sv">
      <HubTopBar {...props} route={{ page: 'sites' }} status={status} />
      <main className="hub-main">
        {!data && sites.isError && (
          <p className="sv-note sv-note--error" role="alert">
            <Bilingual text={errorText(sites.error)} lang={lang} />
          </p>
        )}
        {!data && !sites.isError && <p className="sv-loading">{pick(H.loading, lang)}</p>}
        {data && (
          <>
            <Regions sites={data.sites} region={region} setRegion={setRegion} lang={lang} />
            <Totals t={provinceTotals(shown, now)} lang={lang} />
            {shown.length === 0 ? (
              <p className="sv-card sv-empty">{pick(H.noSites, lang)}</p>
            ) : (
              <div className="hub-cards" data-testid="site-cards">
                {sortByTrouble(shown, now).map(({ site, health }) => (
                  <SiteCard key={site.siteId} site={site} health={health} now={now} lang={lang} />
                ))}
              </div>
            )}
          </>
        )}
      </main>
    </div>
  );
}

function Totals({ t, lang }: { t: ProvinceTotals; lang: Lang }) {
  const cells: [keyof typeof H, string, string?][] = [
    ['tSites', `${t.online} / ${t.sites}`, t.online < t.sites ? 'bad' : undefined],
    ['tWaiting', String(t.waiting)],
    ['tServing', String(t.serving)],
    ['tCounters', `${t.countersOpen} / ${t.countersTotal}`],
    ['tIssued', String(t.issued)],
    ['tServed', String(t.served)],
    ['tCritical', String(t.criticalAlerts), t.criticalAlerts > 0 ? 'bad' : undefined],
    ['tTrouble', String(t.sitesInTrouble), t.sitesInTrouble > 0 ? 'warn' : undefined],
  ];
  return (
    <section className="hub-totals" aria-label={pick(H.provinceTitle, lang)} data-testid="totals">
      {cells.map(([k, v, tone]) => (
        <div key={k} className={`hub-total${tone ? ` hub-total--${tone}` : ''}`} data-total={k}>
          <span className="hub-total__label">{pick(H[k], lang)}</span>
          <strong className="hub-total__value">{v}</strong>
        </div>
      ))}
    </section>
  );
}

/** A choice of one regency or city when the hub gathers more than one; the totals follow it. */
function Regions({ sites, region, setRegion, lang }: { sites: HubSiteSummary[]; region: string | null; setRegion: (r: string | null) => void; lang: Lang }) {
  const counts = new Map<string, number>();
  for (const s of sites) counts.set(s.region, (counts.get(s.region) ?? 0) + 1);
  if (counts.size < 2) return null;
  const chip = (r: string | null, text: string) => (
    <button
      key={r ?? '*'}
      type="button"
      className={`sv-chip${region === r ? ' is-on' : ''}`}
      aria-pressed={region === r}
      data-region={r ?? '*'}
      onClick={() => setRegion(r)}
    >
      {text}
    </button>
  );
  return (
    <nav className="hub-regions" aria-label={pick(H.regionsTitle, lang)}>
      {chip(null, `${pick(H.allRegions, lang)} (${sites.length})`)}
      {[...counts].sort(([a], [b]) => a.localeCompare(b, 'id')).map(([r, n]) => chip(r, `${r} (${n})`))}
    </nav>
  );
}
