/**
 * The venue (floors, agencies, counters, spoken names), fetched again whenever the server
 * announces a new version, cached so a board can draw itself while the server is away.
 */
import { useEffect, useState } from 'react';
import { fetchVenue, type PublicVenue } from './api';
import { recall, remember } from './storage';

const RETRY_MS = 5000;

/** The venue at (at least) `version`; 0 means "whatever the server has". */
export function useVenue(version: number): PublicVenue | null {
  const [venue, setVenue] = useState<PublicVenue | null>(() => recall<PublicVenue>('venue'));
  const have = venue?.version ?? -1;
  const [fetchedOnce, setFetchedOnce] = useState(false);
  const needed = !fetchedOnce || (version > 0 && version !== have);

  useEffect(() => {
    if (!needed) return;
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      fetchVenue().then(
        (v) => {
          if (!alive) return;
          remember('venue', v);
          setVenue(v);
          setFetchedOnce(true);
        },
        () => {
          if (alive) timer = setTimeout(load, RETRY_MS);
        },
      );
    };
    load();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [needed, version]);

  return venue;
}
