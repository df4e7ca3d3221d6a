import { pick, type Lang } from '../shared/i18n';
import type { Session } from '../shared/session';
import { Bilingual } from './notice-bar';
import { T } from './texts';
import { useLoginForm } from '../shared/use-login-form';

interface Props {
  lang: Lang;
  toggleLang: () => void;
  login: (username: string, password: string) => Promise<Session>;
  expired: boolean;
  compact: boolean;
}

/** Username and password; says why when a refused session brought the officer back here. */
export function LoginScreen({ lang, toggleLang, login, expired, compact }: Props) {
  const { username, setUsername, password, setPassword, busy, error, submit } = useLoginForm(login);
  return (
    <main className={`login ${compact ? 'login--compact' : ''}`}>
      <form className="login__card" onSubmit={submit} aria-label={pick(T.loginTitle, lang)}>
        <div className="login__brand">{pick(T.appName, lang)}</div>
        <h1>{pick(T.loginTitle, lang)}</h1>
        {expired && !error && (
          <p className="notice notice--warn" role="status">
            {pick(T.sessionExpired, lang)}
          </p>
        )}
        {error && (
          <div className="notice notice--error" role="alert">
            <Bilingual text={error} lang={lang} />
          </div>
        )}
        <label>
          <span>{pick(T.username, lang)}</span>
          <input
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            autoFocus
          />
        </label>
        <label>
          <span>{pick(T.password, lang)}</span>
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        <button className="btn btn--primary btn--wide" type="submit" disabled={busy}>
          {pick(busy ? T.loggingIn : T.loginButton, lang)}
        </button>
        <button className="link" type="button" onClick={toggleLang}>
          {pick(T.language, lang)}
        </button>
        {compact && <p className="login__hint">{pick(T.buttonHint, lang)}</p>}
      </form>
    </main>
  );
}
