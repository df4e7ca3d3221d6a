import { useCallback } from 'react';
import { ButtonLayout } from './button-layout';
import { useEnv } from './console-context';
import type { ConsoleAction } from './keymap';
import { useDesk, type DeskProps } from './use-desk';
import { useKeys } from './use-keys';
import { useNow } from './use-now';

const DIRECT: ReadonlySet<ConsoleAction> = new Set(['call-next', 'recall', 'start', 'finish', 'no-show', 'open', 'undo-no-show']);
/** Keys act at once except absent, which waits for the on-screen confirmation. */
const KEYS: ReadonlySet<ConsoleAction> = new Set(['call-next', 'recall', 'start', 'finish', 'open']);

/** A logged-in officer on a phone or small tablet: the button layout with a small menu. */
export function OfficerButtonScreen(props: DeskProps & { forced: boolean }) {
  const { t } = useEnv();
  const { counter, state, current, waiting, commands } = useDesk(props);
  const now = useNow(props.live.clockOffset);
  const open = !state || state.status === 'open';
  const act = useCallback(
    (a: ConsoleAction, body?: unknown) => {
      // No dialogs on the phone: keys that need one are ignored here.
      if (!DIRECT.has(a)) return;
      void commands.run(a === 'call-next' && !open ? 'open' : a, body);
    },
    [commands, open],
  );
  const key = useCallback((a: ConsoleAction) => KEYS.has(a) && act(a), [act]);
  useKeys(key, true);
  const menu = (
    <>
      {props.forced && (
        <a className="link" href={`/counter?counter=${encodeURIComponent(counter.id)}`}>
          {t('fullView')}
        </a>
      )}
      <button type="button" className="link" onClick={props.onSwitch}>
        {t('switchCounter')}
      </button>
      <button type="button" className="link" onClick={props.toggleLang}>
        {t('language')}
      </button>
      <button type="button" className="link" onClick={props.logout}>
        {t('logout')}
      </button>
    </>
  );
  return (
    <ButtonLayout
      connected={props.live.connected}
      counterName={counter.name}
      state={state}
      ticket={current ?? state?.ticket ?? null}
      waiting={waiting.total}
      now={now}
      busy={commands.busy}
      notice={commands.notice}
      dismiss={commands.dismiss}
      onAction={act}
      canFinish
      absent={commands.absent}
      menu={menu}
    />
  );
}
