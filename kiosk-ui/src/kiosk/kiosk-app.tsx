import { useEffect, useRef, useState } from 'react';
import type { LocalizedText } from '@antre/server/contract';
import { api, ApiError, whileBusy } from '../shared/api';
import { TEXT } from '../shared/text';
import { pick, translator, type Lang } from '../shared/i18n';
import { clearDevice, loadDevice, saveDevice, type StoredDevice } from './device-store';
import { KioskSession } from './kiosk-session';
import { PairingScreen } from './pairing-screen';

/** URL options: ?pair=CODE pairs once; ?idle=SECONDS shortens the idle timeout (tests, demos). */
function readParams(): { pair: string | null; idleSeconds: number } {
  const q = new URLSearchParams(window.location.search);
  const idle = Number(q.get('idle'));
  return { pair: q.get('pair'), idleSeconds: Number.isFinite(idle) && idle > 0 ? idle : 30 };
}

/** Drops the pairing code from the address bar so a reload never re-uses it. */
function dropPairParam(): void {
  const url = new URL(window.location.href);
  url.searchParams.delete('pair');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
}

/** The kiosk: paired once (token kept in the browser profile), then the visitor's flow. */
export function KioskApp() {
  const [params] = useState(readParams);
  const [device, setDevice] = useState<StoredDevice | null>(() => (params.pair ? null : loadDevice()));
  const [lang, setLang] = useState<Lang>('id');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<LocalizedText | null>(null);
  const t = translator(lang);

  const pair = async (code: string) => {
    setBusy(true);
    setError(null);
    try {
      const out = await whileBusy(() => api.call('devices.pair', { body: { code } }));
      saveDevice(out);
      setDevice(out);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'NETWORK', null);
      setError(err.text ?? TEXT.networkError);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const started = useRef(false);
  useEffect(() => {
    if (!params.pair || started.current) return;
    started.current = true;
    dropPairParam();
    void pair(params.pair);
  }, []); // once, for the code the page was opened with

  const unpair = () => {
    clearDevice();
    setDevice(null);
    setError(TEXT.pairAgain);
  };

  if (!device) {
    return (
      <PairingScreen
        t={t}
        initialCode={params.pair ?? ''}
        busy={busy}
        error={error && pick(error, lang)}
        onLang={() => setLang(lang === 'id' ? 'en' : 'id')}
        onPair={(c) => void pair(c)}
      />
    );
  }
  return <KioskSession device={device} lang={lang} setLang={setLang} idleSeconds={params.idleSeconds} onUnpaired={unpair} />;
}
