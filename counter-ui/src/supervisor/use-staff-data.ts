import { useCallback, useEffect, useState } from 'react';
import type { Venue } from '@antre/server/contract';
import { api } from '../shared/api';

/** GET /api/venue: the venue without printer addresses, plus its version. */
export type VenueView = Omit<Venue, 'kiosks'> & { version: number; kiosks: { id: string; name: string; floor: number; paper: number }[] };

/** The venue, fetched again whenever the live state reports a new version (an admin edit). */
export function useVenue(version: number): VenueView | null {
  const [venue, setVenue] = useState<VenueView | null>(null);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = (attempt: number) =>
      api<VenueView>('/api/venue').then(
        (v) => live && setVenue(v),
        () => {
          if (live) timer = setTimeout(() => load(attempt + 1), Math.min(10000, 1000 * 2 ** attempt));
        },
      );
    void load(0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [version]);
  return venue;
}

/** The server's "now" (PC clock corrected by the snapshot's offset), ticking every `ms`. */
export function useNow(offset: number, ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now + offset;
}

/** A staff GET that refreshes every `everyMs` and on demand; null until the first answer, or on 404. */
export function usePolled<T>(path: string | null, token: string, everyMs: number): { data: T | null; missing: boolean; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [missing, setMissing] = useState(false);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    if (!path) return;
    let live = true;
    const load = () =>
      api<T>(path, { token }).then(
        (d) => live && (setData(d), setMissing(false)),
        (e: { status?: number }) => live && e.status === 404 && setMissing(true),
      );
    void load();
    const id = setInterval(load, everyMs);
    return () => {
      live = false;
      clearInterval(id);
    };
  }, [path, token, everyMs, tick]);
  return { data, missing, reload };
}
