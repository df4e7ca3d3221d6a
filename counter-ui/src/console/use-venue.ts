import { useEffect, useState } from 'react';
import type { PublicVenue } from '@antre/server/contract';
import { api } from '../shared/api';

/** The venue as GET /api/v1/venue presents it (the contract's PublicVenue). */
export type VenueView = PublicVenue;

/** The venue configuration, fetched again whenever the live state reports a new version. */
export function useVenue(version: number): { venue: VenueView | null; failed: boolean } {
  const [venue, setVenue] = useState<VenueView | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    const load = (attempt: number) => {
      api.call('venue.get').then(
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
