import '../styles/supervisor.css';
import { useLang } from '../shared/i18n';
import { useSession } from '../shared/session';
import { MonitorPage } from './monitor-page';
import { ReportsPage } from './reports-page';
import { SkmPage } from './skm/skm-page';
import { SkmPrint } from './skm/skm-print';
import { DayPage } from './day-page';
import { NotAllowed, StaffLogin } from './staff-frame';
import { S } from './texts';

/** /counter/supervisor (live floor monitor), /reports, /skm (visitor satisfaction) and /skm/print, for supervisors and admins. */
export function SupervisorApp() {
  const { lang, toggle } = useLang();
  const { session, login, logout, expire, expired } = useSession();
  if (!session) return <StaffLogin lang={lang} toggleLang={toggle} login={login} expired={expired} />;
  const out = () => void logout();
  if (session.user.role === 'officer') return <NotAllowed session={session} roles={S.rolesSupervisor} lang={lang} logout={out} />;
  const props = { session, lang, toggleLang: toggle, logout: out, expire };
  const path = window.location.pathname;
  if (/\/day\/?$/.test(path)) return <DayPage key={session.token} {...props} />;
  if (/\/skm\/print\/?$/.test(path)) return <SkmPrint key={session.token} {...props} />;
  if (/\/skm\/?$/.test(path)) return <SkmPage key={session.token} {...props} />;
  const reports = /\/reports\/?$/.test(path);
  return reports ? <ReportsPage key={session.token} {...props} /> : <MonitorPage key={session.token} {...props} />;
}
