import type { QueueInfo } from '@antre/server/contract';
import type { Lang, T } from '../shared/i18n';
import type { PublicVenue } from '../shared/venue-types';
import { Icon } from './icons';
import { OnScreenKeys } from './on-screen-keys';
import { ScrollArea } from './scroll-area';
import { search } from './search';
import { ServiceList } from './service-screen';

interface Props {
  t: T;
  lang: Lang;
  venue: PublicVenue;
  queues: Map<string, QueueInfo>;
  now: number;
  query: string;
  onQuery: (q: string) => void;
  onAgency: (agencyId: string) => void;
  onService: (serviceId: string) => void;
}

/** Typing on the screen's own keys finds services and offices by any word of their names. */
export function SearchScreen({ t, lang, venue, queues, now, query, onQuery, onAgency, onService }: Props) {
  const hits = search(query, venue.agencies, venue.services);
  const empty = query.trim() !== '' && !hits.services.length && !hits.agencies.length;
  return (
    <div className="search-screen">
      <div className="search-box" data-testid="search-query" aria-live="polite">
        <Icon name="search" size={48} />
        {query ? (
          <span className="search-text">
            {query}
            <span className="caret" />
          </span>
        ) : (
          <span className="search-prompt">{t('searchPrompt')}</span>
        )}
      </div>
      <ScrollArea t={t} className="search-results">
        {empty && <p className="search-none">{t('searchNone')}</p>}
        {hits.services.length > 0 && (
          <>
            <h2>{t('searchServices')}</h2>
            <ServiceList t={t} lang={lang} venue={venue} services={hits.services.slice(0, 12)} queues={queues} now={now} onService={onService} />
          </>
        )}
        {hits.agencies.length > 0 && (
          <>
            <h2>{t('searchAgencies')}</h2>
            <div className="chip-list">
              {hits.agencies.map((a) => (
                <button type="button" key={a.id} className="chip" onClick={() => onAgency(a.id)}>
                  <span className="chip-icon" style={{ background: a.color }}>
                    <Icon name={a.icon} size={40} />
                  </span>
                  {a.shortName}
                </button>
              ))}
            </div>
          </>
        )}
      </ScrollArea>
      <OnScreenKeys t={t} onKey={(ch) => onQuery((query + ch).slice(0, 30))} onDelete={() => onQuery(query.slice(0, -1))} onClear={() => onQuery('')} />
    </div>
  );
}
