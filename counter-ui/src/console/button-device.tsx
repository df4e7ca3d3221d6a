import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LocalizedText } from '@antre/server/contract';
import { type ApiAnswers, api, errorText, whileBusy } from '../shared/api';
import { pick, type Lang } from '../shared/i18n';
import { useLive } from '../shared/use-live';
import { ButtonLayout } from './button-layout';
import { ConsoleContext, makeEnv } from './console-context';
import type { ConsoleAction } from './keymap';
import { Bilingual } from './notice-bar';
import { T } from './texts';
import { useCommands } from './use-commands';
import { useKeys } from './use-keys';
import { useNow } from './use-now';
import { useVenue } from './use-venue';

const KEY = 'antre.button-device';

/** The pairing this browser holds, as pairing answered it. */
type DeviceSession = ApiAnswers['devices.pair'];

/** The call-button pairing this browser holds, if any (a phone paired as a counter's button). */
export function storedDevice(): DeviceSession | null {
  try {
    const raw = localStorage.getItem(KEY);
    const d = raw ? (JSON.parse(raw) as DeviceSession) : null;
    return d?.device.kind === 'button' && d.device.ref ? d : null;
  } catch {
    return null;
  }
}

function forget(): void {
  localStorage.removeItem(KEY);
  window.location.assign('/counter/button');
}

interface Props {
  pairCode: string | null;
  lang: Lang;
  toggleLang: () => void;
}

/** /counter/button?pair=CODE: pair once with the admin's link, then act as that counter's call button. */
export function ButtonDevice({ pairCode, lang, toggleLang }: Props) {
  const [dev, setDev] = useState<DeviceSession | null>(() => (pairCode ? null : storedDevice()));
  const [error, setError] = useState<LocalizedText | null>(null);
  useEffect(() => {
    if (!pairCode) return;
    whileBusy(() => api.call('devices.pair', { body: { code: pairCode } }))
      .then((d) => {
        if (d.device.kind !== 'button' || !d.device.ref) throw new Error('not a button');
        localStorage.setItem(KEY, JSON.stringify(d));
        window.history.replaceState(null, '', '/counter/button');
        setDev(d);
      })
      .catch((e) => setError(errorText(e)));
  }, [pairCode]);
  if (dev) return <PairedButton dev={dev} lang={lang} toggleLang={toggleLang} />;
  return (
    <main className="login login--compact">
      <div className="login__card">
        <div className="login__brand">{pick(T.deviceLabel, lang)}</div>
        {error ? (
          <div className="notice notice--error" role="alert">
            <div className="notice__text">
              <span className="bi__main">{pick(T.pairFailed, lang)}</span>
              <Bilingual text={error} lang={lang} />
            </div>
          </div>
        ) : (
          <p>{pick(T.pairing, lang)}</p>
        )}
        <a className="link" href="/counter/button">
          {pick(T.loginTitle, lang)}
        </a>
      </div>
    </main>
  );
}

/** A paired button serves the whole desk: next (ending the called visitor), recall, absent and its undo. */
const DEVICE_ACTIONS: ReadonlySet<ConsoleAction> = new Set(['call-next', 'recall', 'no-show', 'undo-no-show']);
/** Keys whose action a paired button takes at once; absent waits for the on-screen confirmation. */
const DEVICE_KEYS: ReadonlySet<ConsoleAction> = new Set(['call-next', 'recall', 'open']);

function PairedButton({ dev, lang, toggleLang }: { dev: DeviceSession; lang: Lang; toggleLang: () => void }) {
  const live = useLive(dev.token);
  const { venue } = useVenue(live.state.venueVersion);
  const [revoked, setRevoked] = useState(false);
  const counterId = dev.device.ref!;
  const onAuthFail = useCallback(() => setRevoked(true), []);
  const commands = useCommands(dev.token, counterId, onAuthFail);
  const now = useNow(live.state.clockOffset);
  const env = useMemo(() => (venue ? makeEnv(lang, venue) : null), [lang, venue]);
  useEffect(() => {
    if (live.state.authError) setRevoked(true);
  }, [live.state.authError]);
  const act = useCallback(
    (a: ConsoleAction, body?: unknown) => {
      // Calling next also ends a break on the server.
      const action = a === 'open' ? 'call-next' : a;
      if (DEVICE_ACTIONS.has(action)) void commands.run(action, body);
    },
    [commands],
  );
  const key = useCallback((a: ConsoleAction) => DEVICE_KEYS.has(a) && act(a), [act]);
  useKeys(key, !revoked);

  if (revoked) {
    return (
      <main className="login login--compact">
        <div className="login__card">
          <div className="notice notice--error" role="alert">
            <div className="notice__text">
              <Bilingual text={T.deviceRevoked} lang={lang} />
            </div>
          </div>
          <button type="button" className="btn btn--primary btn--wide" onClick={forget}>
            {pick(T.unpair, lang)}
          </button>
        </div>
      </main>
    );
  }
  if (!env || !venue) return <main className="loading">{pick(T.loading, lang)}</main>;
  const counter = venue.counters.find((c) => c.id === counterId);
  const waiting = counter ? counter.serviceIds.reduce((n, s) => n + (live.state.queues.get(s)?.waiting ?? 0), 0) : null;
  const menu = (
    <>
      <span className="muted">{dev.device.name}</span>
      <button type="button" className="link" onClick={toggleLang}>
        {env.t('language')}
      </button>
      <button type="button" className="link" onClick={() => window.confirm(env.t('unpair') + '?') && forget()}>
        {env.t('unpair')}
      </button>
    </>
  );
  const summary = live.state.counters.get(counterId)?.ticket ?? null;
  // The counter summary has no recall count: the last answer for the same ticket has it.
  const ticket = summary ? { ...summary, recalls: commands.last?.id === summary.id ? commands.last.recalls : undefined } : null;
  return (
    <ConsoleContext.Provider value={env}>
      <ButtonLayout
        connected={live.state.connected}
        counterName={counter?.name ?? counterId}
        state={live.state.counters.get(counterId)}
        ticket={ticket}
        waiting={waiting}
        now={now}
        busy={commands.busy}
        notice={commands.notice}
        dismiss={commands.dismiss}
        onAction={act}
        canFinish={false}
        absent={commands.absent}
        menu={menu}
      />
    </ConsoleContext.Provider>
  );
}
