import { describe, expect, it } from 'vitest';
import { DEFAULT_HUB_INTERVAL_MS, HubSettingsError, hubSettingsFromEnv } from './settings.js';

const base = { ANTRE_HUB_URL: 'http://hub.test:4000/', ANTRE_SITE_ID: 'belopa', ANTRE_HUB_CREDENTIAL: 'hs_belopa_abc123' };

describe('hub settings from the environment', () => {
  it('is off without ANTRE_HUB_URL, whatever else is set', () => {
    expect(hubSettingsFromEnv({})).toBeNull();
    expect(hubSettingsFromEnv({ ANTRE_SITE_ID: 'belopa', ANTRE_HUB_URL: '  ' })).toBeNull();
  });

  it('reads the URL, site, credential and interval', () => {
    expect(hubSettingsFromEnv(base)).toEqual({
      url: 'http://hub.test:4000',
      siteId: 'belopa',
      credential: 'hs_belopa_abc123',
      intervalMs: DEFAULT_HUB_INTERVAL_MS,
    });
    expect(hubSettingsFromEnv({ ...base, ANTRE_HUB_INTERVAL_MS: '500' })?.intervalMs).toBe(500);
  });

  it('stops start-up with the name of a setting that cannot work', () => {
    const bad: [Record<string, string>, RegExp][] = [
      [{ ANTRE_HUB_URL: 'hub.test:4000' }, /ANTRE_HUB_URL/],
      [{ ANTRE_HUB_URL: 'ftp://hub.test' }, /ANTRE_HUB_URL/],
      [{ ANTRE_SITE_ID: '' }, /ANTRE_SITE_ID/],
      [{ ANTRE_SITE_ID: 'Belopa Kota' }, /ANTRE_SITE_ID/],
      [{ ANTRE_HUB_CREDENTIAL: '' }, /ANTRE_HUB_CREDENTIAL/],
      [{ ANTRE_HUB_CREDENTIAL: 'hs_walmas_abc123' }, /hs_belopa_/],
      [{ ANTRE_HUB_INTERVAL_MS: 'often' }, /ANTRE_HUB_INTERVAL_MS/],
      [{ ANTRE_HUB_INTERVAL_MS: '0' }, /ANTRE_HUB_INTERVAL_MS/],
    ];
    for (const [over, message] of bad) {
      expect(() => hubSettingsFromEnv({ ...base, ...over })).toThrow(HubSettingsError);
      expect(() => hubSettingsFromEnv({ ...base, ...over })).toThrow(message);
    }
  });

  it('honours the feed delay only as a test setting', () => {
    expect(hubSettingsFromEnv({ ...base, ANTRE_TEST_HUB_FEED_DELAY_MS: '400', NODE_ENV: 'production' })?.testFeedDelayMs).toBeUndefined();
    expect(hubSettingsFromEnv({ ...base, ANTRE_TEST_HUB_FEED_DELAY_MS: '400', NODE_ENV: 'production', ANTRE_TEST_SETTINGS: '1' })?.testFeedDelayMs).toBe(400);
  });
});
