/**
 * The wire between a site (one building's Antre server) and the hub (many buildings' view).
 *
 * Types only: the hub validates what arrives with its own zod schemas, and the hub's pages import
 * these without pulling the server in.
 *
 * Site -> hub: the site ships its change feed in order, in batches. Every event has the site's
 * feed sequence number (1, 2, 3 ... with no gaps); the hub applies a batch in one transaction and
 * remembers the highest sequence applied, so a batch sent twice is applied once, and a site that
 * was offline catches up by sending from the hub's `nextSeq`. The site never waits for the hub.
 *
 * Hub -> site: venue, staff and settings changes made centrally are versioned per site; the site
 * pulls them, applies them through its own validation, and reports applied or refused (with why).
 */
import type { LocalizedText } from './errors.js';
import type { Alert } from './reports.js';
import type { PublicCounter } from './domain.js';
import type { PublicVenue } from './responses.js';

/** What a site's change feed carries. */
export const HUB_EVENT_KINDS = [
  /** A ticket as it is after a change (issued, called, started, finished, no-show, transfer...). */
  'ticket',
  /** A counter's state after a change (open, break, closed, who is at it). */
  'counter',
  /** A service's day state after a change (paused, quota). */
  'service',
  /** One SKM survey answer. */
  'survey',
  /** An alert raised, acknowledged or cleared. */
  'alert',
  /** An accountability record (who did what, undo, reroute). */
  'accountability',
  /** A service day began or ended at the site. */
  'day',
] as const;
export type HubEventKind = (typeof HUB_EVENT_KINDS)[number];

/** One change in a site's feed. */
export interface HubEvent {
  /** The site's feed sequence number: 1-based, gapless, increasing. */
  seq: number;
  /** Site clock, epoch ms, when the change was made. */
  at: number;
  /** The site's service day (YYYY-MM-DD, local to the site) the change belongs to. */
  day: string;
  kind: HubEventKind;
  /**
   * The natural key of the thing changed, stable across resends and restores
   * (e.g. `ticket:2026-12-01:t_abc`, `counter:2026-12-01:c-dukcapil-1`): the hub keeps the
   * latest state per key, so nothing is counted twice even when sequence numbers go back.
   */
  key: string;
  data: unknown;
}

/** `POST /hub/v1/ingest` with the site's bearer credential. */
export interface HubBatch {
  siteId: string;
  /**
   * Identifies one life of the site's feed. A site restored from an old backup keeps the old
   * feed id but its sequence goes back; the hub notices (the content at a known sequence differs)
   * and says so. A feed recreated from nothing gets a new id.
   */
  feedId: string;
  /** Sequence of the first event; events are consecutive. */
  fromSeq: number;
  events: HubEvent[];
  /** Site clock when the batch was sent, epoch ms: the hub compares it to its own to see skew. */
  sentAt: number;
  /** The version of the hub's settings the site has applied (0: none). */
  configVersion: number;
  /** A short live summary, so the hub's all-sites page needs no replay to show now. */
  live: HubSiteLive;
  /** The site's public venue (names, floors, counters), sent on the first batch after a start and after every venue change. */
  venue?: PublicVenue;
}

/** The hub's answer to a batch. */
export interface HubBatchAnswer {
  /** Events newly applied. */
  applied: number;
  /** Events the hub already had (same sequence, same content): ignored. */
  duplicates: number;
  /** The sequence the hub expects next: the site resumes from here. */
  nextSeq: number;
  /** What the hub saw that a person should know (gap, sequence back, clock skew). */
  notices: HubNotice[];
  /** The newest settings version for this site, so the site knows to pull. */
  configVersion: number;
}

export const HUB_NOTICE_KINDS = ['gap', 'sequence_back', 'clock_skew', 'feed_reset', 'config_refused'] as const;
export type HubNoticeKind = (typeof HUB_NOTICE_KINDS)[number];

/** Something the hub saw about a site, kept and shown on its pages. */
export interface HubNotice {
  kind: HubNoticeKind;
  siteId: string;
  /** Hub clock, epoch ms. */
  at: number;
  message: LocalizedText;
  detail?: Record<string, unknown>;
}

/** A site's state now, as it reports it with every batch (and with an empty batch as a heartbeat). */
export interface HubSiteLive {
  day: string;
  waiting: number;
  serving: number;
  countersOpen: number;
  countersTotal: number;
  /** Tickets issued today. */
  issued: number;
  served: number;
  noShow: number;
  /** Median wait of the visitors called today, minutes. */
  medianWaitMinutes: number | null;
  alerts: Alert[];
  counters: PublicCounter[];
}

/** One row of the hub's all-sites page (`GET /hub/v1/sites`). */
export interface HubSiteSummary {
  siteId: string;
  name: string;
  /** Regency / city, for grouping a province. */
  region: string;
  /** Revoked sites are shown but cannot send. */
  status: 'active' | 'revoked';
  /** Hub clock of the last batch or heartbeat; null if never seen. */
  lastSeenAt: number | null;
  /** Seconds between the newest event's site time (corrected for skew) and when the hub applied it. */
  lagSeconds: number | null;
  /** Site clock minus hub clock, ms, from the last batch. */
  clockSkewMs: number | null;
  nextSeq: number;
  live: HubSiteLive | null;
  notices: HubNotice[];
  configVersion: { site: number; hub: number };
}

/** `GET /hub/v1/sites`. */
export interface HubSitesResponse {
  now: number;
  sites: HubSiteSummary[];
}

/** One site's figures over a range (`GET /hub/v1/reports?from&to`). */
export interface HubReportRow {
  siteId: string;
  name: string;
  issued: number;
  served: number;
  noShow: number;
  transferred: number;
  medianWaitMinutes: number | null;
  p90WaitMinutes: number | null;
  medianServiceMinutes: number | null;
  /** SKM / IKM over the range (converted 25-100), null without answers. */
  ikm: number | null;
  skmRespondents: number;
}

export interface HubReportResponse {
  from: string;
  to: string;
  rows: HubReportRow[];
  /** Every site together. */
  total: HubReportRow;
}

/** Settings a site takes from the hub (`GET /hub/v1/site/config?since=N`, site credential). */
export interface HubConfig {
  version: number;
  /** A whole venue document, validated by the site as its own admin page would. */
  venue?: unknown;
  /** Staff accounts to create or update (passwords only as hashes the site can verify). */
  staff?: unknown[];
  settings?: Record<string, unknown>;
}

/** The site's answer after applying (`POST /hub/v1/site/config/result`). */
export interface HubConfigResult {
  version: number;
  outcome: 'applied' | 'refused';
  /** Why a change was refused, as the site's validation said it. */
  reason?: LocalizedText;
}

/** A site's link to its hub, as the site's `GET /api/health` (`hub`) shows it to its supervisors. */
export interface HubLinkStatus {
  state: 'starting' | 'ok' | 'retrying' | 'failed';
  url: string;
  siteId: string;
  feedId: string | null;
  /** Site clock of the last request the hub answered. */
  lastOkAt: number | null;
  lastSentAt: number | null;
  /** Events on the site's disk the hub has not acknowledged. */
  pendingEvents: number;
  /** The next sequence the hub expects. */
  hubNextSeq: number;
  /** The hub settings version applied at the site. */
  configVersion: number;
  lastError: { at: number; message: string } | null;
}
