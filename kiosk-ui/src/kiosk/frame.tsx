import type { ReactNode } from 'react';
import type { T } from '../shared/i18n';
import { Icon } from './icons';
import { ScrollArea } from './scroll-area';
import type { LinkStatus } from './use-kiosk-live';

interface FrameProps {
  t: T;
  title: string;
  subtitle?: string;
  status: LinkStatus;
  onLang: () => void;
  onBack?: () => void;
  onHome?: () => void;
  screen: string;
  /** An agency's picture beside the title, so the choice made is visible. */
  badge?: { icon: string; color: string };
  /** A screen's own control in the top bar (the agency screen's search). */
  action?: ReactNode;
  /** false: the screen lays itself out in the full height (search keeps its keys still). */
  scroll?: boolean;
  children: ReactNode;
}

/** The same frame on every screen: back and home on the left, language on the right, link state. */
export function Frame({ t, title, subtitle, status, onLang, onBack, onHome, screen, badge, action, scroll = true, children }: FrameProps) {
  return (
    <div className={`screen screen-${screen}`} data-screen={screen}>
      <header className="topbar">
        <div className="topbar-nav">
          {onBack && (
            <button type="button" className="btn btn-nav" data-testid="back" onClick={onBack}>
              <Icon name="back" size={40} /> <span>{t('back')}</span>
            </button>
          )}
          {onHome && (
            <button type="button" className="btn btn-nav" data-testid="home" onClick={onHome}>
              <Icon name="home" size={40} /> <span>{t('home')}</span>
            </button>
          )}
        </div>
        <div className="topbar-title">
          {badge && (
            <span className="title-badge" style={{ background: badge.color }}>
              <Icon name={badge.icon} size={56} />
            </span>
          )}
          <div>
            <h1>{title}</h1>
            {subtitle && <p>{subtitle}</p>}
          </div>
        </div>
        {action}
        <LangButton t={t} onLang={onLang} />
      </header>
      <LinkBanner t={t} status={status} />
      {scroll ? (
        <ScrollArea t={t} className="screen-body">
          {children}
        </ScrollArea>
      ) : (
        <main className="screen-body screen-body-fixed">{children}</main>
      )}
    </div>
  );
}

/** Switches Bahasa Indonesia / English; shows the language it switches to, in that language. */
export function LangButton({ t, onLang }: { t: T; onLang: () => void }) {
  return (
    <button type="button" className="btn btn-lang" data-testid="lang" onClick={onLang}>
      <Icon name="globe" size={40} /> <span>{t('langSwitch')}</span>
    </button>
  );
}

/** Says plainly when the server cannot be reached, so nobody waits for a ticket that cannot come. */
export function LinkBanner({ t, status }: { t: T; status: LinkStatus }) {
  if (status === 'online') return null;
  if (status === 'connecting')
    return (
      <div className="banner banner-info" role="status">
        {t('connecting')}
      </div>
    );
  return (
    <div className="banner banner-offline" role="alert" data-testid="offline">
      <Icon name="alert" size={48} />
      <div>
        <strong>{t('offlineTitle')}</strong>
        <span>{t('offlineBody')}</span>
      </div>
    </div>
  );
}
