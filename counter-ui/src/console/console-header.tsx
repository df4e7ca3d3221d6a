import type { ReactNode } from 'react';
import { useEnv } from './console-context';
import { clockWithSeconds } from './format';
import { useNow } from './use-now';

interface Props {
  connected: boolean;
  clockOffset: number;
  userName: string;
  /** The counter block (name, floor, services); the picker shows the venue instead. */
  children?: ReactNode;
  toggleLang: () => void;
  logout: () => void;
  extra?: ReactNode;
}

/** Venue, counter, officer, live connection and the WITA clock, with language and logout. */
export function ConsoleHeader({ connected, clockOffset, userName, children, toggleLang, logout, extra }: Props) {
  const { t, venue } = useEnv();
  const now = useNow(clockOffset);
  return (
    <header className="topbar">
      <div className="topbar__where">
        {children ?? (
          <>
            <div className="topbar__venue">{venue.name}</div>
            <div className="topbar__sub">{venue.building}</div>
          </>
        )}
      </div>
      <div className="topbar__right">
        <span className={`conn ${connected ? 'conn--on' : 'conn--off'}`} role="status" data-connected={connected}>
          <i aria-hidden="true" />
          {t(connected ? 'online' : 'offline')}
        </span>
        <span className="topbar__clock" aria-label="WITA">
          {clockWithSeconds(now, venue.timeZone)} <small>{venue.timeZoneLabel}</small>
        </span>
        <span className="topbar__user">{userName}</span>
        {extra}
        <button type="button" className="btn btn--ghost btn--small" onClick={toggleLang}>
          {t('language')}
        </button>
        <button type="button" className="btn btn--ghost btn--small" onClick={logout}>
          {t('logout')}
        </button>
      </div>
    </header>
  );
}
