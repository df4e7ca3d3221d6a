import type { ReactNode } from 'react';
import type { LocalizedText, Role } from '@antre/server/contract';
import { pick, type Lang } from '../shared/i18n';
import type { Session } from '../shared/session';
import { S } from './texts';
import { K } from './skm/skm-texts';
import { useLoginForm } from '../shared/use-login-form';

type Vars = Record<string, string | number>;

/** A message in the screen language with the other language beneath it (alerts, refusals); vars may differ per language. */
export function Bilingual({ text, lang, vars }: { text: LocalizedText; lang: Lang; vars?: Vars | ((l: Lang) => Vars) }) {
  const other: Lang = lang === 'id' ? 'en' : 'id';
  const v = (l: Lang) => (typeof vars === 'function' ? vars(l) : vars);
  return (
    <>
      <span className="sv-bi__main" lang={lang}>
        {pick(text, lang, v(lang))}
      </span>
      <span className="sv-bi__other" lang={other}>
        {pick(text, other, v(other))}
      </span>
    </>
  );
}

/** Log-in card for the supervisor and admin pages (and, with its own brand and title, the hub's). */
export function StaffLogin({
  lang,
  toggleLang,
  login,
  expired,
  brand = 'Antre · MPP',
  title = S.loginTitle,
}: {
  lang: Lang;
  toggleLang: () => void;
  login: (u: string, p: string) => Promise<unknown>;
  expired: boolean;
  brand?: string;
  title?: LocalizedText;
}) {
  const { username, setUsername, password, setPassword, busy, error, submit } = useLoginForm(login);
  return (
    <main className="sv sv-login">
      <form className="sv-card sv-login__card" onSubmit={submit}>
        <div className="sv-login__brand">{brand}</div>
        <h1>{pick(title, lang)}</h1>
        {expired && !error && (
          <p className="sv-note sv-note--warn" role="status">
            {pick(S.sessionExpired, lang)}
          </p>
        )}
        {error && (
          <p className="sv-note sv-note--error" role="alert">
            <Bilingual text={error} lang={lang} />
          </p>
        )}
        <label className="sv-field">
          <span>{pick(S.username, lang)}</span>
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        </label>
        <label className="sv-field">
          <span>{pick(S.password, lang)}</span>
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        <button className="sv-btn sv-btn--primary" type="submit" disabled={busy}>
          {pick(busy ? S.checking : S.loginButton, lang)}
        </button>
        <button className="sv-link" type="button" onClick={toggleLang}>
          {pick(S.language, lang)}
        </button>
      </form>
    </main>
  );
}

/** Logged in, but with a role this page is not for. */
export function NotAllowed({ session, roles, lang, logout }: { session: Session; roles: LocalizedText; lang: Lang; logout: () => void }) {
  const vars = (l: Lang) => ({ roles: pick(roles, l), name: session.user.name, role: session.user.role });
  return (
    <main className="sv sv-login">
      <div className="sv-card sv-login__card" role="alert">
        <h1>403</h1>
        <p className="sv-note sv-note--error">
          <Bilingual text={S.notAllowed} lang={lang} vars={vars} />
        </p>
        <a className="sv-btn" href="/counter">
          {pick(S.consoleLink, lang)}
        </a>
        <button className="sv-btn sv-btn--primary" type="button" onClick={logout}>
          {pick(S.otherAccount, lang)}
        </button>
      </div>
    </main>
  );
}

export type Page = 'monitor' | 'reports' | 'skm' | 'day' | 'admin';

/** The bar over every supervisor and admin page: where am I, where else can I go, who am I. */
export function TopBar(props: {
  page: Page;
  session: Session;
  lang: Lang;
  toggleLang: () => void;
  logout: () => void;
  connected?: boolean;
  right?: ReactNode;
}) {
  const { page, session, lang } = props;
  const role: Role = session.user.role;
  const links: { page: Page; href: string; text: LocalizedText }[] = [
    { page: 'monitor', href: '/counter/supervisor', text: S.monitorTitle },
    { page: 'reports', href: '/counter/supervisor/reports', text: S.reportsTitle },
    { page: 'skm', href: '/counter/supervisor/skm', text: K.navTitle },
    { page: 'day', href: '/counter/supervisor/day', text: S.dayTitle },
  ];
  if (role === 'admin') links.push({ page: 'admin', href: '/counter/admin', text: S.adminTitle });
  return (
    <header className="sv-top">
      <div className="sv-top__brand">Antre</div>
      <nav className="sv-top__nav">
        {links.map((l) => (
          <a key={l.page} href={l.href} className={l.page === page ? 'is-current' : ''} aria-current={l.page === page ? 'page' : undefined}>
            {pick(l.text, lang)}
          </a>
        ))}
      </nav>
      <div className="sv-top__right">
        {props.right}
        {props.connected !== undefined && (
          <span className={`sv-conn ${props.connected ? 'is-on' : 'is-off'}`} role="status">
            {pick(props.connected ? S.online : S.offline, lang)}
          </span>
        )}
        <button type="button" className="sv-link" onClick={props.toggleLang}>
          {pick(S.language, lang)}
        </button>
        <span className="sv-top__user">{session.user.name}</span>
        <button type="button" className="sv-btn sv-btn--small" onClick={props.logout}>
          {pick(S.logout, lang)}
        </button>
      </div>
    </header>
  );
}

/** A modal dialog: a title, its content, closed by Escape or the backdrop. */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  return (
    <div
      className="sv-modal"
      role="presentation"
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <section className="sv-modal__box" role="dialog" aria-modal="true" aria-label={title}>
        <h2>{title}</h2>
        {children}
      </section>
    </div>
  );
}

/** What every supervisor page gets from the frame around it. */
export interface StaffPageProps {
  session: Session;
  lang: Lang;
  toggleLang: () => void;
  logout: () => void;
  expire: () => void;
}
