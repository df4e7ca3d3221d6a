import { PRIORITY_LABELS, type PublicCounter, type StaffTicket } from '@antre/server/contract';
import { useEnv } from './console-context';
import { duration } from './format';

interface Props {
  ticket: StaffTicket | null;
  /** The counter's own summary, shown until the full ticket arrives. */
  summary: PublicCounter['ticket'];
  now: number;
}

/** The visitor at the desk: number, service, priority, and how long they waited and have been served. */
export function TicketPanel({ ticket, summary, now }: Props) {
  const { t, tx, venue, serviceName } = useEnv();
  const number = ticket?.number ?? summary?.number ?? null;
  const status = ticket?.status ?? summary?.status ?? null;
  const maxRecalls = venue.settings.maxRecalls;
  return (
    <section className={`ticket-panel ${number ? `ticket-panel--${status}` : 'ticket-panel--idle'}`} aria-label={t('currentTicket')}>
      <div className="ticket-panel__label">{t('currentTicket')}</div>
      {!number ? (
        <p className="ticket-panel__empty" data-testid="current-number" data-number="">
          {t('noTicket')}
        </p>
      ) : (
        <>
          <div className="ticket-panel__head">
            <div className="ticket-number" data-testid="current-number" data-number={number}>
              {number}
            </div>
            <div className="ticket-panel__meta">
              <span className={`chip chip--${status}`} data-ticket-status={status}>
                {t(status === 'serving' ? 'ticketServing' : 'ticketCalled')}
              </span>
              {ticket?.priority && <span className="badge badge--priority">★ {tx(PRIORITY_LABELS[ticket.priority])}</span>}
              {ticket?.transferredFrom && <span className="badge">{t('transferredFrom')}</span>}
              <div className="ticket-panel__service">{serviceName(ticket?.serviceId ?? summary!.serviceId)}</div>
            </div>
          </div>
          {ticket && (
            <dl className="timers">
              <div>
                <dt>{t('waited')}</dt>
                <dd data-testid="timer-waited">{duration((ticket.calledAt ?? now) - ticket.queuedAt)}</dd>
              </div>
              {status === 'called' && ticket.calledAt !== null && (
                <div>
                  <dt>{t('sinceCall')}</dt>
                  <dd data-testid="timer-called">{duration(now - ticket.calledAt)}</dd>
                </div>
              )}
              {status === 'serving' && ticket.startedAt !== null && (
                <div className="timers__main">
                  <dt>{t('serving')}</dt>
                  <dd data-testid="timer-serving">{duration(now - ticket.startedAt)}</dd>
                </div>
              )}
            </dl>
          )}
          {ticket && status === 'called' && (
            <p className={`ticket-panel__recalls ${ticket.recalls >= maxRecalls ? 'warn' : ''}`} data-testid="recalls">
              {t('recalls', { n: ticket.recalls, max: maxRecalls })}
              {ticket.recalls >= maxRecalls && <> — {t('lastRecall')}</>}
            </p>
          )}
          {ticket?.note && (
            <p className="ticket-panel__note">
              <strong>{t('note')}:</strong> {ticket.note}
            </p>
          )}
        </>
      )}
    </section>
  );
}
