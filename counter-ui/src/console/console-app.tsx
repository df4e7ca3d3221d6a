import '../styles/console.css';
import { useLang } from '../shared/i18n';
import { useSession } from '../shared/session';
import { ButtonDevice, storedDevice } from './button-device';
import { LoginScreen } from './login-screen';
import { OfficerConsole } from './officer-console';

/**
 * The officer console at /counter, and the tiny call-button layout at /counter/button
 * (a phone at the desk: logged in as an officer, or paired once as a counter's call button).
 */
export function ConsoleApp({ compact }: { compact: boolean }) {
  const { lang, toggle } = useLang();
  const { session, login, logout, expire, expired } = useSession();
  const pairCode = compact ? new URLSearchParams(window.location.search).get('pair') : null;
  if (compact && (pairCode || storedDevice())) return <ButtonDevice pairCode={pairCode} lang={lang} toggleLang={toggle} />;
  if (!session) return <LoginScreen lang={lang} toggleLang={toggle} login={login} expired={expired} compact={compact} />;
  return <OfficerConsole key={session.token} session={session} lang={lang} toggleLang={toggle} logout={logout} expire={expire} compact={compact} />;
}
