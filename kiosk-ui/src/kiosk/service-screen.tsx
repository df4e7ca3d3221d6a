import type { QueueInfo, Service } from '@antre/server/contract';
import { local, type Lang, type T } from '../shared/i18n';
import type { PublicVenue } from '../shared/venue-types';
import { Icon } from './icons';
import { estimateText, reasonText, reopenText } from './wording';

interface Props {
  t: T;
  lang: Lang;
  venue: PublicVenue;
  services: Service[];
  queues: Map<string, QueueInfo>;
  now: number;
  /** Search results mix offices, so each row names its office; an office's own list does not. */
  showAgency?: boolean;
  onService: (serviceId: string) => void;
}

/** The services of one office (or search results), each honest about whether it can be taken. */
export function ServiceList({ t, lang, venue, services, queues, now, showAgency = true, onService }: Props) {
  return (
    <ul className="service-list">
      {services.map((s) => {
        const q = queues.get(s.id);
        const agency = venue.agencies.find((a) => a.id === s.agencyId);
        const open = !!q?.available;
        return (
          <li key={s.id}>
            <button
              type="button"
              className={`service-row${open ? '' : ' is-closed'}`}
              data-testid={`service-${s.id}`}
              disabled={!open}
              aria-disabled={!open}
              onClick={() => onService(s.id)}
            >
              <span className="service-main">
                <span className="service-name">{local(s.name, s.nameEn, lang)}</span>
                {showAgency && agency && <span className="service-agency">{agency.shortName}</span>}
              </span>
              {q && open && (
                <span className="service-live">
                  <span>
                    <Icon name="people" size={36} /> {t('peopleWaiting', { n: q.waiting })}
                  </span>
                  <span>
                    <Icon name="clock" size={36} /> {estimateText(t, q.estimatedWaitMinutes)}
                  </span>
                  {q.quotaLeft !== null && <span className="quota-left">{t('quotaLeft', { n: q.quotaLeft })}</span>}
                </span>
              )}
              {q && !open && (
                <span className="service-closed" data-testid={`reason-${s.id}`}>
                  <strong>{reasonText(t, q)}</strong>
                  <span>{reopenText(t, lang, venue, s, q, now)}</span>
                </span>
              )}
              {!q && (
                <span className="service-closed">
                  <span>{t('loading')}</span>
                </span>
              )}
              {open && (
                <span className="service-go" aria-hidden="true">
                  ›
                </span>
              )}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
