import '../../styles/skm.css';
import { useEffect, useState } from 'react';
import { bandLabel, bandOfRaw, SKM_BAND_TABLE, SKM_ELEMENTS, SURVEY_MIN_GROUP, type LocalizedText, type SurveyResults } from '@antre/server/contract';
import { api, errorText, isAuthError } from '../../shared/api';
import { pick } from '../../shared/i18n';
import { Bilingual, type StaffPageProps } from '../staff-frame';
import { useVenue } from '../use-staff-data';
import { num, ProfileTables, parseResultsQuery } from './skm-parts';
import { K } from './skm-texts';

/** A table edge with the decimals the annex writes it with (2,60; 3,064; 3,5324), at least two. */
function asWritten(n: number, lang: 'id' | 'en'): string {
  return num(n, Math.max(2, (String(n).split('.')[1] ?? '').length), lang);
}

/** Performance words of the annex's table, per band. */
const PERFORMANCE: Record<string, LocalizedText> = Object.fromEntries(SKM_BAND_TABLE.map((b) => [b.band, b.label]));

/**
 * /counter/supervisor/skm/print?from=…&to=…: the period's SKM in the structure of the
 * regulation's report (conduct, profile, per-element table, IKM and band, follow-up from the
 * weakest elements, suggestions) on A4, ready for the head of the MPP to sign and publish.
 */
