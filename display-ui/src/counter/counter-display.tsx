/**
 * The screen above one loket: its name, the number it serves now as big as the screen allows,
 * and its state (break until HH:MM, closed). Lights up when the counter calls. Silent: the
 * hall board speaks.
 */
import { useCallback, useEffect, useMemo } from 'react';
import type { PublicDevice } from '@antre/server/contract';
import { counterState, formatClock } from '../shared/format';
import { text } from '../shared/dictionary';
import { Say } from '../shared/say';
import { useVenue } from '../shared/use-venue';
import { useDisplayLive } from '../live/use-display-live';
import { useFresh, useServerNow } from '../live/use-timers';
import { OfflineMarker } from '../board/offline-marker';
import { HIGHLIGHT_MS } from '../board/latest-call';
import { BookedMark } from '../board/booked-mark';

export function CounterDisplay({ token, counterId, onAuthError }: { token: string; device: PublicDevice | null; counterId: string; onAuthError: () => void }) {
  const live = useDisplayLive(
    token,
    useCallback(() => undefined, []),
  );
  const { board } = live;
  const venue = useVenue(board.venueVersion);
  useEffect(() => {
    if (live.authError) onAuthError();
  }, [live.authError, onAuthError]);

  const counter = venue?.counters.find((c) => c.id === counterId);
  const agency = counter && venue?.agencies.find((a) => a.id === counter.agencyId);
  const pc = board.counters.get(counterId);
  const tz = venue?.timeZone ?? 'Asia/Makassar';
  const now = useServerNow(board.clockOffset);
  const state = counterState(pc, tz, now);
  const lastCall = useMemo(() => board.calls.filter((c) => c.counterId === counterId).at(-1), [board.calls, counterId]);
  const fresh = useFresh(lastCall?.receivedAt, HIGHLIGHT_MS);
  const unknown = venue !== null && board.ready && (!counter || !pc);
  const number = state.tone === 'break' || state.tone === 'closed' ? null : (pc?.ticket?.number ?? null);

  return (
    <div
      className={`counter-screen tone-${state.tone} ${fresh ? 'is-fresh' : ''}`}
      data-testid="counter-display"
      data-tone={state.tone}
      data-ready={board.ready && venue !== null}
    >
      <header className="cs-header" style={{ borderBottomColor: agency?.color }}>
        <div className="cs-name" data-testid="cs-name">
          {counter?.name ?? counterId}
        </div>
        <div className="cs-agency">{agency?.shortName ?? ''}</div>
      </header>
      <main className="cs-main">
        {unknown ? (
          // An id the venue does not have is a wrong address; a real counter elsewhere is on another floor.
          <Say t={text(counter ? 'counterUnknown' : 'counterNoSuch', { id: counterId })} stacked className="cs-message" />
        ) : number ? (
          <>
            <Say t={text('nowServing')} className="cs-label" />
            <div className="cs-number" data-testid="cs-number">
              {number}
            </div>
            {lastCall && lastCall.recall > 0 && fresh && <Say t={text('recall')} className="cs-recall" />}
            {pc?.ticket?.booked && <BookedMark className="cs-booked" />}
          </>
        ) : state.tone === 'idle' ? (
          <div className="cs-number cs-number-idle" data-testid="cs-number">
            —
          </div>
        ) : null}
        {!unknown && <Say t={state.label} stacked className="cs-state" />}
      </main>
      <footer className="cs-footer">
        <OfflineMarker connected={live.connected} restarting={live.restarting} />
        <span className="cs-clock">
          {formatClock(now, tz).slice(0, 5)} {venue?.timeZoneLabel ?? 'WITA'}
        </span>
      </footer>
    </div>
  );
}
