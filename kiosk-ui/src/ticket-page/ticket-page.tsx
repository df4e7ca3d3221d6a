import { useEffect, useRef, useState } from 'react';
import { localTime, type TicketView } from '@antre/server/contract';
import { estimateText, startsText } from '../shared/format';
import { local, translator, type Lang, type T } from '../shared/i18n';
import type { PublicVenue } from '../shared/venue-types';
import { PhoneSurvey } from '../survey/phone-survey';
import { CallAlert } from './alert';
import { NotifyForm } from './notify-form';
import { useTicketLive } from './use-ticket-live';

const LANG_KEY = 'antre.ticket.lang';

interface Moved {
  from: string;
  to: string;
  serviceId: string;
}

/** The visitor's phone page behind the QR: place in line, then where to go when called. */
export function TicketPage({ initialId }: { initialId: string }) {
  const [ticketId, setTicketId] = useState(initialId);
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'id'));
  const [moved, setMoved] = useState<Moved | null>(null);
  const [soundOn, setSoundOn] = useState(false);
  const alert = useRef<CallAlert | null>(null);
  const last = useRef<{ id: string; status: string; recalls: number } | null>(null);
  const { online, view, notFound, venue } = useTicketLive(ticketId);
  const t = translator(lang);

  useEffect(() => {
    if (!view || view.id !== ticketId) return;
    const prev = last.current?.id === view.id ? last.current : null;
    last.current = { id: view.id, status: view.status, recalls: view.recalls };
    if (view.status === 'called' && prev && (prev.status !== 'called' || prev.recalls !== view.recalls)) {
      alert.current ??= new CallAlert();
      alert.current.ring();
    }
    if (view.status === 'transferred' && view.transferredTo) {
      setMoved({ from: view.number, to: view.transferredTo.number, serviceId: view.transferredTo.serviceId });
      window.history.replaceState(null, '', `/t/${view.transferredTo.id}`);
      setTicketId(view.transferredTo.id);
    }
    const tr = translator(lang);
    document.title = `${view.number} – ${tr(view.status === 'called' ? 'tpCalled' : 'tpTitle')}`;
  }, [view, ticketId, lang]);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const switchLang = () => {
    const next = lang === 'id' ? 'en' : 'id';
    localStorage.setItem(LANG_KEY, next);
    setLang(next);
  };
  const enableSound = () => {
    alert.current ??= new CallAlert();
    setSoundOn(alert.current.unlock());
    navigator.vibrate?.(80);
    // A sleeping phone hears nothing: keep the screen on while this page is open (where allowed).
    navigator.wakeLock?.request('screen').catch(() => undefined);
  };
  const current = view && view.id === ticketId ? view : null;

  return (
    <div className={`tp tp-is-${current?.status ?? 'loading'}`} data-testid="ticket-page" data-status={current?.status ?? ''}>
      <header className="tp-head">
        <span>{venue?.name ?? t('tpTitle')}</span>
        <button type="button" className="tp-lang" onClick={switchLang}>
          {t('langSwitch')}
        </button>
      </header>
      {!online && !notFound && current && (
        <div className="tp-offline" role="status">
          {t('tpOffline')}
        </div>
      )}
      {notFound && !current && (
        <p className="tp-final" role="alert">
          {t('tpNotFound')}
        </p>
      )}
      {!notFound && !current && <p className="tp-loading">{t('loading')}</p>}
      {moved && (
        <p className="tp-moved" role="status">
          {t('tpTransferred', { service: serviceName(venue, moved.serviceId, lang), number: moved.to })}
        </p>
      )}
      {current && (
        <>
          <section className="tp-ticket">
            <p className="tp-label">{t('yourNumber')}</p>
            <p className="tp-number" data-testid="tp-number">
              {current.number}
            </p>
            <p className="tp-service">{serviceName(venue, current.serviceId, lang)}</p>
            {current.prioritized && <p className="tp-priority">{t('priorityQueue')}</p>}
          </section>
          <StatusPanel t={t} lang={lang} view={current} venue={venue} />
          {current.status === 'done' && <PhoneSurvey ticketId={current.id} number={current.number} lang={lang} />}
          {(current.status === 'waiting' || current.status === 'held') && (
            <section className="tp-sound">
              <p>{t('tpKeepOpen')}</p>
              <button type="button" className={`tp-sound-btn${soundOn ? ' is-on' : ''}`} onClick={enableSound}>
                {soundOn ? t('tpSoundReady') : t('tpSoundOn')}
              </button>
            </section>
          )}
          {current.status === 'waiting' && <NotifyForm t={t} lang={lang} ticketId={current.id} venue={venue} />}
          {venue && <p className="tp-issued">{t('tpIssuedAt', { time: localTime(current.issuedAt, venue.timeZone) })}</p>}
        </>
      )}
    </div>
  );
}

