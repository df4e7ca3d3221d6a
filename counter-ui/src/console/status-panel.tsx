import type { PublicCounter } from '@antre/server/contract';
import { useEnv } from './console-context';
import { clockTime, duration } from './format';
import { KeyHint } from './action-panel';
import type { ConsoleAction } from './keymap';
import { Bilingual } from './notice-bar';
import { ACTION_TEXT, T } from './texts';

/** A counter on a break or closed: when it returns, and one big button to get back to work. */
export function StatusPanel({
  state,
  now,
  busy,
  onAction,
  compact,
}: {
  state: PublicCounter;
  now: number;
  busy: ConsoleAction | null;
  onAction: (a: ConsoleAction) => void;
  compact?: boolean;
}) {
  const { t, lang, venue } = useEnv();
  const onBreak = state.status === 'break';
  const until = state.breakUntil;
  return (
    <section className={`status-panel status-panel--${state.status} ${compact ? 'status-panel--compact' : ''}`} data-testid="status-panel">
      {onBreak ? (
        <>
          <div className="status-panel__title" data-testid="break-until">
            {t('onBreakUntil', { t: until ? clockTime(until, venue.timeZone) : '–' })}
          </div>
          {state.breakReason && <div className="status-panel__reason">{state.breakReason}</div>}
          {until !== null && (
            <div className={`status-panel__timer ${now > until ? 'late' : ''}`}>
              {now > until ? t('breakOverdue', { d: duration(now - until) }) : t('breakLeft', { d: duration(until - now) })}
            </div>
          )}
        </>
      ) : (
        <>
          <div className="status-panel__title">{t('closedTitle')}</div>
          <div className="status-panel__reason">{t('closedHint')}</div>
        </>
      )}
      <button
        type="button"
        className="btn action action--back"
        data-action="open"
        disabled={busy !== null}
        onClick={(e) => {
          e.currentTarget.blur();
          onAction('open');
        }}
      >
        <span className="action__label">
          <Bilingual text={onBreak ? ACTION_TEXT.open : T.openCounter} lang={lang} />
        </span>
        {!compact && <KeyHint action="open" />}
      </button>
    </section>
  );
}
