import type { MouseEvent, ReactNode } from 'react';
import type { PublicCounter, Ticket } from '@antre/server/contract';
import { useEnv } from './console-context';
import { duration } from './format';
import type { ConsoleAction } from './keymap';
import { NoticeBar } from './notice-bar';
import { StatusPanel } from './status-panel';
import { ACTION_TEXT } from './texts';
import type { Notice } from './use-commands';

interface Props {
  counterName: string;
  connected: boolean;
  state: PublicCounter | undefined;
  /** The visitor at the desk: officers know the full ticket, a paired button only the counter's summary. */
  ticket: { number: string; status: Ticket['status']; calledAt: number | null; startedAt?: number | null } | null;
  waiting: number | null;
  now: number;
  busy: ConsoleAction | null;
  notice: Notice | null;
  dismiss: () => void;
  onAction: (a: ConsoleAction) => void;
  /** Officers also start and finish here; a paired button may only call and recall. */
  canFinish: boolean;
  menu: ReactNode;
}

/** The phone at the desk: the current number, one huge call-next button, recall, start and finish. */
export function ButtonLayout({ counterName, connected, state, ticket: tk, waiting, now, busy, notice, dismiss, onAction, canFinish, menu }: Props) {
  const { t, tx, lang } = useEnv();
  const press = (a: ConsoleAction) => (e: MouseEvent<HTMLButtonElement>) => {
    e.currentTarget.blur();
    onAction(a);
  };
  return (
    <div className="app app--button">
      <header className="bar">
        <span className={`conn ${connected ? 'conn--on' : 'conn--off'}`} role="status" data-connected={connected} title={t(connected ? 'online' : 'offline')}><i aria-hidden="true" /></span>
        <span className="bar__counter" data-testid="counter-name">{counterName}</span>
        {waiting !== null && <span className="bar__waiting" data-testid="waiting-total">{waiting} {t('waitingForMe')}</span>}
        <span className="bar__menu">{menu}</span>
      </header>
      <NoticeBar notice={notice} lang={lang} onDismiss={dismiss} />
      {state && state.status !== 'open' ? (
        <StatusPanel state={state} now={now} busy={busy} onAction={onAction} compact />
      ) : (
        <main className="bigbtn">
          <div className={`bigbtn__now ${tk ? `bigbtn__now--${tk.status}` : ''}`}>
            <span className="ticket-number" data-testid="current-number" data-number={tk?.number ?? ''}>{tk?.number ?? '—'}</span>
            {tk && (
              <span className="bigbtn__timer">
                {tk.status === 'serving' && tk.startedAt ? `${t('serving')} ${duration(now - tk.startedAt)}` : tk.calledAt ? `${t('sinceCall')} ${duration(now - tk.calledAt)}` : ''}
              </span>
            )}
          </div>
          <button type="button" className={`btn bigbtn__call ${busy === 'call-next' ? 'is-busy' : ''}`} data-action="call-next" disabled={busy !== null} onClick={press('call-next')}>
            {tx(ACTION_TEXT['call-next'])}
          </button>
          <div className="bigbtn__row">
            <button type="button" className="btn bigbtn__small" data-action="recall" disabled={busy !== null || tk?.status !== 'called'} onClick={press('recall')}>{tx(ACTION_TEXT.recall)}</button>
            {canFinish && (
              <button type="button" className="btn bigbtn__small" data-action="start" disabled={busy !== null || tk?.status !== 'called'} onClick={press('start')}>{tx(ACTION_TEXT.start)}</button>
            )}
            {canFinish && (
              <button type="button" className="btn bigbtn__small bigbtn__finish" data-action="finish" disabled={busy !== null || !tk} onClick={press('finish')}>{tx(ACTION_TEXT.finish)}</button>
            )}
          </div>
        </main>
      )}
    </div>
  );
}
