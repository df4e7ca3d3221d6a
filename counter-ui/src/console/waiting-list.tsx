import { PRIORITY_LABELS, type StaffTicket } from '@antre/server/contract';
import { useEnv } from './console-context';
import type { WaitingView } from './console-model';
import { duration } from './format';

const SHOWN = 8;
/** A wait this long stands out on the list (the officer may want to explain, or hurry). */
const LONG_WAIT_MS = 30 * 60000;

function Row({ ticket, now }: { ticket: StaffTicket; now: number }) {
  const { tx, t } = useEnv();
  const long = now - ticket.queuedAt >= LONG_WAIT_MS;
  return (
    <li
      className={`wl__row ${ticket.priority ? 'wl__row--priority' : ''} ${long ? 'wl__row--long' : ''}`}
      data-ticket={ticket.number}
      data-long={long || undefined}
    >
      <span className="wl__number">{ticket.number}</span>
      <span className="wl__tags">
        {ticket.priority && (
          <span className="badge badge--priority" data-priority={ticket.priority}>
            ★ {tx(PRIORITY_LABELS[ticket.priority])}
          </span>
        )}
        {ticket.transferredFrom && <span className="badge">{t('transferredFrom')}</span>}
        {ticket.note && (
          <span className="wl__note" title={ticket.note}>
            “{ticket.note}”
          </span>
        )}
      </span>
      <span className="wl__wait">{duration(now - ticket.queuedAt)}</span>
    </li>
  );
}

/** Who waits for this counter, in the order call next takes them: reserved first, then each service line (priority starred, long waits marked). */
export function WaitingList({ view, now, busy, onCallService }: { view: WaitingView; now: number; busy: boolean; onCallService: (serviceId: string) => void }) {
  const { t, serviceName, servicePrefix } = useEnv();
  return (
    <section className="card wl" aria-label={t('waitingList')}>
      <h2 className="card__title">
        {t('waitingList')}{' '}
        <span className="count" data-testid="waiting-total">
          {view.total}
        </span>
      </h2>
      {view.reserved.length > 0 && (
        <div className="wl__group wl__group--reserved">
          <h3>{t('reserved')}</h3>
          <ol>
            {view.reserved.map((tk) => (
              <Row key={tk.id} ticket={tk} now={now} />
            ))}
          </ol>
        </div>
      )}
      {view.services.map((s) => (
        <div className="wl__group" key={s.serviceId} data-service={s.serviceId}>
          <h3>
            <span className="prefix">{servicePrefix(s.serviceId)}</span>
            <span className="wl__service">{serviceName(s.serviceId)}</span>
            <span className="wl__counts">
              {t('waitingCount', { n: s.tickets.length })}
              {s.priority > 0 && (
                <>
                  {' '}
                  · <b className="prio-text">{t('priorityCount', { n: s.priority })}</b>
                </>
              )}
            </span>
          </h3>
          {s.tickets.length > 0 && (
            <>
              <ol>
                {s.tickets.slice(0, SHOWN).map((tk) => (
                  <Row key={tk.id} ticket={tk} now={now} />
                ))}
              </ol>
              {s.tickets.length > SHOWN && <p className="wl__more">{t('more', { n: s.tickets.length - SHOWN })}</p>}
              {view.services.length > 1 && (
                <button type="button" className="link wl__call" disabled={busy} onClick={() => onCallService(s.serviceId)}>
                  {t('callFromService')} →
                </button>
              )}
            </>
          )}
        </div>
      ))}
      {view.total === 0 && <p className="muted">{t('nobodyWaiting')}</p>}
    </section>
  );
}
