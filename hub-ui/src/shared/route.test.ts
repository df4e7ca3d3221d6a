import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from './route';

describe('hub page addresses', () => {
  it('read back what they write, site ids with any character included', () => {
    for (const r of [
      { page: 'sites' },
      { page: 'reports' },
      { page: 'admin' },
      { page: 'site', siteId: 'luwu-belopa' },
      { page: 'site', siteId: 'a/b c' },
    ] as const) {
      expect(parseRoute(routeHref(r))).toEqual(r);
    }
  });
  it('take anything unknown as the all-sites page', () => {
    expect(parseRoute('')).toEqual({ page: 'sites' });
    expect(parseRoute('#/nope')).toEqual({ page: 'sites' });
  });
});
