import { useEffect, useState } from 'react';
import type { Venue } from '@antre/server/contract';
import { api } from '../shared/api';

/** GET /api/venue: the venue without printer addresses, plus its version. */
export type VenueView = Omit<Venue, 'kiosks'> & { version: number };

/** The venue configuration, fetched again whenever the live state reports a new version. */
export function useVenue(version: number): { venue: VenueView | null; failed: boolean } {
  const [venue, setVenue] = useState<VenueView | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    const load = (attempt: number) => {
      api<VenueView>('/api/venue').then(
        (v) => live && (setVenue(v), setFailed(false)),
        () => {
          if (!live) return;
          setFailed(true);
          setTimeout(() => live && load(attempt + 1), Math.min(10000, 1000 * 2 ** attempt));
        },
      );
    };
    load(0);
    return () => {
      live = false;
    };
  }, [version]);
  return { venue, failed };
}
