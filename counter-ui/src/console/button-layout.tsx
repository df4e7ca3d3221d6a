import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import type { PublicCounter, StaffTicket } from '@antre/server/contract';
import { useEnv } from './console-context';
import { duration } from './format';
import type { ConsoleAction } from './keymap';
import { NoticeBar } from './notice-bar';
import { StatusPanel } from './status-panel';
import { ACTION_TEXT } from './texts';
import type { Absent, Notice } from './use-commands';
import { UndoAbsent, useCallGuards } from './absent-controls';

interface Props {
  counterName: string;
  connected: boolean;
  state: PublicCounter | undefined;
  /** The visitor at the desk: officers know the full ticket, a paired button only the counter's summary. */
  ticket: { id?: string; number: string; status: StaffTicket['status']; calledAt: number | null; startedAt?: number | null; recalls?: number } | null;
  waiting: number | null;
  now: number;
  busy: ConsoleAction | null;
  notice: Notice | null;
  dismiss: () => void;
  onAction: (a: ConsoleAction, body?: unknown) => void;
  /** Officers also start and finish here; a paired button's "next" ends the called visitor's visit itself. */
  canFinish: boolean;
  /** The last visitor marked absent here, while it may be undone. */
  absent: Absent | null;
  menu: ReactNode;
}

/** The phone at the desk: the current number, one huge call-next button, recall, absent (asked twice), start and finish. */
export function ButtonLayout({ counterName, connected, state, ticket: tk, waiting, now, busy, notice, dismiss, onAction, canFinish, absent, menu }: Props) {
  const { t, tx, lang, venue } = useEnv();
  const [confirming, setConfirming] = useState(false);
  const guards = useCallGuards(tk, state?.lastCallAt, now);
  const called = tk?.status === 'called';
  // The recall past the limit marks the visitor absent: it asks first, like the absent button.
  const lastRecall = called && tk.recalls !== undefined && tk.recalls >= venue.settings.maxRecalls;
  useEffect(() => setConfirming(false), [tk?.number, tk?.status]);
  const press = (a: ConsoleAction) => (e: MouseEvent<HTMLButtonElement>) => {
    e.currentTarget.blur();
    if (a === 'no-show' || (a === 'recall' && lastRecall)) return setConfirming(true);
    onAction(a);
  };
  const wait = (s: number) => (s > 0 ? <span className="bigbtn__wait"> · {t('readyIn', { s })}</span> : null);
  return (
    <div className="app app--button">
      <header className="bar">
        <span className={`conn ${connected ? 'conn--on' : 'conn--off'}`} role="status" data-connected={connected} title={t(connected ? 'online' : 'offline')}>
          <i aria-hidden="true" />
        </span>
        <span className="bar__counter" data-testid="counter-name">
          {counterName}
        </span>
        {waiting !== null && (
          <span className="bar__waiting" data-testid="waiting-total">
            {waiting} {t('waitingForMe')}
          </span>
        )}
        <span className="bar__menu">{menu}</span>
      </header>
      <NoticeBar notice={notice} lang={lang} onDismiss={dismiss} />
      {state && state.status !== 'open' ? (
        <StatusPanel state={state} now={now} busy={busy} onAction={onAction} compact />
      ) : (
        <main className="bigbtn">
          <div className={`bigbtn__now ${tk ? `bigbtn__now--${tk.status}` : ''}`}>
            <span className="ticket-number" data-testid="current-number" data-number={tk?.number ?? ''}>
              {tk?.number ?? '—'}
            </span>
            {tk && (
              <span className="bigbtn__timer">
                {tk.status === 'serving' && tk.startedAt
                  ? `${t('serving')} ${duration(now - tk.startedAt)}`
                  : tk.calledAt
                    ? `${t('sinceCall')} ${duration(now - tk.calledAt)}`
                    : ''}
              </span>
            )}
          </div>
          {confirming && tk ? (
            <div className="bigbtn__confirm" role="alertdialog" aria-label={t('noShowTitle', { number: tk.number })}>
              <p className="bigbtn__confirm-title">{t('noShowTitle', { number: tk.number })}</p>
              <p className="bigbtn__confirm-hint">{t('noShowHint', { m: venue.settings.undoNoShowMinutes })}</p>
              <div className="bigbtn__row">
                <button type="button" className="btn bigbtn__small" data-action="cancel-no-show" onClick={() => setConfirming(false)}>
                  {t('cancel')}
                </button>
                <button
                  type="button"
                  className="btn bigbtn__small bigbtn__danger"
                  data-action="confirm-no-show"
                  disabled={busy !== null || guards.noShowIn > 0}
                  onClick={() => {
                    setConfirming(false);
                    onAction(lastRecall ? 'recall' : 'no-show');
                  }}
                >
                  {t('noShowConfirm')}
                  {wait(guards.noShowIn)}
                </button>
              </div>
            </div>
          ) : (
            <>
              <button
                type="button"
                className={`btn bigbtn__call ${busy === 'call-next' ? 'is-busy' : ''}`}
                data-action="call-next"
                disabled={busy !== null}
                onClick={press('call-next')}
              >
                {tx(ACTION_TEXT['call-next'])}
              </button>
              <div className="bigbtn__row">
                <button
                  type="button"
                  className="btn bigbtn__small"
                  data-action="recall"
                  disabled={busy !== null || !called || guards.recallIn > 0}
                  onClick={press('recall')}
                >
                  {tx(ACTION_TEXT.recall)}
                  {wait(guards.recallIn)}
                </button>
                {canFinish && (
                  <button type="button" className="btn bigbtn__small" data-action="start" disabled={busy !== null || !called} onClick={press('start')}>
                    {tx(ACTION_TEXT.start)}
                  </button>
                )}
                {canFinish && (
                  <button
                    type="button"
                    className={`btn bigbtn__small ${tk?.status === 'serving' ? 'bigbtn__finish' : ''}`}
                    data-action="finish"
                    disabled={busy !== null || !tk}
                    onClick={press('finish')}
                  >
                    {tx(ACTION_TEXT.finish)}
                  </button>
                )}
                <button
                  type="button"
                  className="btn bigbtn__small bigbtn__warn"
                  data-action="no-show"
                  disabled={busy !== null || !called || guards.noShowIn > 0}
                  onClick={press('no-show')}
                >
                  {tx(ACTION_TEXT['no-show'])}
                  {wait(guards.noShowIn)}
                </button>
              </div>
              <UndoAbsent absent={absent} now={now} busy={busy} onUndo={(ticketId) => onAction('undo-no-show', { ticketId })} />
            </>
          )}
        </main>
      )}
    </div>
  );
}
