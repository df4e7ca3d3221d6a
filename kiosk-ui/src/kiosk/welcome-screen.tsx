import { localTime } from '@antre/server/contract';
import type { Lang, T } from '../shared/i18n';
import type { PublicVenue } from '../shared/venue-types';
import { LangButton, LinkBanner } from './frame';
import { Icon } from './icons';
import type { LinkStatus } from './use-kiosk-live';
import { clock } from './wording';

interface Props {
  t: T;
  lang: Lang;
  venue: PublicVenue | null;
  status: LinkStatus;
  now: number;
  onLang: () => void;
  onStart: () => void;
  /** "Saya sudah daftar online": shown when the venue takes bookings. */
  onCheckIn?: () => void;
}

/** First screen: one big obvious target, and the three steps in plain words. */
export function WelcomeScreen({ t, lang, venue, status, now, onLang, onStart, onCheckIn }: Props) {
  return (
    <div className="screen screen-welcome" data-screen="welcome">
      <header className="welcome-head">
        <div>
          <h1>{venue?.name ?? 'Antre'}</h1>
          <p>{venue?.building}</p>
        </div>
        <div className="welcome-clock" aria-label="clock">
          {venue ? `${clock(localTime(now, venue.timeZone), lang)} ${venue.timeZoneLabel}` : ''}
        </div>
        <LangButton t={t} onLang={onLang} />
      </header>
      <LinkBanner t={t} status={status} />
      <main className="welcome-body">
        <button type="button" className="welcome-start" data-testid="start" onClick={onStart} disabled={!venue}>
          <span className="welcome-hello">{t('welcome')}</span>
          <span className="welcome-touch">
            <Icon name="tap" size={120} />
            {t('welcomeStart')}
          </span>
        </button>
        {onCheckIn && (
          <button type="button" className="welcome-checkin" data-testid="checkin-start" onClick={onCheckIn} disabled={!venue}>
            {t('ciButton')}
            <small>{t('ciButtonSub')}</small>
          </button>
        )}
        <ol className="welcome-steps">
          <li>
            <b>1</b>
            {t('step1')}
          </li>
          <li>
            <b>2</b>
            {t('step2')}
          </li>
          <li>
            <b>3</b>
            {t('step3')}
          </li>
        </ol>
        <p className="welcome-help">{t('welcomeHelp')}</p>
      </main>
    </div>
  );
}
