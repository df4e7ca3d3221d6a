import type { Agency, Counter, Service } from '@antre/server/contract';
import type { BoardCall } from '../live/live-state';
import { useFresh } from '../live/use-timers';
import { text } from '../shared/dictionary';
import { Say } from '../shared/say';
import { BookedMark } from './booked-mark';

/** How long a new call stays lit on the board. */
export const HIGHLIGHT_MS = 10_000;

/** The newest call, as large as the screen allows, flashing while it is new. */
export function LatestCall({
  call,
  counter,
  agency,
  service,
}: {
  call: BoardCall | undefined;
  counter: Counter | undefined;
  agency: Agency | undefined;
  service: Service | undefined;
}) {
  const fresh = useFresh(call?.receivedAt, HIGHLIGHT_MS);
  if (!call) {
    return (
      <section className="latest latest-empty" data-testid="latest-call">
        <Say t={text('noCallsYet')} stacked />
      </section>
    );
  }
  return (
    <section
      className={`latest ${fresh ? 'is-fresh' : ''}`}
      data-testid="latest-call"
      data-fresh={fresh}
      data-booked={call.booked}
      key={`${call.id}@${call.at}`}
    >
      <div className="latest-label">
        <Say t={text('queueNumber')} />
        {call.recall > 0 && <Say t={text('recall')} className="latest-recall" />}
        {call.booked && <BookedMark className="latest-booked" />}
      </div>
      <div className="latest-number" data-testid="latest-number">
        {call.number}
      </div>
      <div className="latest-goto">
        <Say t={text('goTo')} />
      </div>
      <div className="latest-counter" data-testid="latest-counter">
        {counter?.name ?? call.counterId}
      </div>
      {agency && (
        <div className="latest-agency" style={{ borderColor: agency.color }}>
          {service ? `${agency.shortName} · ${service.name}` : agency.name}
        </div>
      )}
    </section>
  );
}
