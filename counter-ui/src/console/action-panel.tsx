import type { StaffTicket } from '@antre/server/contract';
import { useEnv } from './console-context';
import { bindingOf, type ConsoleAction } from './keymap';
import { ACTION_TEXT } from './texts';
import { useCallGuards } from './absent-controls';

/** The key caps printed on a button: keypad key and letter. */
export function KeyHint({ action }: { action: ConsoleAction }) {
  const b = bindingOf(action);
  return (
    <span className="keyhint">
      <kbd>{b.keypad}</kbd>
      <kbd>{b.letter}</kbd>
    </span>
  );
}

interface ButtonProps {
  action: ConsoleAction;
  onAction: (a: ConsoleAction) => void;
  busy: ConsoleAction | null;
  disabled?: boolean;
  className?: string;
  /** Seconds until the venue allows this action (a countdown on the button). */
  waitSeconds?: number;
}

/** One console button: caption, key caps, a spinner while its command runs. */
export function ActionButton({ action, onAction, busy, disabled, className = '', waitSeconds = 0 }: ButtonProps) {
  const { t, tx } = useEnv();
  return (
    <button
      type="button"
      className={`btn action ${className} ${busy === action ? 'is-busy' : ''}`}
      data-action={action}
      disabled={disabled || busy !== null || waitSeconds > 0}
      onClick={(e) => {
        e.currentTarget.blur();
        onAction(action);
      }}
    >
      <span className="action__label">
        {tx(ACTION_TEXT[action])}
        {waitSeconds > 0 && (
          <span className="action__wait" data-testid={`wait-${action}`}>
            {' '}
            · {t('readyIn', { s: waitSeconds })}
          </span>
        )}
      </span>
      <KeyHint action={action} />
    </button>
  );
}

/** Which actions fit the current ticket's state (the server still decides). */
export function allowed(ticket: Pick<StaffTicket, 'status'> | null): Record<'recall' | 'start' | 'finish' | 'no-show' | 'hold' | 'transfer', boolean> {
  const s = ticket?.status;
  return {
    recall: s === 'called',
    start: s === 'called',
    finish: s === 'called' || s === 'serving',
    'no-show': s === 'called',
    hold: s === 'called' || s === 'serving',
    transfer: !!s,
  };
}

/** The big call-next button and the smaller ones for the visitor at the desk and the counter. */
export function ActionPanel({
  ticket,
  lastCallAt,
  now,
  busy,
  onAction,
}: {
  ticket: Pick<StaffTicket, 'status' | 'calledAt'> | null;
  lastCallAt: number | null | undefined;
  now: number;
  busy: ConsoleAction | null;
  onAction: (a: ConsoleAction) => void;
}) {
  const ok = allowed(ticket);
  const guards = useCallGuards(ticket, lastCallAt, now);
  const wait: Partial<Record<ConsoleAction, number>> = { recall: guards.recallIn, 'no-show': guards.noShowIn };
  return (
    <section className="actions">
      <ActionButton action="call-next" className="action--call" onAction={onAction} busy={busy} />
      <div className="actions__grid">
        {(['recall', 'start', 'finish', 'no-show', 'hold', 'transfer'] as const).map((a) => (
          <ActionButton
            key={a}
            action={a}
            onAction={onAction}
            busy={busy}
            disabled={!ok[a]}
            waitSeconds={wait[a]}
            className={
              a === 'finish'
                ? ticket?.status === 'serving'
                  ? 'action--finish'
                  : ''
                : a === 'no-show'
                  ? 'action--warn'
                  : a === 'start' && ticket?.status === 'called'
                    ? 'action--start'
                    : ''
            }
          />
        ))}
      </div>
      <div className="actions__counter">
        <ActionButton action="break" onAction={onAction} busy={busy} className="action--quiet" />
        <ActionButton action="close" onAction={onAction} busy={busy} className="action--quiet" />
      </div>
    </section>
  );
}
