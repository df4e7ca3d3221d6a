import type { Pool } from 'pg';
import type { HubSiteLiveIn, Notice } from '../wire.js';
import { noticeOf } from './notices.js';

/** One row of the all-sites page (HubSiteSummary in the contract). */
export interface SiteSummary {
  siteId: string;
  name: string;
  region: string;
  status: 'active' | 'revoked';
  lastSeenAt: number | null;
  lagSeconds: number | null;
  clockSkewMs: number | null;
  nextSeq: number;
  live: HubSiteLiveIn | null;
  notices: Notice[];
  configVersion: { site: number; hub: number };
}

interface Row {
  site_id: string;
  name: string;
  region: string;
  status: 'active' | 'revoked';
  last_seen_at: string | null;
  lag_seconds: number | null;
  clock_skew_ms: string | null;
  next_seq: string | null;
  live: HubSiteLiveIn | null;
  site_config_version: number | null;
  hub_version: number | null;
  notices: Parameters<typeof noticeOf>[0][] | null;
}

const num = (v: string | null) => (v === null ? null : Number(v));

/** Every site (or one), with its live summary and its five newest notices, in one query. */
export async function siteSummaries(pool: Pool, siteId?: string): Promise<SiteSummary[]> {
  const res = await pool.query<Row>(
    `SELECT s.site_id, s.name, s.region, s.status, l.last_seen_at, l.lag_seconds, l.clock_skew_ms, f.next_seq, l.live,
            l.site_config_version,
            (SELECT max(version) FROM config_versions c WHERE c.site_id = s.site_id) AS hub_version,
            (SELECT jsonb_agg(n ORDER BY n.at DESC) FROM (SELECT site_id, kind, at, message, detail FROM notices
               WHERE notices.site_id = s.site_id ORDER BY at DESC, id DESC LIMIT 5) n) AS notices
       FROM sites s LEFT JOIN site_live l USING (site_id) LEFT JOIN site_feed f USING (site_id)
      WHERE $1::text IS NULL OR s.site_id = $1
      ORDER BY s.region, s.name, s.site_id`,
    [siteId ?? null],
  );
  return res.rows.map((r) => ({
    siteId: r.site_id,
    name: r.name,
    region: r.region,
    status: r.status,
    lastSeenAt: num(r.last_seen_at),
    lagSeconds: r.lag_seconds,
    clockSkewMs: num(r.clock_skew_ms),
    nextSeq: Number(r.next_seq ?? 1),
    live: r.live,
    notices: (r.notices ?? []).map(noticeOf),
    configVersion: { site: r.site_config_version ?? 0, hub: r.hub_version ?? 0 },
  }));
}
