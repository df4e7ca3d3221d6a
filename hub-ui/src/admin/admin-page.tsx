import { HubTopBar, type HubPageProps } from '../frame';
import { ConfigAdmin } from './config-admin';
import { SitesAdmin } from './sites-admin';
import { UsersAdmin } from './users-admin';

/** Central admin (hub admins only): the sites and their credentials, a site's settings, hub users. */
export function AdminPage(props: HubPageProps) {
  const { session, lang } = props;
  return (
    <div className="sv">
      <HubTopBar {...props} route={{ page: 'admin' }} />
      <main className="hub-main hub-admin">
        <div className="hub-admin__col">
          <section className="sv-card" data-testid="admin-sites">
            <SitesAdmin token={session.token} lang={lang} />
          </section>
          <section className="sv-card" data-testid="admin-users">
            <UsersAdmin token={session.token} lang={lang} />
          </section>
        </div>
        <section className="sv-card" data-testid="admin-config">
          <ConfigAdmin token={session.token} lang={lang} />
        </section>
      </main>
    </div>
  );
}
