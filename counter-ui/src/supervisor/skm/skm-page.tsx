import '../../styles/skm.css';
import { useCallback, useEffect, useState } from 'react';
import {
  localDay,
  SKM_ELEMENTS,
  SURVEY_GROUPS,
  SURVEY_MIN_GROUP,
  type LocalizedText,
  type PublicUser,
  type SurveyGroupBy,
  type SurveyResults,
} from '@antre/server/contract';
import { api, errorText, isAuthError } from '../../shared/api';
import { pick } from '../../shared/i18n';
import { Bilingual, TopBar, type StaffPageProps } from '../staff-frame';
import { useVenue } from '../use-staff-data';
import { PERIOD_KINDS, periodRange, type PeriodKind } from './period';
import { BandBadge, ElementBars, GroupTable, num, ProfileTables, resultsQuery, SeriesChart, parseResultsQuery } from './skm-parts';
import { GROUP_LABEL, K, PERIOD_KIND } from './skm-texts';

interface Scope {
  agencyId: string;
  serviceId: string;
  counterId: string;
  officerId: string;
  floor: string;
}

const NO_SCOPE: Scope = { agencyId: '', serviceId: '', counterId: '', officerId: '', floor: '' };

/** /counter/supervisor/skm: the SKM of any scope and period, with charts, CSV and the printable report. */
export function SkmPage({ session, lang, toggleLang, logout, expire }: StaffPageProps) {
  const venue = useVenue(0);
  const [users, setUsers] = useState<PublicUser[]>([]);
  const today = venue ? localDay(Date.now(), venue.timeZone) : null;
  const [kind, setKind] = useState<PeriodKind>('month');
  const [day, setDay] = useState<string>('');
  const [range, setRange] = useState<{ from: string; to: string }>({ from: '', to: '' });
  const [scope, setScope] = useState<Scope>(NO_SCOPE);
  const [by, setBy] = useState<SurveyGroupBy>('agency');
  const [result, setResult] = useState<SurveyResults | null>(null);
  const [error, setError] = useState<LocalizedText | null>(null);
  const [busy, setBusy] = useState(false);

  const period = kind === 'range' ? range : day ? periodRange(kind, day) : null;
  const query = period && period.from && period.to ? resultsQuery({ ...period, ...scope }) : null;

  const load = useCallback(
    async (q: string) => {
      setBusy(true);
      setError(null);
      try {
        setResult(await api.call('surveys.results', { query: parseResultsQuery(q), token: session.token }));
      } catch (e) {
        if (isAuthError(e)) expire();
        setError(errorText(e));
      } finally {
        setBusy(false);
      }
    },
    [session.token, expire],
  );

  useEffect(() => {
    if (!today || day) return;
    setDay(today);
    setRange({ from: today, to: today });
    void load(resultsQuery(periodRange('month', today)));
  }, [today, day, load]);
  useEffect(() => {
    void api.call('users.list', { token: session.token }).then(
      (r) => setUsers(r.users.filter((u) => u.role === 'officer')),
      () => undefined,
    );
  }, [session.token]);

  const download = async (id: 'surveys.resultsCsv' | 'surveys.answersCsv') => {
    if (!query) return;
    const file = await api.file(id, { query: { ...parseResultsQuery(query), by }, token: session.token }).catch((e: unknown) => (setError(errorText(e)), null));
    if (!file) return;
    const name = file.name ?? 'skm.csv';
    const url = URL.createObjectURL(file.blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  };
  const pickScope = (k: keyof Scope, v: string) => setScope({ ...scope, [k]: v });
  const sel = (k: keyof Scope, label: LocalizedText, options: { id: string; name: string }[]) => (
    <label className="sv-field">
      <span>{pick(label, lang)}</span>
      <select name={k} value={scope[k]} onChange={(e) => pickScope(k, e.target.value)}>
        <option value="">{pick(K.all, lang)}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
  const services = venue?.services.filter((s) => !scope.agencyId || s.agencyId === scope.agencyId) ?? [];
  const counters = venue?.counters.filter((c) => (!scope.agencyId || c.agencyId === scope.agencyId) && (!scope.floor || String(c.floor) === scope.floor)) ?? [];

  return (
    <div className="sv">
      <TopBar page="skm" session={session} lang={lang} toggleLang={toggleLang} logout={logout} />
      <main className="sv-reports skm">
        <form className="sv-card sv-reports__form" onSubmit={(e) => (e.preventDefault(), query && void load(query))}>
          <label className="sv-field">
            <span>{pick(K.period, lang)}</span>
            <select name="period" value={kind} onChange={(e) => setKind(e.target.value as PeriodKind)}>
              {PERIOD_KINDS.map((p) => (
                <option key={p} value={p}>
                  {pick(PERIOD_KIND[p], lang)}
                </option>
              ))}
            </select>
          </label>
          {kind === 'range' ? (
            <>
              <label className="sv-field">
                <span>{pick({ id: 'Dari', en: 'From' }, lang)}</span>
                <input type="date" name="from" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} required />
              </label>
              <label className="sv-field">
                <span>{pick({ id: 'Sampai', en: 'To' }, lang)}</span>
                <input type="date" name="to" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} required />
              </label>
            </>
          ) : (
            <label className="sv-field">
              <span>{pick(K.date, lang)}</span>
              <input type="date" name="day" value={day} onChange={(e) => setDay(e.target.value)} required />
            </label>
          )}
          {sel('floor', K.floor, venue?.floors.map((f) => ({ id: String(f.number), name: f.name })) ?? [])}
          {sel('agencyId', K.agency, venue?.agencies ?? [])}
          {sel('serviceId', K.service, services)}
          {sel('counterId', K.counter, counters)}
          {sel('officerId', K.officer, users)}
          <button type="submit" className="sv-btn sv-btn--primary" disabled={busy || !query}>
            {pick(K.show, lang)}
          </button>
          <div className="skm-actions">
            <button type="button" className="sv-btn" onClick={() => void download('surveys.resultsCsv')} disabled={!result}>
              {pick(K.csv, lang)}
            </button>
            <button type="button" className="sv-btn" onClick={() => void download('surveys.answersCsv')} disabled={!result || result.withheld}>
              {pick(K.csvAnswers, lang)}
            </button>
            <a
              className={`sv-btn${result ? '' : ' is-disabled'}`}
              href={query ? `/counter/supervisor/skm/print?${query}` : undefined}
              target="_blank"
              rel="noreferrer"
              data-testid="skm-print-link"
            >
              {pick(K.print, lang)}
            </a>
          </div>
        </form>
        {error && (
          <div className="sv-note sv-note--error" role="alert">
            <Bilingual text={error} lang={lang} />
          </div>
        )}
        {!result && !error && <p className="sv-muted">{pick(K.loading, lang)}</p>}
        {result && <Results r={result} by={by} setBy={setBy} lang={lang} />}
      </main>
    </div>
  );
}

