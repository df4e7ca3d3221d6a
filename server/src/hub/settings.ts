/** How a site reaches its hub (ANTRE_HUB_*); absent: the site runs alone, exactly as without a hub. */
export interface HubSettings {
  url: string;
  siteId: string;
  credential: string;
  /** Pending events are sent, or a heartbeat when there are none, this often (ms). */
  intervalMs: number;
  /** Longest wait between tries while the hub is unreachable (ms); tests shorten it. */
  maxBackoffMs?: number;
  /** How long one request may take before it counts as failed (ms). */
  requestTimeoutMs?: number;
  /**
   * Tests only: the feed writes each change this long after the queue committed it, so a test can
   * kill the process inside that window for certain (ANTRE_TEST_HUB_FEED_DELAY_MS, honoured like the
   * other test settings only under vitest or with ANTRE_TEST_SETTINGS=1).
   */
  testFeedDelayMs?: number;
  /** Events per feed file (tests make it small to see segments pruned). */
  feedSegmentEvents?: number;
}

export const DEFAULT_HUB_INTERVAL_MS = 2000;

/** A hub setting that cannot work: start-up stops with its name rather than running unlinked by surprise. */
export class HubSettingsError extends Error {}

/** The hub link from the environment, or null without ANTRE_HUB_URL. */
export function hubSettingsFromEnv(env: NodeJS.ProcessEnv): HubSettings | null {
  const url = env.ANTRE_HUB_URL?.trim();
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new HubSettingsError(`ANTRE_HUB_URL: "${url}" is not a URL (e.g. http://hub.example:4000)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new HubSettingsError(`ANTRE_HUB_URL: "${url}" must start with http:// or https://`);
  const siteId = env.ANTRE_SITE_ID?.trim() ?? '';
  if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(siteId))
    throw new HubSettingsError('ANTRE_SITE_ID: required with ANTRE_HUB_URL, lower-case letters, digits and dashes (e.g. belopa)');
  const credential = env.ANTRE_HUB_CREDENTIAL?.trim() ?? '';
  if (!credential.startsWith(`hs_${siteId}_`))
    throw new HubSettingsError(`ANTRE_HUB_CREDENTIAL: required with ANTRE_HUB_URL; the hub gives one per site, starting "hs_${siteId}_"`);
  const raw = env.ANTRE_HUB_INTERVAL_MS;
  const intervalMs = raw ? Number(raw) : DEFAULT_HUB_INTERVAL_MS;
  if (!Number.isFinite(intervalMs) || intervalMs < 50)
    throw new HubSettingsError(`ANTRE_HUB_INTERVAL_MS: "${raw}" is not a number of milliseconds (50 or more)`);
  const testing = env.NODE_ENV === 'test' || env.ANTRE_TEST_SETTINGS === '1';
  const delay = testing ? Number(env.ANTRE_TEST_HUB_FEED_DELAY_MS) : NaN;
  return { url: url.replace(/\/+$/, ''), siteId, credential, intervalMs, ...(delay > 0 ? { testFeedDelayMs: delay } : {}) };
}
