import '@antre/counter-ui/styles/supervisor.css';
import '@antre/counter-ui/styles/skm.css';
import './styles/hub.css';
import { useState } from 'react';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { pick, useLang } from '@antre/counter-ui/shared/i18n';
import { Bilingual } from '@antre/counter-ui/supervisor/staff-frame';
import { HubLoginPage, HubTopBar, type HubPageProps } from './frame';
import { isHubAuthError } from './shared/hub-api';
import { useRoute } from './shared/route';
import { useHubSession } from './shared/session';
import { AllSitesPage } from './sites/all-sites-page';
import { SitePage } from './site/site-page';
import { ReportsPage } from './reports/reports-page';
import { AdminPage } from './admin/admin-page';
import { H } from './texts';

/** The hub's pages: log in, then all sites live, one site, reports, and (hub admins) central admin. */
export function App() {
  const { lang, toggle } = useLang();
  const { session, login, logout, expire, expired } = useHubSession();
  // One cache for every page; any answer saying the token is no longer accepted ends the session.
  const [client] = useState(() => {
    const onError = (e: unknown) => isHubAuthError(e) && expire();
    return new QueryClient({
      queryCache: new QueryCache({ onError }),
      mutationCache: new MutationCache({ onError }),
      defaultOptions: { queries: { retry: (n, e) => !isHubAuthError(e) && n < 2, refetchOnWindowFocus: false } },
    });
  });
  if (!session) return <HubLoginPage lang={lang} toggleLang={toggle} login={login} expired={expired} />;
  const out = () => {
    client.clear();
    logout();
  };
  return (
    <QueryClientProvider client={client}>
      <Pages key={session.token} session={session} lang={lang} toggleLang={toggle} logout={out} />
    </QueryClientProvider>
  );
}

function Pages(props: HubPageProps) {
  const route = useRoute();
  if (route.page === 'site') return <SitePage {...props} siteId={route.siteId} />;
  if (route.page === 'reports') return <ReportsPage {...props} />;
  if (route.page === 'admin') {
    if (props.session.user.role !== 'hub-admin') {
      const vars = { name: props.session.user.username, role: props.session.user.role };
      return (
        <div className="sv">
          <HubTopBar {...props} route={route} />
          <main className="hub-main">
            <p className="sv-note sv-note--error" role="alert">
              <Bilingual text={H.adminOnly} lang={props.lang} vars={vars} />
            </p>
            <a className="sv-btn" href="#/">
              {pick(H.navSites, props.lang)}
            </a>
          </main>
        </div>
      );
    }
    return <AdminPage {...props} />;
  }
  return <AllSitesPage {...props} />;
}
