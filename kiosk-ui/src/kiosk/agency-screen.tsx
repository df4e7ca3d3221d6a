import type { CSSProperties } from 'react';
import type { Agency, QueueInfo } from '@antre/server/contract';
import { local, type Lang, type T } from '../shared/i18n';
import type { PublicVenue } from '../shared/venue-types';
import { agencyOpen } from './availability';
import { Icon } from './icons';

interface Props {
  t: T;
  lang: Lang;
  venue: PublicVenue;
  queues: Map<string, QueueInfo>;
  kioskFloor: number | null;
  onAgency: (agencyId: string) => void;
}

/** Every office, grouped by floor (this kiosk's floor first), each with its picture and plain name. */
export function AgencyScreen({ t, lang, venue, queues, kioskFloor, onAgency }: Props) {
  const floors = [...venue.floors].sort((a, b) => (a.number === kioskFloor ? -1 : b.number === kioskFloor ? 1 : a.number - b.number));
  return (
    <div className="agency-screen">
      {floors.map((f) => {
        const agencies = venue.agencies.filter((a) => a.floor === f.number && venue.services.some((s) => s.agencyId === a.id));
        if (!agencies.length) return null;
        return (
          <section key={f.number} className="floor-group" aria-label={local(f.name, f.nameEn, lang)}>
            <h2>
              <span>{local(f.name, f.nameEn, lang)}</span>
              {f.number === kioskFloor && <span className="here">{t('youAreHere')}</span>}
            </h2>
            <div className="agency-grid">
              {agencies.map((a) => (
                <AgencyTile key={a.id} t={t} lang={lang} agency={a} venue={venue} queues={queues} onAgency={onAgency} />
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}

function AgencyTile({
  t,
  lang,
  agency,
  venue,
  queues,
  onAgency,
}: {
  t: T;
  lang: Lang;
  agency: Agency;
  venue: PublicVenue;
  queues: Map<string, QueueInfo>;
  onAgency: (id: string) => void;
}) {
  const services = venue.services.filter((s) => s.agencyId === agency.id);
  const ids = services.map((s) => s.id);
  const open = agencyOpen(ids, queues);
  const waiting = ids.reduce((n, id) => n + (queues.get(id)?.waiting ?? 0), 0);
  return (
    <button type="button" className={`agency-tile${open ? '' : ' is-closed'}`} data-testid={`agency-${agency.id}`} onClick={() => onAgency(agency.id)}>
      <span className="agency-icon" style={{ background: agency.color }}>
        <Icon name={agency.icon} size={64} />
      </span>
      <span className="agency-text">
        {/* The longest word sets the size: a name breaks between words or shrinks, never inside a word. */}
        <span className="agency-short" style={{ '--chars': Math.max(8, longestWord(agency.shortName)) } as CSSProperties}>
          {agency.shortName}
        </span>
        <span className="agency-name">{services.map((s) => local(s.name, s.nameEn, lang)).join(' · ')}</span>
        <span className="agency-meta">{open ? t('waitingN', { n: waiting }) : t('agencyClosedNow')}</span>
      </span>
    </button>
  );
}

/** The search entry, shown in the top bar of the agency screen. */
export function SearchButton({ t, onSearch }: { t: T; onSearch: () => void }) {
  return (
    <button type="button" className="btn btn-search" data-testid="search" onClick={onSearch}>
      <Icon name="search" size={44} /> <span>{t('search')}</span>
    </button>
  );
}

/** Length of the longest word: a long single word must shrink, since it cannot wrap. */
function longestWord(s: string): number {
  return Math.max(...s.split(/\s+/).map((w) => w.length));
}
