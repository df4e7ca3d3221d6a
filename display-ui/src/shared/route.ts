/** Which screen a URL asks for: the hall board or one counter's display. */
export type Route = { screen: 'board' } | { screen: 'counter'; counterId: string };

/** Reads /display and /display/counter/<id> (any base), ignoring trailing slashes. */
export function parseRoute(pathname: string, base = '/display/'): Route {
  const rest = pathname.startsWith(base) ? pathname.slice(base.length) : pathname.replace(/^\/display\/?/, '');
  const parts = rest.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'counter' && parts[1]) return { screen: 'counter', counterId: parts[1] };
  return { screen: 'board' };
}
