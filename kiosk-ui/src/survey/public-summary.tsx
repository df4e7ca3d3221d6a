import { useEffect, useState } from 'react';
import { bandLabel, type SurveyPublicSummary } from '@antre/server/contract';
import { api, ApiError } from '../shared/api';
import { pick } from '../shared/i18n';
import { surveyText } from './survey-text';

/** /skm: each agency's IKM this month, for a hall board's idle time or the building's website (only when the venue publishes it). */
export function PublicSummary() {
  const t = surveyText('id');
  const [data, setData] = useState<SurveyPublicSummary | null>(null);
  const [off, setOff] = useState(false);
  useEffect(() => {
    const load = () => api.call('surveys.public').then(setData, (e) => setOff(e instanceof ApiError && e.code === 'NOT_FOUND'));
    void load();
    const timer = setInterval(() => void load(), 5 * 60000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="screen sv-screen sv-public" data-testid="skm-public">
      <header className="topbar">
        <div className="topbar-title">
          <h1>{t('publicTitle')}</h1>
          {data && <p>{t('publicMonth', { month: monthName(data.month) })}</p>}
        </div>
      </header>
      <main className="screen-body">
        {off && <p className="sv-none">{t('publicOff')}</p>}
        {data && !data.agencies.length && <p className="sv-none">{t('idleNone')}</p>}
        {data && (
          <ul className="sv-public-list">
            {data.agencies.map((a) => (
              <li key={a.agencyId} className={`sv-band-${a.band ?? 'none'}`}>
                <span>{a.name}</span>
                <strong>{a.converted === null ? '–' : a.converted.toFixed(2).replace('.', ',')}</strong>
                <em>{a.band ? `${a.band} · ${pick(bandLabel(a.band), 'id')}` : ''}</em>
                <small>{t('publicRespondents', { n: a.respondents })}</small>
              </li>
            ))}
          </ul>
        )}
      </main>
    </div>
  );
}

/** "2026-12" as "Desember 2026". */
function monthName(month: string): string {
  return new Intl.DateTimeFormat('id-ID', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${month}-15T00:00:00Z`));
}
