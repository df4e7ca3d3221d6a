import { useEffect, useState } from 'react';
import { localTime } from '@antre/server/contract';
import { pick } from '../shared/i18n';
import { useLive } from '../shared/use-live';
import { AlertsPanel } from './alerts-panel';
import { AnnouncementsEditor } from './announcements-editor';
import { CounterTiles } from './counter-tiles';
import { DevicesPanel } from './devices-panel';
import { MessagesPanel } from './messages-panel';
import { RerouteDialog } from './reroute-dialog';
import { ServiceTable } from './service-table';
import { TopBar, type StaffPageProps } from './staff-frame';
import { S } from './texts';
import { useNow, useVenue } from './use-staff-data';
import { useServerAlerts } from './use-server-alerts';

/**
 * The live floor monitor. Alerts come from the server, which evaluates them every few seconds
 * and after every command whether this page is open or not, and pushes them here.
 */
export function MonitorPage({ session, lang, toggleLang, logout, expire }: StaffPageProps) {
  const { state, socket } = useLive(session.token);
  const venue = useVenue(state.venueVersion);
  const now = useNow(state.clockOffset);
  const [reroute, setReroute] = useState<string | null>(null);
  useEffect(() => {
    if (state.authError) expire();
  }, [state.authError, expire]);
  const { active, ack } = useServerAlerts(socket, session.token, state.connected);
  const clockText = venue ? `${localTime(now, venue.timeZone)} ${venue.timeZoneLabel}` : '';
  return (
    <div className="sv">
      <TopBar
        page="monitor"
        session={session}
        lang={lang}
        toggleLang={toggleLang}
        logout={logout}
        connected={state.connected}
        right={<span className="sv-clock">{clockText}</span>}
      />
      {!venue || !state.snapshot ? (
        <p className="sv-loading">{pick(S.loading, lang)}</p>
      ) : (
        <main className="sv-monitor">
          <AlertsPanel alerts={active ?? []} lang={lang} timeZone={venue.timeZone} onReroute={setReroute} onAck={(id) => void ack(id)} />
          <div className="sv-monitor__grid">
            <div className="sv-monitor__floors">
              {venue.floors.map((f) => (
                <section key={f.number} className="sv-floor" aria-labelledby={`sv-floor-${f.number}`}>
                  <h2 id={`sv-floor-${f.number}`}>{lang === 'en' ? (f.nameEn ?? f.name) : f.name}</h2>
                  <CounterTiles venue={venue} floor={f.number} counters={state.counters} now={now} lang={lang} />
                  <ServiceTable venue={venue} floor={f.number} queues={state.queues} now={now} lang={lang} token={session.token} onReroute={setReroute} />
                </section>
              ))}
            </div>
            <aside className="sv-monitor__side">
              <AnnouncementsEditor live={state.announcements} token={session.token} lang={lang} />
              <DevicesPanel token={session.token} socket={socket} now={now} lang={lang} isAdmin={session.user.role === 'admin'} tz={venue.timeZone} />
              <MessagesPanel token={session.token} now={now} lang={lang} timeZone={venue.timeZone} />
            </aside>
          </div>
        </main>
      )}
      {reroute && venue && (
        <RerouteDialog
          venue={venue}
          tickets={state.tickets}
          counterStates={state.counters}
          serviceId={reroute}
          now={now}
          lang={lang}
          token={session.token}
          onClose={() => setReroute(null)}
        />
      )}
    </div>
  );
}
