import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { hubApi } from './hub-api';

/** The all-sites page polls this often: a site's heartbeat comes every 2 s. */
export const SITES_POLL_MS = 3000;

/** Every site's summary, polled; shared by every page that shows live figures. */
export function useSites(token: string) {
  return useQuery({ queryKey: ['sites'], queryFn: () => hubApi.sites(token), refetchInterval: SITES_POLL_MS, refetchIntervalInBackground: true });
}

/** One site with its venue; the venue changes rarely, the live part comes from useSites. */
export function useSiteDetail(token: string, siteId: string) {
  return useQuery({ queryKey: ['site', siteId], queryFn: () => hubApi.site(token, siteId), refetchInterval: 30000 });
}

export function useNotices(token: string, siteId: string) {
  return useQuery({ queryKey: ['notices', siteId], queryFn: () => hubApi.notices(token, siteId), refetchInterval: 15000 });
}

export function useAccountability(token: string, siteId: string, from: string | null, to: string | null) {
  return useQuery({
    queryKey: ['accountability', siteId, from, to],
    queryFn: () => hubApi.accountability(token, siteId, from!, to!),
    enabled: from !== null && to !== null,
    refetchInterval: 30000,
  });
}

/**
 * The hub's clock, ticking every second: the browser's clock corrected by the offset seen in the
 * last answer that carried the hub's `now` (a staff PC's clock may be minutes off). While the hub
 * does not answer (`frozen`), time stands at its last answer: the figures on screen are as of
 * then, and a site must not turn "offline" because the hub, not the site, went quiet.
 */
export function useHubNow(hubNow: number | undefined, receivedAt: number, frozen = false): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(id);
  }, []);
  // Read at render, not at the last tick: an answer that just arrived must not look a second old.
  if (frozen && hubNow !== undefined) return hubNow;
  const offset = hubNow === undefined ? 0 : hubNow - receivedAt;
  return Date.now() + offset;
}
