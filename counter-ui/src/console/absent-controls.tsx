import type { ConsoleAction } from './keymap';
import { useEnv } from './console-context';
import { duration } from './format';
import { ACTION_TEXT } from './texts';
import type { Absent } from './use-commands';

/** Seconds until an action the venue spaces in time is allowed (0 = now); the server enforces the same rule. */
export function secondsUntil(from: number | null | undefined, minSeconds: number, now: number): number {
  if (!from || minSeconds <= 0) return 0;
  return Math.max(0, Math.ceil((from + minSeconds * 1000 - now) / 1000));
}

/** When recall and absent become possible for the visitor at the desk (venue settings, server time). */
export function useCallGuards(ticket: { status: string; calledAt: number | null } | null, lastCallAt: number | null | undefined, now: number) {
  const { venue } = useEnv();
  const called = ticket?.status === 'called';
  return {
    recallIn: called ? secondsUntil(lastCallAt ?? ticket.calledAt, venue.settings.minRecallSeconds, now) : 0,
    noShowIn: called ? secondsUntil(ticket.calledAt, venue.settings.minNoShowSeconds, now) : 0,
  };
}

/** The last visitor marked absent here, with an undo button while the officer may still undo it. */
export function UndoAbsent({
  absent,
  now,
  busy,
  onUndo,
}: {
  absent: Absent | null;
  now: number;
  busy: ConsoleAction | null;
  onUndo: (ticketId: string) => void;
}) {
  const { t, tx, venue } = useEnv();
  if (!absent) return null;
  const left = absent.at + venue.settings.undoNoShowMinutes * 60000 - now;
  if (left <= 0) return null;
  return (
    <div className="undo-absent" data-testid="undo-absent" data-ticket={absent.number}>
      <span className="undo-absent__text">
        {t('absentUndo', { number: absent.number })} · {t('absentLeft', { d: duration(left) })}
      </span>
      <button
        type="button"
        className="btn btn--small undo-absent__btn"
        data-action="undo-no-show"
        disabled={busy !== null}
        onClick={() => onUndo(absent.ticketId)}
      >
        {tx(ACTION_TEXT['undo-no-show'])}
      </button>
    </div>
  );
}