export function SkmPrint({ session, lang, expire }: StaffPageProps) {
  const venue = useVenue(0);
  const [r, setR] = useState<SurveyResults | null>(null);
  const [error, setError] = useState<LocalizedText | null>(null);
  useEffect(() => {
    api.call('surveys.results', { query: parseResultsQuery(window.location.search), token: session.token }).then(setR, (e) => {
      if (isAuthError(e)) expire();
      setError(errorText(e));
    });
  }, [session.token, expire]);
  useEffect(() => {
    document.documentElement.classList.add('skm-print-page');
    if (r) document.title = `SKM ${r.scopeLabel} ${r.from} – ${r.to}`;
  }, [r]);
  if (error)
    return (
      <div className="sv-note sv-note--error" role="alert">
        <Bilingual text={error} lang={lang} />
      </div>
    );
  if (!r || !venue) return <p className="sv-muted">{pick(K.loading, lang)}</p>;
  const place = /Kec\.\s*([^,]+)/.exec(venue.address ?? '')?.[1] ?? venue.building;
  const longDate = (t: number) => new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeZone: venue.timeZone }).format(t);
  const period = r.from === r.to ? r.from : `${r.from} – ${r.to}`;
  const elName = (code: string) => pick(SKM_ELEMENTS.find((e) => e.code === code)!.name, lang);
  return (
    <article className="skm-report" data-testid="skm-report" lang={lang}>
      <button type="button" className="sv-btn sv-btn--primary skm-no-print" onClick={() => window.print()}>
        {pick(K.printNow, lang)}
      </button>
      <header className="skm-kop">
        <strong>{venue.name.toUpperCase()}</strong>
        <span>
          {venue.building} · {venue.address}
        </span>
      </header>
      <h1>{pick(K.reportTitle, lang)}</h1>
      <p className="skm-sub">{pick(K.reportBasis, lang)}</p>
      <table className="skm-meta">
        <tbody>
          <tr>
            <th>{pick(K.unit, lang)}</th>
            <td>{r.scopeLabel}</td>
          </tr>
          <tr>
            <th>{pick(K.period, lang)}</th>
            <td>{period}</td>
          </tr>
          <tr>
            <th>{pick(K.respondents, lang)}</th>
            <td>{r.respondents}</td>
          </tr>
        </tbody>
      </table>
      {r.withheld ? (
        <p>{pick(K.withheldAll, lang, { n: SURVEY_MIN_GROUP })}</p>
      ) : (
        <>
          <h2>{pick(K.chapter1, lang)}</h2>
          <p>{pick(K.method, lang)}</p>
          <p>
            {pick(K.sampleOf, lang, { n: r.respondents, min: r.minimumSample, pop: r.population })}:{' '}
            <strong>{pick(r.sampleSufficient ? K.sampleOk : K.sampleShort, lang)}</strong>.
          </p>
          <h2>{pick(K.chapter2, lang)}</h2>
          <ProfileTables r={r} lang={lang} />
          <h2>{pick(K.chapter3, lang)}</h2>
          <table className="skm-ptable">
            <thead>
              <tr>
                <th>No</th>
                <th>{pick(K.colElement, lang)}</th>
                <th>{pick(K.colAnswers, lang)}</th>
                <th>Σ</th>
                <th>{pick(K.colNrr, lang)}</th>
                <th>{pick(K.colWeighted, lang)}</th>
                <th>{pick(K.colBand, lang)}</th>
              </tr>
            </thead>
            <tbody>
              {r.elements.map((e, i) => (
                <tr key={e.code}>
                  <td>{e.code}</td>
                  <td>{pick(SKM_ELEMENTS[i]!.name, lang)}</td>
                  <td className="skm-num">{e.answers}</td>
                  <td className="skm-num">{e.sum}</td>
                  <td className="skm-num">{num(e.nrr, 3, lang)}</td>
                  <td className="skm-num">{num(e.weighted, 4, lang)}</td>
                  <td>{e.nrr === null ? '–' : bandOfRaw(e.nrr)}</td>
                </tr>
              ))}
              <tr className="skm-total">
                <td colSpan={5}>IKM</td>
                <td className="skm-num">{num(r.ikm, 4, lang)}</td>
                <td>{r.band ?? '–'}</td>
              </tr>
            </tbody>
          </table>
          <h2>{pick(K.chapter4, lang)}</h2>
          <p>{pick(K.ikmFormula, lang)}</p>
          <div className="skm-verdict">
            <div>
              <span>{pick(K.converted, lang)}</span>
              <strong>{num(r.converted, 2, lang)}</strong>
            </div>
            <div>
              <span>{pick(K.band, lang)}</span>
              <strong>{r.band ?? '–'}</strong>
            </div>
            <div>
              <span>{pick(K.colPerformance, lang)}</span>
              <strong>{r.band ? pick(bandLabel(r.band), lang) : '–'}</strong>
            </div>
          </div>
          <table className="skm-ptable skm-bandtable">
            <caption>{pick(K.bandTable, lang)}</caption>
            <thead>
              <tr>
                <th>{pick(K.colPerception, lang)}</th>
                <th>{pick(K.colInterval, lang)}</th>
                <th>{pick(K.colConverted, lang)}</th>
                <th>{pick(K.colQuality, lang)}</th>
                <th>{pick(K.colPerformance, lang)}</th>
              </tr>
            </thead>
            <tbody>
              {[...SKM_BAND_TABLE].reverse().map((b, i) => (
                <tr key={b.band} className={b.band === r.band ? 'is-here' : ''}>
                  <td>{i + 1}</td>
                  <td>
                    {asWritten(b.minRaw, lang)} – {asWritten(b.maxRaw, lang)}
                  </td>
                  <td>
                    {num(b.minConverted, 2, lang)} – {num(b.maxConverted, 2, lang)}
                  </td>
                  <td>{b.band}</td>
                  <td>{pick(PERFORMANCE[b.band]!, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{pick(K.chapter5, lang)}</h2>
          <table className="skm-ptable">
            <thead>
              <tr>
                <th>{pick(K.colPriority, lang)}</th>
                <th>{pick(K.colElement, lang)}</th>
                <th>{pick(K.colNrr, lang)}</th>
                <th>{pick(K.colAction, lang)}</th>
              </tr>
            </thead>
            <tbody>
              {r.weakest.slice(0, 3).map((c, i) => (
                <tr key={c}>
                  <td>{i + 1}</td>
                  <td>
                    {c} {elName(c)}
                  </td>
                  <td className="skm-num">{num(r.elements.find((e) => e.code === c)!.nrr, 2, lang)}</td>
                  <td>{pick(SKM_ELEMENTS.find((e) => e.code === c)!.advice, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{pick(K.chapter6, lang)}</h2>
          {r.comments.length ? (
            <ol className="skm-comment-list">
              {r.comments.slice(0, 30).map((c, i) => (
                <li key={i}>{c.text}</li>
              ))}
            </ol>
          ) : (
            <p>{pick(K.noComments, lang)}</p>
          )}
        </>
      )}
      <footer className="skm-sign">
        <p>{pick(K.signPlace, lang, { place, date: longDate(r.generatedAt) })}</p>
        <p>{pick(K.signRole, lang)}</p>
        <p>{venue.name}</p>
        <p className="skm-sign__name">{pick(K.signName, lang)}</p>
      </footer>
      <p className="skm-generated">{pick(K.generated, lang, { at: longDate(r.generatedAt) })}</p>
    </article>
  );
}
