import { useCallback, useEffect, useState } from 'react';
import type { AlertRecord, AlertsLive } from '@antre/server/contract';
import { api } from '../shared/api';
import type { LiveSocket } from '../shared/use-live';

/** A short two-tone chime: an alert began. Browsers allow it once the page has been clicked. */
function chime(): void {
  try {
    const ctx = new AudioContext();
    [880, 660].forEach((f, i) => {
      const o = ctx.createOscillator();
      const g = ctx.createGain();
      o.frequency.value = f;
      g.gain.setValueAtTime(0.2, ctx.currentTime + i * 0.25);
      g.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + i * 0.25 + 0.22);
      o.connect(g).connect(ctx.destination);
      o.start(ctx.currentTime + i * 0.25);
      o.stop(ctx.currentTime + i * 0.25 + 0.24);
    });
    setTimeout(() => void ctx.close(), 800);
  } catch {
    /* no audio device: the list still shows it */
  }
}

/** The alerts the server keeps: fetched on (re)connect, then pushed; a chime when one begins. */
export function useServerAlerts(
  socket: LiveSocket | null,
  token: string,
  connected: boolean,
): { active: AlertRecord[] | null; ack: (id: string) => Promise<void> } {
  const [active, setActive] = useState<AlertRecord[] | null>(null);
  useEffect(() => {
    if (!socket) return;
    const onAlerts = (a: AlertsLive & { begun: string[] }) => {
      setActive(a.active);
      if (a.begun.length) chime();
    };
    socket.on('alerts', onAlerts);
    return () => {
      socket.off('alerts', onAlerts);
    };
  }, [socket]);
  useEffect(() => {
    if (!connected) return;
    let live = true;
    api.call('alerts.active', { token }).then(
      (a) => live && setActive(a.active),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [connected, token]);
  const ack = useCallback(
    async (id: string) => {
      const rec = await api.call('alerts.ack', { params: { id }, token });
      setActive((list) => list?.map((r) => (r.id === rec.id ? { ...rec, message: r.message } : r)) ?? null);
    },
    [token],
  );
  return { active, ack };
}
