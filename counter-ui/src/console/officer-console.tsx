import { useCallback, useEffect, useMemo, useState } from 'react';
import { ERRORS } from '@antre/server/contract';
import type { Lang } from '../shared/i18n';
import { pick } from '../shared/i18n';
import type { Session } from '../shared/session';
import { useLive } from '../shared/use-live';
import { ConsoleContext, makeEnv } from './console-context';
import { mayOperate, operableCounters } from './console-model';
import { CounterPicker } from './counter-picker';
import { DeskScreen } from './desk-screen';
import { OfficerButtonScreen } from './officer-button-screen';
import { T } from './texts';
import { useMedia } from './use-now';
import { useVenue } from './use-venue';

interface Props {
  session: Session;
  lang: Lang;
  toggleLang: () => void;
  logout: () => Promise<void>;
  expire: () => void;
  compact: boolean;
}

const counterKey = (userId: string) => `antre.console.counter.${userId}`;

function initialCounter(userId: string): string | null {
  return new URLSearchParams(window.location.search).get('counter') ?? localStorage.getItem(counterKey(userId));
}

/** A logged-in officer: one live connection, the venue, which counter, then the desk or the button layout. */
export function OfficerConsole({ session, lang, toggleLang, logout, expire, compact }: Props) {
  const live = useLive(session.token);
  const { venue } = useVenue(live.state.venueVersion);
  const narrow = useMedia('(max-width: 640px)');
  const [counterId, setCounterId] = useState<string | null>(() => initialCounter(session.user.id));
  const env = useMemo(() => (venue ? makeEnv(lang, venue) : null), [lang, venue]);

  useEffect(() => {
    if (live.state.authError) expire();
  }, [live.state.authError, expire]);

  const choose = useCallback(
    (id: string | null) => {
      const url = new URL(window.location.href);
      if (id) {
        localStorage.setItem(counterKey(session.user.id), id);
        url.searchParams.set('counter', id);
      } else {
        localStorage.removeItem(counterKey(session.user.id));
        url.searchParams.delete('counter');
      }
      window.history.replaceState(null, '', url);
      setCounterId(id);
    },
    [session.user.id],
  );

  const mine = useMemo(() => (venue ? operableCounters(session.user, venue.counters) : []), [venue, session.user]);
  // One counter only: no need to ask.
  useEffect(() => {
    if (venue && !counterId && session.user.role === 'officer' && mine.length === 1) choose(mine[0]!.id);
  }, [venue, counterId, mine, session.user.role, choose]);

  if (!env || !venue) return <main className="loading">{pick(T.loading, lang)}</main>;

  const known = counterId !== null && venue.counters.some((c) => c.id === counterId);
  const refused = counterId !== null && known && !mayOperate(session.user, counterId) ? ERRORS.NOT_YOUR_COUNTER : null;
  const common = { session, live: live.state, socket: live.socket, toggleLang, logout, expire, onSwitch: () => choose(null) };

  return (
    <ConsoleContext.Provider value={env}>
      {!known || refused ? (
        <CounterPicker user={session.user} counters={mine} live={live.state} refused={refused} onChoose={choose} toggleLang={toggleLang} logout={logout} />
      ) : compact || narrow ? (
        <OfficerButtonScreen key={counterId} counterId={counterId} forced={compact} {...common} />
      ) : (
        <DeskScreen key={counterId} counterId={counterId} {...common} />
      )}
    </ConsoleContext.Provider>
  );
}
