import { useCallback, useEffect, useState } from 'react';
import type { PublicVenue } from '@antre/server/contract';
import type { RequestOf, RouteId } from '@antre/server/api';
import { api, type ApiAnswers } from '../shared/api';

/** The venue as GET /api/v1/venue presents it (the contract's PublicVenue). */
export type VenueView = PublicVenue;

/** The venue, fetched again whenever the live state reports a new version (an admin edit). */
export function useVenue(version: number): VenueView | null {
  const [venue, setVenue] = useState<VenueView | null>(null);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = (attempt: number) =>
      api.call('venue.get').then(
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

/**
 * A staff GET of route `id` that refreshes every `everyMs` and on demand; null until the first
 * answer, or on 404. A null `request` waits (nothing to ask yet).
 */
export function usePolled<K extends RouteId>(
  id: K,
  request: RequestOf<K> | null,
  token: string,
  everyMs: number,
): { data: ApiAnswers[K] | null; missing: boolean; reload: () => void } {
  const [data, setData] = useState<ApiAnswers[K] | null>(null);
  // The request as a value: a new object with the same parts is the same request.
  const key = request === null ? null : JSON.stringify(request);
  const [missing, setMissing] = useState(false);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    const req = JSON.parse(key) as RequestOf<K>;
    const load = () =>
      (api.call as (id: K, opts: RequestOf<K> & { token: string }) => Promise<ApiAnswers[K]>)(id, { ...req, token }).then(
        (d) => live && (setData(d), setMissing(false)),
        (e: { status?: number }) => live && e.status === 404 && setMissing(true),
      );
    void load();
    const timer = setInterval(load, everyMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [id, key, token, everyMs, tick]);
  return { data, missing, reload };
}
