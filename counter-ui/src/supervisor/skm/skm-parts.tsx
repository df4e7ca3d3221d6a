import {
  bandLabel,
  bandOfRaw,
  SKM_ELEMENTS,
  SKM_PROFILE_FIELDS,
  SKM_PROFILE_LABELS,
  SKM_PROFILE_VALUE_LABELS,
  SURVEY_GROUPS,
  SURVEY_MIN_GROUP,
  type SkmBand,
  type SurveyGroupBy,
  type SurveyResults,
} from '@antre/server/contract';
import type { QueryOf } from '../../shared/api';
import { pick, type Lang } from '../../shared/i18n';
import { K } from './skm-texts';

/** Two decimals with a comma, as Indonesian reports print them. */
export function num(n: number | null, digits = 2, lang: Lang = 'id'): string {
  if (n === null) return '–';
  const s = n.toFixed(digits);
  return lang === 'id' ? s.replace('.', ',') : s;
}

export function BandBadge({ band, lang, big }: { band: SkmBand | null; lang: Lang; big?: boolean }) {
  if (!band) return <span className="skm-band skm-band--none">–</span>;
  return (
    <span className={`skm-band skm-band--${band}${big ? ' skm-band--big' : ''}`} data-testid="skm-band">
      {band} · {pick(bandLabel(band), lang)}
    </span>
  );
}

/** NRR per element as horizontal bars on the 1–4 scale, coloured by the band each would have alone. */
export function ElementBars({ r, lang }: { r: SurveyResults; lang: Lang }) {
  return (
    <table className="skm-elements">
      <thead>
        <tr>
          <th>{pick(K.colElement, lang)}</th>
          <th>{pick(K.colAnswers, lang)}</th>
          <th className="skm-bar-col">{pick(K.colNrr, lang)}</th>
          <th>{pick(K.colWeighted, lang)}</th>
        </tr>
      </thead>
      <tbody>
        {r.elements.map((e, i) => {
          const band = e.nrr === null ? null : bandOfRaw(e.nrr);
          return (
            <tr key={e.code} data-element={e.code}>
              <td>
                <strong>{e.code}</strong> {pick(SKM_ELEMENTS[i]!.name, lang)}
              </td>
              <td className="skm-num">{e.answers}</td>
              <td className="skm-bar-col">
                <div className="skm-bar">
                  <span className={`skm-bar__fill skm-fill--${band ?? 'none'}`} style={{ width: `${e.nrr === null ? 0 : ((e.nrr - 1) / 3) * 100}%` }} />
                </div>
                <span className="skm-num" data-testid={`nrr-${e.code}`}>
                  {num(e.nrr, 2, lang)}
                </span>
              </td>
              <td className="skm-num">{num(e.weighted, 3, lang)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Converted IKM per day or month: one bar each on 25–100, the band edges drawn as lines. */
export function SeriesChart({ r, lang }: { r: SurveyResults; lang: Lang }) {
  const W = 640;
  const H = 180;
  const n = Math.max(r.series.length, 1);
  const bw = Math.min(48, (W - 40) / n - 4);
  const y = (v: number) => H - 20 - ((v - 25) / 75) * (H - 30);
  return (
    <svg className="skm-series" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={pick(K.series, lang)}>
      {[88.31, 76.61, 65].map((edge) => (
        <g key={edge}>
          <line x1={30} x2={W} y1={y(edge)} y2={y(edge)} className="skm-edge" />
          <text x={0} y={y(edge) + 4} className="skm-axis">
            {num(edge, 0, lang)}
          </text>
        </g>
      ))}
      {r.series.map((s, i) => {
        const x = 36 + i * ((W - 40) / n);
        const v = s.converted ?? 25;
        return (
          <g key={s.key}>
            <rect x={x} y={y(v)} width={bw} height={H - 20 - y(v)} className={`skm-fill--${s.converted === null ? 'none' : bandOfRaw(v / 25)}`} />
            {n <= 16 && (
              <text x={x + bw / 2} y={H - 6} textAnchor="middle" className="skm-axis">
                {s.key.length > 7 ? s.key.slice(8) : s.key.slice(5)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

export function GroupTable({ r, by, lang }: { r: SurveyResults; by: SurveyGroupBy; lang: Lang }) {
  return (
    <table className="sv-table skm-groups">
      <thead>
        <tr>
          <th>{pick(K[by === 'floor' ? 'floor' : by], lang)}</th>
          <th>{pick(K.respondents, lang)}</th>
          <th>{pick(K.converted, lang)}</th>
          <th>{pick(K.band, lang)}</th>
        </tr>
      </thead>
      <tbody>
        {r.groups[by].map((g) => (
          <tr key={g.key} data-group={g.key}>
            <td>{g.label}</td>
            <td className="skm-num">{g.respondents}</td>
            <td className="skm-num">{g.withheld ? pick(K.withheld, lang, { n: SURVEY_MIN_GROUP }) : num(g.converted, 2, lang)}</td>
            <td>{g.withheld ? '' : <BandBadge band={g.band} lang={lang} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ProfileTables({ r, lang }: { r: SurveyResults; lang: Lang }) {
  return (
    <div className="skm-profile">
      {SKM_PROFILE_FIELDS.map((f) => (
        <table key={f} className="sv-table">
          <thead>
            <tr>
              <th>{pick(SKM_PROFILE_LABELS[f], lang)}</th>
              <th className="skm-num">{pick(K.respondents, lang)}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(r.profile[f])
              .filter(([, n]) => n > 0)
              .map(([k, n]) => (
                <tr key={k}>
                  <td>{k === 'none' ? pick(K.notGiven, lang) : pick(SKM_PROFILE_VALUE_LABELS[k]!, lang)}</td>
                  <td className="skm-num">
                    {n} ({r.respondents ? Math.round((n / r.respondents) * 100) : 0}%)
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}

/** The query string of a results request. */
/** A results query string (the page's address, the print link) as the route's query. */
export function parseResultsQuery(search: string): QueryOf<'surveys.results'> {
  const p = new URLSearchParams(search);
  const opt = (k: string) => p.get(k) || undefined;
  return {
    from: p.get('from') ?? '',
    to: p.get('to') ?? '',
    agencyId: opt('agencyId'),
    serviceId: opt('serviceId'),
    counterId: opt('counterId'),
    officerId: opt('officerId'),
    floor: opt('floor'),
    by: SURVEY_GROUPS.find((g) => g === p.get('by')),
  };
}

export function resultsQuery(f: {
  from: string;
  to: string;
  agencyId?: string;
  serviceId?: string;
  counterId?: string;
  officerId?: string;
  floor?: string;
  by?: string;
}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  return q.toString();
}
