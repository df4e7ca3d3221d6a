import { useCallback, useEffect, useState } from 'react';
import { ERRORS } from '@antre/server/contract';
import { ActionPanel } from './action-panel';
import { useEnv } from './console-context';
import { ConsoleHeader } from './console-header';
import { BreakDialog, CloseDialog, HoldDialog, NoShowDialog, TransferDialog } from './dialogs';
import { UndoAbsent } from './absent-controls';
import { OutcomeDialog } from './outcome-dialog';
import type { ConsoleAction } from './keymap';
import { NoticeBar } from './notice-bar';
import { DayCountsCard, HeldList, KeyLegend } from './side-cards';
import { StatusChip } from './status-chip';
import { StatusPanel } from './status-panel';
import { T } from './texts';
import { TicketPanel } from './ticket-panel';
import { useDesk, type DeskProps } from './use-desk';
import { useKeys } from './use-keys';
import { useNow } from './use-now';
import { WaitingList } from './waiting-list';

type Dialog = 'transfer' | 'break' | 'hold' | 'close' | 'no-show' | 'outcome' | null;

/** The officer's desk on a PC: current visitor, actions, the waiting list, held visitors, my day. */
export function DeskScreen(props: DeskProps) {
  const { t, lang, serviceName, servicePrefix, venue } = useEnv();
  const { counter, state, current, waiting, held, counts, commands } = useDesk(props);
  const { run, busy, notice, say, dismiss } = commands;
  const now = useNow(props.live.clockOffset);
  const [dialog, setDialog] = useState<Dialog>(null);
  const hasTicket = !!state?.ticket;
  const open = state?.status === 'open';

  const lastRecall = current?.status === 'called' && current.recalls >= venue.settings.maxRecalls;
  const act = useCallback(
    (a: ConsoleAction) => {
      switch (a) {
        case 'no-show':
          // Absent takes the visitor out of the queue: asked once, on a key as on the button.
          return current?.status === 'called' ? setDialog('no-show') : say('error', ERRORS.COUNTER_IDLE);
        case 'recall':
          return lastRecall ? setDialog('no-show') : void run('recall');
        case 'transfer':
        case 'hold':
          if (!hasTicket) return say('error', ERRORS.COUNTER_IDLE);
          if (a === 'transfer' && !current) return;
          return setDialog(a);
        case 'break':
        case 'close':
          return setDialog(a);
        case 'resume':
          return held[0] ? void run('resume', { ticketId: held[0].id }) : say('error', T.nothingHeld);
        case 'call-next':
          // On a break or closed, the big key does what the big button says: back to work.
          return void run(open ? 'call-next' : 'open');
        default:
          return void run(a);
      }
    },
    [hasTicket, current, held, open, run, say, lastRecall],
  );
  useKeys(act, dialog === null);
  const number = current?.number ?? state?.ticket?.number;
  useEffect(() => {
    document.title = `${number ? `${number} · ` : ''}${counter.name} — Antre`;
  }, [number, counter.name]);

  const submit = (a: ConsoleAction, body?: unknown) => {
    setDialog(null);
    void run(a, body);
  };
  const closeDialog = useCallback(() => setDialog(null), []);

  return (
    <div className="app">
      <ConsoleHeader
        connected={props.live.connected}
        clockOffset={props.live.clockOffset}
        userName={props.session.user.name}
        toggleLang={props.toggleLang}
        logout={props.logout}
        extra={
          <>
            <a className="btn btn--ghost btn--small" href={`/counter/button?counter=${encodeURIComponent(counter.id)}`}>
              {t('buttonView')}
            </a>
            <button type="button" className="btn btn--ghost btn--small" onClick={props.onSwitch}>
              {t('switchCounter')}
            </button>
          </>
        }
      >
        <div className="topbar__counter">
          <span className="topbar__counter-name" data-testid="counter-name">
            {counter.name}
          </span>
          {state && <StatusChip status={state.status} />}
        </div>
        <div className="topbar__sub">
          {venue.name} · {t('floor', { n: counter.floor })} · {counter.serviceIds.map((s) => `${servicePrefix(s)} ${serviceName(s)}`).join(' · ')}
        </div>
      </ConsoleHeader>
      <main className="desk">
        <div className="desk__main">
          <NoticeBar notice={notice} lang={lang} onDismiss={dismiss} />
          {state && !open ? (
            <StatusPanel state={state} now={now} busy={busy} onAction={act} />
          ) : (
            <>
              <TicketPanel ticket={current} summary={state?.ticket ?? null} now={now} />
              <ActionPanel ticket={current ?? state?.ticket ?? null} lastCallAt={state?.lastCallAt} now={now} busy={busy} onAction={act} />
              <UndoAbsent absent={commands.absent} now={now} busy={busy} onUndo={(ticketId) => void run('undo-no-show', { ticketId })} />
              {current && (current.status === 'called' || current.status === 'serving') && (
                <button type="button" className="btn btn--ghost btn--small" data-action="outcome" disabled={busy !== null} onClick={() => setDialog('outcome')}>
                  {t('outcomeOther')}
                </button>
              )}
            </>
          )}
          <KeyLegend />
        </div>
        <aside className="desk__side">
          <WaitingList view={waiting} now={now} busy={busy !== null || !open} onCallService={(serviceId) => void run('call-next', { serviceId })} />
          <HeldList held={held} busy={busy !== null} onResume={(ticketId) => void run('resume', { ticketId })} />
          <DayCountsCard counts={counts} />
        </aside>
      </main>
      {dialog === 'transfer' && current && (
        <TransferDialog
          ticket={current}
          counterId={counter.id}
          isClosed={(id) => props.live.counters.get(id)?.status === 'closed'}
          onSubmit={(b) => submit('transfer', b)}
          onClose={closeDialog}
        />
      )}
      {dialog === 'hold' && <HoldDialog ticket={current} onSubmit={(b) => submit('hold', b)} onClose={closeDialog} />}
      {dialog === 'break' && <BreakDialog now={now} onSubmit={(b) => submit('break', b)} onClose={closeDialog} />}
      {dialog === 'outcome' && current && <OutcomeDialog ticket={current} onSubmit={(b) => submit('finish', b)} onClose={closeDialog} />}
      {dialog === 'close' && <CloseDialog onSubmit={() => submit('close')} onClose={closeDialog} />}
      {dialog === 'no-show' && current && (
        <NoShowDialog
          ticket={current}
          now={now}
          lastCallAt={state?.lastCallAt}
          onSubmit={() => submit(lastRecall ? 'recall' : 'no-show')}
          onClose={closeDialog}
        />
      )}
    </div>
  );
}
