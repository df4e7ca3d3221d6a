import type { Counter } from '@antre/server/contract';
import type { BoardCall } from '../live/live-state';
import { useFresh } from '../live/use-timers';
import { text } from '../shared/dictionary';
import { Say } from '../shared/say';
import { BookedMark } from './booked-mark';
import { HIGHLIGHT_MS } from './latest-call';

/** The calls before the newest one, newest first, so a visitor who looked away can catch up. */
export function RecentCalls({ calls, counters, limit }: { calls: readonly BoardCall[]; counters: ReadonlyMap<string, Counter>; limit: number }) {
  const rows = calls.slice(0, -1).reverse().slice(0, limit);
  return (
    <section className="recent" data-testid="recent-calls">
      <h2 className="panel-title">
        <Say t={text('lastCalls')} />
      </h2>
      <ol className="recent-list">
        {rows.map((c) => (
          <RecentRow key={`${c.id}@${c.at}`} call={c} counter={counters.get(c.counterId)} />
        ))}
      </ol>
    </section>
  );
}

function RecentRow({ call, counter }: { call: BoardCall; counter: Counter | undefined }) {
  const fresh = useFresh(call.receivedAt, HIGHLIGHT_MS);
  return (
    <li className={`recent-row ${fresh ? 'is-fresh' : ''}`} data-booked={call.booked}>
      <span className="recent-number">{call.number}</span>
      {call.booked && <BookedMark short className="recent-booked" />}
      <span className="recent-arrow" aria-hidden>
        →
      </span>
      <span className="recent-counter">{counter?.name ?? call.counterId}</span>
    </li>
  );
}
