import { useState } from 'react';
import type { LocalizedText } from '@antre/server/contract';
import { pick, type Lang } from '../shared/i18n';
import { Bilingual } from '../supervisor/staff-frame';
import { S } from '../supervisor/texts';
import { CountersSection } from './counters-section';
import { GeneralSection } from './general-section';
import { JsonSection, type JsonKey } from './json-section';
import { ServicesSection } from './services-section';
import { A } from './texts';
import { useRawVenue } from './use-raw-venue';

type Section = 'services' | 'counters' | 'general' | JsonKey;

const SECTIONS: [Section, LocalizedText][] = [
  ['services', A.secServices],
  ['counters', A.secCounters],
  ['general', A.secGeneral],
  ['floors', A.secFloors],
  ['agencies', A.secAgencies],
  ['kiosks', A.secKiosks],
  ['announcements', A.secAnnouncements],
];

/** The venue editor: a form per common section, JSON for the rest; every save is validated by the server and goes live. */
export function VenueTab({ token, lang }: { token: string; lang: Lang }) {
  const { raw, loadError, saving, result, save, clearResult } = useRawVenue(token);
  const [section, setSection] = useState<Section>('services');
  if (loadError)
    return (
      <p className="sv-note sv-note--error" role="alert">
        <Bilingual text={loadError} lang={lang} />
      </p>
    );
  if (!raw) return <p className="sv-loading">{pick(S.loading, lang)}</p>;
  const props = { venue: raw.venue, save, saving, result, lang };
  return (
    <section>
      <div className="sv-row" style={{ marginBottom: 12 }}>
        {SECTIONS.map(([s, text]) => (
          <button
            key={s}
            type="button"
            className={`sv-btn sv-btn--small ${s === section ? 'sv-btn--primary' : ''}`}
            onClick={() => (setSection(s), clearResult())}
            aria-pressed={s === section}
          >
            {pick(text, lang)}
          </button>
        ))}
        <span className="sv-muted sv-small" style={{ marginLeft: 'auto' }}>
          {pick(A.version, lang, { v: raw.version })}
        </span>
      </div>
      {section === 'services' && <ServicesSection {...props} />}
      {section === 'counters' && <CountersSection {...props} />}
      {section === 'general' && <GeneralSection {...props} />}
      {section !== 'services' && section !== 'counters' && section !== 'general' && <JsonSection key={section} part={section} {...props} />}
    </section>
  );
}
