import type { Counter, LocalizedText, PublicUser } from '@antre/server/contract';
import type { LiveState } from '../shared/use-live';
import { useEnv } from './console-context';
import { ConsoleHeader } from './console-header';
import { waitingFor } from './console-model';
import { Bilingual } from './notice-bar';
import { StatusChip } from './status-chip';

interface Props {
  user: PublicUser;
  counters: Counter[];
  live: LiveState;
  /** Set when the counter asked for (link, last choice) is not this user's. */
  refused: LocalizedText | null;
  onChoose: (counterId: string) => void;
  toggleLang: () => void;
  logout: () => void;
}

/** "Which counter today?": the officer's own counters, or every counter for supervisors and admins. */
export function CounterPicker({ user, counters, live, refused, onChoose, toggleLang, logout }: Props) {
  const { t, lang, venue, servicePrefix, serviceName } = useEnv();
  const agencies = new Map(venue.agencies.map((a) => [a.id, a]));
  const tickets = [...live.tickets.values()];
  return (
    <div className="app">
      <ConsoleHeader connected={live.connected} clockOffset={live.clockOffset} userName={user.name} toggleLang={toggleLang} logout={logout} />
      <main className="picker">
        <h1>{t('chooseCounter')}</h1>
        <p className="muted">{t('chooseCounterHint', { name: user.name })}</p>
        {refused && (
          <div className="notice notice--error" role="alert" data-code="NOT_YOUR_COUNTER">
            <div className="notice__text">
              <Bilingual text={refused} lang={lang} />
            </div>
          </div>
        )}
        {counters.length === 0 && <p className="notice notice--warn">{t('noCounters')}</p>}
        <ul className="picker__grid">
          {counters.map((c) => {
            const pc = live.counters.get(c.id);
            const waiting = waitingFor(c, tickets).total;
            return (
              <li key={c.id}>
                <button type="button" className="picker__card" data-counter={c.id} onClick={() => onChoose(c.id)}>
                  <span className="picker__name">{c.name}</span>
                  <span className="picker__agency">
                    {agencies.get(c.agencyId)?.shortName} · {t('floor', { n: c.floor })}
                  </span>
                  <span className="picker__services">
                    {c.serviceIds.map((s) => (
                      <span key={s} title={serviceName(s)} className="prefix">
                        {servicePrefix(s)}
                      </span>
                    ))}
                  </span>
                  <span className="picker__state">
                    {pc && <StatusChip status={pc.status} />}
                    {pc?.ticket && <strong>{pc.ticket.number}</strong>}
                    <span>{t('waitingCount', { n: waiting })}</span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </main>
    </div>
  );
}
