import '../styles/supervisor.css';
import { useEffect, useState } from 'react';
import type { LocalizedText } from '@antre/server/contract';
import { pick, useLang } from '../shared/i18n';
import { useSession } from '../shared/session';
import { NotAllowed, StaffLogin, TopBar } from '../supervisor/staff-frame';
import { S } from '../supervisor/texts';
import { useVenue } from '../supervisor/use-staff-data';
import { DevicesTab } from './devices-tab';
import { StaffTab } from './staff-tab';
import { A } from './texts';
import { VenueTab } from './venue-tab';

type Tab = 'venue' | 'staff' | 'devices';
const TABS: [Tab, LocalizedText][] = [
  ['venue', A.tabVenue],
  ['staff', A.tabStaff],
  ['devices', A.tabDevices],
];

const tabOf = (hash: string): Tab => (hash === '#staff' ? 'staff' : hash === '#devices' ? 'devices' : 'venue');

/** /counter/admin: venue and services, staff accounts, devices and pairing. Admins only. */
export function AdminApp() {
  const { lang, toggle } = useLang();
  const { session, login, logout, expired } = useSession();
  const [tab, setTab] = useState<Tab>(() => tabOf(window.location.hash));
  // Staff and device forms list counters and kiosks: take the venue afresh on every tab switch (after edits).
  const [visits, setVisits] = useState(0);
  const venue = useVenue(visits);
  useEffect(() => {
    const on = () => (setTab(tabOf(window.location.hash)), setVisits((n) => n + 1));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  if (!session) return <StaffLogin lang={lang} toggleLang={toggle} login={login} expired={expired} />;
  const out = () => void logout();
  if (session.user.role !== 'admin') return <NotAllowed session={session} roles={S.rolesAdmin} lang={lang} logout={out} />;
  return (
    <div className="sv">
      <TopBar page="admin" session={session} lang={lang} toggleLang={toggle} logout={out} />
      <main className="sv-admin">
        <nav className="sv-tabs" role="tablist">
          {TABS.map(([t, text]) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={t === tab}
              className={t === tab ? 'is-current' : ''}
              onClick={() => (window.location.hash = t)}
            >
              {pick(text, lang)}
            </button>
          ))}
        </nav>
        {tab === 'venue' && <VenueTab token={session.token} lang={lang} />}
        {tab === 'staff' && venue && <StaffTab token={session.token} venue={venue} lang={lang} />}
        {tab === 'devices' && venue && <DevicesTab token={session.token} venue={venue} lang={lang} />}
      </main>
    </div>
  );
}
