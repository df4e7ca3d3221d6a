/**
 * The screen's identity: pairs once from a ?pair=CODE link (or a typed code), then keeps its
 * token for good. A pairing link left in a kiosk autostart keeps working after the code is
 * used up: the stored token wins. Only the server saying "this token is dead" un-pairs it.
 */
import { useCallback, useEffect, useState } from 'react';
import type { LocalizedText, PublicDevice } from '@antre/server/contract';
import { ApiError, fetchDevice, isAuthFailure, pairDevice } from '../shared/api';
import { recall, remember } from '../shared/storage';
import { text } from '../shared/dictionary';

export type DeviceStatus =
  { kind: 'unpaired'; revoked: boolean; error: LocalizedText | null } | { kind: 'pairing' } | { kind: 'ready'; token: string; device: PublicDevice | null };

const RETRY_MS = 5000;

/** The pairing code in the address bar, removed from it so a reload does not reuse it. */
function takePairCode(): string | null {
  const url = new URL(window.location.href);
  const code = url.searchParams.get('pair');
  if (!code) return null;
  url.searchParams.delete('pair');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  return code.trim();
}

function unpaired(revoked: boolean, error: LocalizedText | null = null): DeviceStatus {
  return { kind: 'unpaired', revoked, error };
}

/** Pairing state plus a way to pair with a typed code and to report a refused token. */
export function useDevice(): { status: DeviceStatus; pair: (code: string) => Promise<void>; revoked: () => void } {
  const [status, setStatus] = useState<DeviceStatus>(() => {
    const token = recall<string>('token');
    return token ? { kind: 'ready', token, device: recall<PublicDevice>('device') } : unpaired(false);
  });

  const pair = useCallback(async (code: string) => {
    setStatus({ kind: 'pairing' });
    try {
      const out = await pairDevice(code);
      remember('token', out.token);
      remember('device', out.device);
      setStatus({ kind: 'ready', token: out.token, device: out.device });
    } catch (err) {
      const stored = recall<string>('token');
      if (stored) setStatus({ kind: 'ready', token: stored, device: recall<PublicDevice>('device') });
      else setStatus(unpaired(false, err instanceof ApiError && err.text ? err.text : text('pairFailed')));
    }
  }, []);

  useEffect(() => {
    const code = takePairCode();
    if (code) void pair(code);
  }, [pair]);

  // Learn (or refresh) which floor this device shows; keep trying while the server is away.
  const token = status.kind === 'ready' ? status.token : null;
  useEffect(() => {
    if (!token) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let alive = true;
    const load = () => {
      fetchDevice(token).then(
        (device) => {
          if (!alive) return;
          remember('device', device);
          setStatus((s) => (s.kind === 'ready' && s.token === token ? { ...s, device } : s));
        },
        (err) => {
          if (!alive) return;
          if (isAuthFailure(err)) setStatus(unpaired(true));
          else timer = setTimeout(load, RETRY_MS);
        },
      );
    };
    load();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [token]);

  const revoked = useCallback(() => setStatus(unpaired(true)), []);
  return { status, pair, revoked };
}
