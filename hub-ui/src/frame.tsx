import type { ReactNode } from 'react';
import type { LocalizedText } from '@antre/server/contract';
import { pick, type Lang } from '@antre/counter-ui/shared/i18n';
import { StaffLogin } from '@antre/counter-ui/supervisor/staff-frame';
import type { HubSession } from './shared/session';
import { routeHref, type HubRoute } from './shared/route';
import { H } from './texts';

/** What every hub page gets from the frame around it. */
export interface HubPageProps {
  session: HubSession;
  lang: Lang;
  toggleLang: () => void;
  logout: () => void;
}

/** Log-in card for hub users (`POST /hub/v1/auth/login`): the staff pages' own card, with the hub's name. */
export function HubLoginPage(props: { lang: Lang; toggleLang: () => void; login: (u: string, p: string) => Promise<unknown>; expired: boolean }) {
  return <StaffLogin {...props} brand={pick(H.brand, props.lang)} title={H.loginTitle} />;
}

/** The bar over every hub page: where am I, where else can I go, is the hub answering, who am I. */
export function HubTopBar({ route, session, lang, toggleLang, logout, status }: HubPageProps & { route: HubRoute; status?: ReactNode }) {
  const links: { route: HubRoute; text: LocalizedText }[] = [
    { route: { page: 'sites' }, text: H.navSites },
    { route: { page: 'reports' }, text: H.navReports },
  ];
  if (session.user.role === 'hub-admin') links.push({ route: { page: 'admin' }, text: H.navAdmin });
  const current = route.page === 'site' ? 'sites' : route.page;
  return (
    <header className="sv-top">
      <div className="sv-top__brand">{pick(H.brand, lang)}</div>
      <nav className="sv-top__nav">
        {links.map((l) => (
          <a
            key={l.route.page}
            href={routeHref(l.route)}
            className={l.route.page === current ? 'is-current' : ''}
            aria-current={l.route.page === current ? 'page' : undefined}
          >
            {pick(l.text, lang)}
          </a>
        ))}
      </nav>
      <div className="sv-top__right">
        {status}
        <button type="button" className="sv-link" onClick={toggleLang}>
          {pick(H.language, lang)}
        </button>
        <span className="sv-top__user">{session.user.username}</span>
        <button type="button" className="sv-btn sv-btn--small" onClick={logout}>
          {pick(H.logout, lang)}
        </button>
      </div>
    </header>
  );
}

/** Shown when the hub stopped answering the poll: the figures on screen are from then. */
export function HubStatus({ failing, lastAt, lang, timeText }: { failing: boolean; lastAt: number; lang: Lang; timeText: (t: number) => string }) {
  if (!failing) return null;
  return (
    <span className="sv-conn is-off" role="status">
      {pick(H.hubUnreachable, lang, { t: lastAt ? timeText(lastAt) : '—' })}
    </span>
  );
}
