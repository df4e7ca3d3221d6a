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
  const status = <HubStatus failing={sites.isError && !!data} lastAt={data?.now ?? 0} lang={lang} timeText={hubTime} />;
  return (
    <div className="sv">
      <HubTopBar {...props} route={{ page: 'sites' }} status={status} />
      <main className="hub-main">
        {!data && sites.isError && <p className="sv-note sv-note--error" role="alert"><Bilingual text={errorText(sites.error)} lang={lang} /></p>}
        {!data && !sites.isError && <p className="sv-loading">{pick(H.loading, lang)}</p>}
        {data && (
          <>
            <Totals t={provinceTotals(data.sites, now)} lang={lang} />
            {data.sites.length === 0 ? (
              <p className="sv-card sv-empty">{pick(H.noSites, lang)}</p>
            ) : (
              <div className="hub-cards" data-testid="site-cards">
                {sortByTrouble(data.sites, now).map(({ site, health }) => (
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
