import { useEffect, useRef, useState } from 'react';
import type { SurveyVisit } from '@antre/server/contract';
import { api, ApiError, whileBusy } from '../shared/api';
import { local, pick, translator, type Lang } from '../shared/i18n';
import { useIdle } from '../kiosk/use-idle';
import { PairingScreen } from '../kiosk/pairing-screen';
import type { PublicVenue } from '../shared/venue-types';
import { SurveyForm, type SurveyAnswer } from './survey-form';
import { SURVEY_TEXT, surveyText, type ST } from './survey-text';
import { useSurveyLive } from './use-survey-live';

const TOKEN_KEY = 'antre.survey.token';

/** URL options: ?pair=CODE pairs once; ?idle=SECONDS shortens the time before an unfinished survey is dropped. */
function readParams(): { pair: string | null; idleSeconds: number } {
  const q = new URLSearchParams(window.location.search);
  const idle = Number(q.get('idle'));
  return { pair: q.get('pair'), idleSeconds: Number.isFinite(idle) && idle > 0 ? idle : 60 };
}

/** The survey tablet at a counter or the exit: paired once, then the visits finished there. */
export function SurveyApp() {
  const [params] = useState(readParams);
  const [token, setToken] = useState<string | null>(() => (params.pair ? null : localStorage.getItem(TOKEN_KEY)));
  const [lang, setLang] = useState<Lang>('id');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const t = surveyText(lang);
  const started = useRef(false);

  const pair = async (code: string) => {
    setBusy(true);
    setError(null);
    try {
      const out = await whileBusy(() => api.call('devices.pair', { body: { code } }));
      localStorage.setItem(TOKEN_KEY, out.token);
      setToken(out.token);
    } catch (e) {
      setError(e instanceof ApiError && e.text ? pick(e.text, lang) : t('networkError'));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    if (!params.pair || started.current) return;
    started.current = true;
    const url = new URL(window.location.href);
    url.searchParams.delete('pair');
    window.history.replaceState(null, '', url.pathname + url.search);
    void pair(params.pair);
  }, []); // once, for the code the page was opened with
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  if (!token) {
    return (
      <PairingScreen
        t={translator(lang)}
        initialCode={params.pair ?? ''}
        busy={busy}
        error={error}
        onLang={() => setLang(lang === 'id' ? 'en' : 'id')}
        onPair={(c) => void pair(c)}
      />
    );
  }
  const unpair = () => {
    localStorage.removeItem(TOKEN_KEY);
    setToken(null);
    setError(pick(SURVEY_TEXT.pairAgain, lang));
  };
  return <SurveyTablet token={token} lang={lang} setLang={setLang} t={t} idleSeconds={params.idleSeconds} onUnpaired={unpair} />;
}

type Phase = { kind: 'idle' } | { kind: 'asking'; visit: SurveyVisit } | { kind: 'thanks' };

function SurveyTablet({
  token,
  lang,
  setLang,
  t,
  idleSeconds,
  onUnpaired,
}: {
  token: string;
  lang: Lang;
  setLang: (l: Lang) => void;
  t: ST;
  idleSeconds: number;
  onUnpaired: () => void;
}) {
  const live = useSurveyLive(token);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toIdle = () => {
    setPhase({ kind: 'idle' });
    setError(null);
    setLang('id');
  };
  // A visitor who walks away mid-survey leaves the tablet ready for the next one; the thanks screen goes by itself.
  useIdle(idleSeconds * 1000, phase.kind === 'asking', toIdle);
  useIdle(6000, phase.kind === 'thanks', toIdle);
  useEffect(() => {
    if (live.unpaired) onUnpaired();
  }, [live.unpaired]);
  // The visit being rated was rated elsewhere (the visitor's phone): nothing left to ask.
  useEffect(() => {
    if (phase.kind === 'asking' && !busy && !live.visits.some((v) => v.ticketId === phase.visit.ticketId)) toIdle();
  }, [live.visits]);

  const submit = async (visit: SurveyVisit, a: SurveyAnswer) => {
    setBusy(true);
    setError(null);
    try {
      await api.call('surveys.submit', { token, body: { ticketId: visit.ticketId, scores: a.scores, comment: a.comment || undefined, profile: a.profile } });
      live.drop(visit.ticketId);
      setPhase({ kind: 'thanks' });
    } catch (e) {
      const err = e instanceof ApiError ? e : null;
      if (err?.code === 'SURVEY_ALREADY_ANSWERED' || err?.code === 'SURVEY_EXPIRED') {
        live.drop(visit.ticketId);
        setPhase({ kind: 'thanks' });
      } else setError(err?.text ? pick(err.text, lang) : t('networkError'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="screen sv-screen" data-screen={`survey-${phase.kind}`}>
      <header className="topbar">
        <div className="topbar-title">
          <h1>{t('appTitle')}</h1>
          {live.venue && <p>{live.venue.name}</p>}
        </div>
        <button type="button" className="btn btn-lang" onClick={() => setLang(lang === 'id' ? 'en' : 'id')}>
          {t('langSwitch')}
        </button>
      </header>
      {!live.online && (
        <div className="banner banner-offline" role="status">
          {t('offline')}
        </div>
      )}
      <main className="screen-body sv-body">
        {phase.kind === 'idle' && <Idle t={t} lang={lang} venue={live.venue} visits={live.visits} onPick={(v) => setPhase({ kind: 'asking', visit: v })} />}
        {phase.kind === 'asking' && (
          <SurveyForm
            key={phase.visit.ticketId}
            t={t}
            lang={lang}
            heading={visitHeading(phase.visit, live.venue, lang, t)}
            busy={busy}
            error={error}
            onSubmit={(a) => void submit(phase.visit, a)}
            onCancel={toIdle}
          />
        )}
        {phase.kind === 'thanks' && (
          <section className="sv-thanks" role="status" data-testid="survey-thanks">
            <h2>{t('thanksTitle')}</h2>
            <p>{t('thanksBody')}</p>
          </section>
        )}
      </main>
    </div>
  );
}

function Idle({ t, lang, venue, visits, onPick }: { t: ST; lang: Lang; venue: PublicVenue | null; visits: SurveyVisit[]; onPick: (v: SurveyVisit) => void }) {
  return (
    <section className="sv-idle">
      <h2>{t('idleTitle')}</h2>
      <p>{t('idleBody')}</p>
      {visits.length ? (
        <>
          <p className="sv-touch">{t('touchYourNumber')}</p>
          <div className={`sv-visits sv-visits-${Math.min(visits.length, 3)}`}>
            {visits.map((v) => (
              <button key={v.ticketId} type="button" className="sv-visit-card" data-testid="survey-visit" data-ticket={v.ticketId} onClick={() => onPick(v)}>
                <strong>{v.number}</strong>
                <span>{visitLine(v, venue, lang, t)}</span>
                <em>{t('start')}</em>
              </button>
            ))}
          </div>
        </>
      ) : (
        <p className="sv-none">{t('idleNone')}</p>
      )}
    </section>
  );
}

function visitLine(v: SurveyVisit, venue: PublicVenue | null, lang: Lang, t: ST): string {
  const s = venue?.services.find((x) => x.id === v.serviceId);
  const c = venue?.counters.find((x) => x.id === v.counterId);
  return t('visitLine', { service: s ? local(s.name, s.nameEn, lang) : v.serviceId, counter: c?.name ?? '' });
}

function visitHeading(v: SurveyVisit, venue: PublicVenue | null, lang: Lang, t: ST): string {
  return `${v.number} · ${visitLine(v, venue, lang, t)}`;
}