function StatusPanel({ t, lang, view, venue }: { t: T; lang: Lang; view: TicketView; venue: PublicVenue | null }) {
  const counter = venue?.counters.find((c) => c.id === view.counterId);
  const counterName = counter?.name ?? view.counterId ?? '';
  const counterFloor = counter ? venue?.floors.find((f) => f.number === counter.floor) : undefined;
  switch (view.status) {
    case 'waiting': {
      const floor = venue?.floors.find((f) => f.number === view.floor);
      const area = venue?.counters.find((c) => c.serviceIds.includes(view.serviceId) && c.waitingArea)?.waitingArea;
      return (
        <section className="tp-panel" data-testid="tp-waiting">
          <div className="tp-stats">
            <div>
              <span>{t('tpPosition')}</span>
              <strong data-testid="tp-position">{t('tpPositionN', { n: view.ahead + 1 })}</strong>
            </div>
            <div>
              <span>{t('tpAhead')}</span>
              <strong data-testid="tp-ahead">{t('peopleN', { n: view.ahead })}</strong>
            </div>
            <div className="tp-wide">
              <span>{t('estimatedWait')}</span>
              <strong>{estimateText(t, view.estimatedWaitMinutes)}</strong>
            </div>
          </div>
          {venue && view.serviceStartsAt !== null && (
            <p className="tp-where" data-testid="tp-starts">
              {startsText(t, lang, view.serviceStartsAt, Date.now(), venue.timeZone, venue.timeZoneLabel)}
            </p>
          )}
          <p className="tp-where">
            <span>{t('whereToWait')}:</span> {floor ? local(floor.name, floor.nameEn, lang) : ''}
            {area ? ` · ${area}` : ''}
          </p>
        </section>
      );
    }
    case 'called':
      return (
        <section className="tp-panel tp-called" role="alert" data-testid="tp-called">
          <p className="tp-called-title">{t('tpCalled')}</p>
          <p>{t('tpGoTo')}</p>
          <p className="tp-counter" data-testid="tp-counter">
            {counterName}
          </p>
          {/* Where the counter is (its floor), not where to wait: the visitor is on the way. */}
          {counterFloor && (
            <p className="tp-counter-floor" data-testid="tp-counter-floor">
              {local(counterFloor.name, counterFloor.nameEn, lang)}
            </p>
          )}
          {view.recalls > 0 && <p className="tp-recall">{t('tpRecall', { n: view.recalls + 1 })}</p>}
          <p className="tp-warning" data-testid="tp-warning">
            {t('tpMissWarning')}
          </p>
        </section>
      );
    case 'serving':
      return (
        <section className="tp-panel" data-testid="tp-serving">
          <p>{t('tpServing')}</p>
          <p className="tp-counter">{counterName}</p>
        </section>
      );
    case 'held':
      return (
        <section className="tp-panel">
          <p>{t('tpHeld')}</p>
        </section>
      );
    case 'done':
      return (
        <section className="tp-panel tp-final" data-testid="tp-done">
          <p>{view.outcome && view.outcome.outcome !== 'selesai' ? t(`tpOutcome_${view.outcome.outcome}`) : t('tpDone')}</p>
          {view.outcome && view.outcome.missing.length > 0 && (
            <ul className="tp-missing" data-testid="tp-missing">
              {view.outcome.missing.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
          {view.outcome?.agencyId && <p>{venue?.agencies.find((a) => a.id === view.outcome!.agencyId)?.name ?? view.outcome.agencyId}</p>}
          {view.outcome?.reason && <p>{view.outcome.reason}</p>}
        </section>
      );
    case 'no_show':
      return (
        <section className="tp-panel tp-final">
          <p>{t('tpNoShow')}</p>
        </section>
      );
    case 'expired':
      return (
        <section className="tp-panel tp-final">
          <p>{t('tpExpired')}</p>
        </section>
      );
    case 'transferred':
      return null;
  }
}

function serviceName(venue: PublicVenue | null, serviceId: string, lang: Lang): string {
  const s = venue?.services.find((x) => x.id === serviceId);
  return s ? local(s.name, s.nameEn, lang) : '';
}