function Results({ r, by, setBy, lang }: { r: SurveyResults; by: SurveyGroupBy; setBy: (b: SurveyGroupBy) => void; lang: 'id' | 'en' }) {
  const head = (
    <p className="sv-muted">
      {r.scopeLabel} · {r.from === r.to ? r.from : `${r.from} – ${r.to}`}
    </p>
  );
  if (r.withheld)
    return (
      <>
        {head}
        <p className="sv-card sv-empty" data-testid="skm-withheld">
          {pick(K.withheldAll, lang, { n: SURVEY_MIN_GROUP })}
        </p>
      </>
    );
  if (!r.respondents)
    return (
      <>
        {head}
        <p className="sv-card sv-empty" data-testid="skm-empty">
          {pick(K.noAnswers, lang)}
        </p>
      </>
    );
  return (
    <>
      {head}
      <div className="skm-headline">
        <div className="sv-card skm-kpi skm-kpi--main">
          <span className="skm-kpi__label">{pick(K.converted, lang)}</span>
          <strong data-testid="skm-converted">{num(r.converted, 2, lang)}</strong>
          <BandBadge band={r.band} lang={lang} big />
          <small>
            {pick(K.ikm, lang)} {num(r.ikm, 4, lang)}
          </small>
        </div>
        <div className="sv-card skm-kpi">
          <span className="skm-kpi__label">{pick(K.respondents, lang)}</span>
          <strong data-testid="skm-respondents">{r.respondents}</strong>
          <small>{pick(K.sampleOf, lang, { n: r.respondents, min: r.minimumSample, pop: r.population })}</small>
          <em className={r.sampleSufficient ? 'skm-ok' : 'skm-short'}>{pick(r.sampleSufficient ? K.sampleOk : K.sampleShort, lang)}</em>
        </div>
        <div className="sv-card skm-kpi skm-weak">
          <span className="skm-kpi__label">{pick(K.weakest, lang)}</span>
          <ol>
            {r.weakest.slice(0, 3).map((c) => (
              <li key={c}>
                <strong>{c}</strong> {pick(SKM_ELEMENTS.find((e) => e.code === c)!.name, lang)} · {num(r.elements.find((e) => e.code === c)!.nrr, 2, lang)}
              </li>
            ))}
          </ol>
        </div>
      </div>
      <div className="skm-grid">
        <section className="sv-card">
          <h2>{pick(K.elements, lang)}</h2>
          <ElementBars r={r} lang={lang} />
        </section>
        <section className="sv-card">
          <h2>{pick(K.series, lang)}</h2>
          <SeriesChart r={r} lang={lang} />
          <div className="skm-groups-head">
            <h2>{pick(K.groups, lang)}</h2>
            <select name="by" value={by} onChange={(e) => setBy(e.target.value as SurveyGroupBy)} aria-label={pick(K.groupBy, lang)}>
              {SURVEY_GROUPS.map((g) => (
                <option key={g} value={g}>
                  {pick(GROUP_LABEL[g], lang)}
                </option>
              ))}
            </select>
          </div>
          <GroupTable r={r} by={by} lang={lang} />
        </section>
      </div>
      <div className="skm-grid">
        <section className="sv-card">
          <h2>{pick(K.profile, lang)}</h2>
          <ProfileTables r={r} lang={lang} />
        </section>
        <section className="sv-card skm-comments">
          <h2>
            {pick(K.comments, lang)} ({r.comments.length})
          </h2>
          {r.comments.length ? (
            <ul>
              {r.comments.map((c, i) => (
                <li key={i}>
                  <q>{c.text}</q>
                  <small>{c.day}</small>
                </li>
              ))}
            </ul>
          ) : (
            <p className="sv-muted">{pick(K.noComments, lang)}</p>
          )}
        </section>
      </div>
    </>
  );
}
