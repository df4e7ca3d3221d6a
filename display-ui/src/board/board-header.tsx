import type { LocalizedText } from '@antre/server/contract';
import { formatClock, formatDate } from '../shared/format';
import { Say } from '../shared/say';
import { useServerNow } from '../live/use-timers';
import { OfflineMarker } from './offline-marker';

/** Venue and floor on the left, WITA date and a ticking clock on the right. */
export function BoardHeader(props: {
  title: string;
  place: LocalizedText;
  tz: string;
  tzLabel: string;
  clockOffset: number;
  connected: boolean;
  restarting: boolean;
}) {
  const now = useServerNow(props.clockOffset);
  return (
    <header className="board-header">
      <div className="board-title">
        <div className="board-venue">{props.title}</div>
        <Say t={props.place} className="board-place" />
      </div>
      <OfflineMarker connected={props.connected} restarting={props.restarting} />
      <div className="board-time">
        <Say t={formatDate(now, props.tz)} stacked className="board-date" />
        <div className="board-clock" data-testid="clock">
          {formatClock(now, props.tz)} <span className="board-tz">{props.tzLabel}</span>
        </div>
      </div>
    </header>
  );
}
