import { useEffect, useState } from 'react';

/** Where a hub page is: `#/` (all sites), `#/site/<id>`, `#/reports`, `#/admin`. */
export type HubRoute = { page: 'sites' } | { page: 'site'; siteId: string } | { page: 'reports' } | { page: 'admin' };

/** Reads a location hash. Hash routes need no help from the server: any static folder serves the pages. */
export function parseRoute(hash: string): HubRoute {
  const path = hash.replace(/^#\/?/, '').replace(/\/+$/, '');
  const site = /^site\/(.+)$/.exec(path);
  if (site) return { page: 'site', siteId: decodeURIComponent(site[1]!) };
  if (path === 'reports') return { page: 'reports' };
  if (path === 'admin') return { page: 'admin' };
  return { page: 'sites' };
}

/** The address of a route, for links. */
export function routeHref(r: HubRoute): string {
  return r.page === 'site' ? `#/site/${encodeURIComponent(r.siteId)}` : r.page === 'sites' ? '#/' : `#/${r.page}`;
}

/** The current route, following back/forward and links. */
export function useRoute(): HubRoute {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
