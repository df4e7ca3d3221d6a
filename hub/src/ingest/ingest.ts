import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { HubError } from '../errors.js';
import type { Partitions } from '../db/partitions.js';
import type { BatchAnswer, HubBatchIn, HubEventIn, Notice } from '../wire.js';
import { CLOCK_SKEW_LIMIT_MS, SKEW_NOTICE_EVERY_MS, notice } from './notices.js';
import { insertNotices, recordGapNotice } from '../store/notices.js';

/** What one event is, for telling a resend (same) from a restored site's new history (different). */
export function eventDigest(e: HubEventIn): Buffer {
  return createHash('sha256')
    .update(JSON.stringify([e.at, e.day, e.kind, e.key, e.data ?? null]))
    .digest()
    .subarray(0, 16);
}

/** A day more than this past the hub's date is refused (a site's clock may be off, not by days). */
const FUTURE_DAYS = 2;
/** Months one batch may touch: each new month creates partitions, which a batch must not do by the hundred. */
const MAX_MONTHS_PER_BATCH = 12;

/** Refuses days far in the future and batches spread over many months (INVALID_INPUT, nothing changed). */
function checkDays(batch: HubBatchIn, now: number): void {
  const latest = new Date(now + FUTURE_DAYS * 86_400_000).toISOString().slice(0, 10);
  const late = batch.events.findIndex((e) => e.day > latest);
  if (late >= 0) throw new HubError('INVALID_INPUT', [{ path: `events.${late}.day`, message: `day ${batch.events[late]!.day} is after ${latest}` }]);
  const months = new Set(batch.events.map((e) => e.day.slice(0, 7)));
  if (months.size > MAX_MONTHS_PER_BATCH)
    throw new HubError('INVALID_INPUT', [{ path: 'events', message: `a batch may span at most ${MAX_MONTHS_PER_BATCH} months` }]);
}

interface FeedRow {
  feed_id: string | null;
  next_seq: string;
}

/**
 * Applies one batch of a site's feed exactly once, in one transaction.
 *
 * The site's feed row is locked first, so batches of one site are applied one after another
 * whatever order they arrive in; other sites are not held up. A batch that starts past the
 * hub's next sequence is refused (SEQUENCE_GAP, nothing changed); the part of a batch the hub
 * already has is compared seq by seq: the same content is a duplicate, different content means
 * the site's history went back (restored backup) and the site's new history is taken from there.
 */
export async function ingestBatch(pool: Pool, partitions: Partitions, batch: HubBatchIn, now: number): Promise<BatchAnswer> {
  checkDays(batch, now);
  try {
    return await ingestOnce(pool, partitions, batch, now);
  } catch (err) {
    // 23514 here is "no partition of events found for row": a month partition went away under us.
    if ((err as { code?: string }).code !== '23514') throw err;
    partitions.forget();
    return ingestOnce(pool, partitions, batch, now);
  }
}

async function ingestOnce(pool: Pool, partitions: Partitions, batch: HubBatchIn, now: number): Promise<BatchAnswer> {
  await partitions.ensure(batch.events.map((e) => e.day));
  const client = await pool.connect();
  let released = false;
  try {
    await client.query('BEGIN');
    const answer = await applyBatch(client, batch, now);
    await client.query('COMMIT');
    return answer;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {
      // The connection itself is gone: drop it from the pool rather than hand it out again.
      client.release(err as Error);
      released = true;
    });
    if (err instanceof HubError && err.code === 'SEQUENCE_GAP') {
      const ext = err.extra as { nextSeq: number };
      await recordGapNotice(pool, notice.gap(batch.siteId, now, { nextSeq: ext.nextSeq, fromSeq: batch.fromSeq })).catch(() => undefined);
    }
    throw err;
  } finally {
    if (!released) client.release();
  }
}

async function applyBatch(client: PoolClient, batch: HubBatchIn, now: number): Promise<BatchAnswer> {
  const siteId = batch.siteId;
  const feed = (await client.query<FeedRow>('SELECT feed_id, next_seq FROM site_feed WHERE site_id = $1 FOR UPDATE', [siteId])).rows[0];
  if (!feed) throw new HubError('SITE_NOT_FOUND');
  const notices: Notice[] = [];
  let next = Number(feed.next_seq);

  if (feed.feed_id !== null && feed.feed_id !== batch.feedId) {
    notices.push(notice.feedReset(siteId, now, { oldFeedId: feed.feed_id, newFeedId: batch.feedId, hubNextSeq: next }));
    await client.query('DELETE FROM feed_seqs WHERE site_id = $1', [siteId]);
    next = 1;
  }

  const events = batch.events;
  const end = batch.fromSeq + events.length - 1;
  if (events.length && batch.fromSeq > next) throw new HubError('SEQUENCE_GAP', { expected: next, got: batch.fromSeq }, { nextSeq: next });

  let duplicates = 0;
  let firstNew = events.length ? Math.max(next, batch.fromSeq) : next;
  if (events.length && batch.fromSeq < next) {
    const known = await client.query<{ seq: string; hash: Buffer }>('SELECT seq, hash FROM feed_seqs WHERE site_id = $1 AND seq BETWEEN $2 AND $3', [
      siteId,
      batch.fromSeq,
      Math.min(end, next - 1),
    ]);
    const bySeq = new Map(known.rows.map((r) => [Number(r.seq), r.hash]));
    for (const e of events) {
      if (e.seq >= next) break;
      const had = bySeq.get(e.seq);
      if (had && had.equals(eventDigest(e))) {
        duplicates++;
        continue;
      }
      // The site's history differs from here: take its new history, drop what the hub had after it.
      notices.push(notice.sequenceBack(siteId, now, { seq: e.seq, hubNextSeq: next, batchEndSeq: end }));
      await client.query('DELETE FROM feed_seqs WHERE site_id = $1 AND seq >= $2', [siteId, e.seq]);
      firstNew = e.seq;
      next = e.seq;
      break;
    }
  }

  const fresh = events.filter((e) => e.seq >= firstNew);
  if (fresh.length) {
    await upsertEvents(client, siteId, fresh);
    next = end + 1;
  }
  const skew = batch.sentAt - now;
  const live = await updateFeedAndLive(client, batch, next, now, skew, fresh);
  if (Math.abs(skew) > CLOCK_SKEW_LIMIT_MS) {
    const last = live.skew_noticed_at === null ? null : Number(live.skew_noticed_at);
    const lastSkew = live.prev_skew === null ? null : Number(live.prev_skew);
    const outOfBoundsBefore = lastSkew !== null && Math.abs(lastSkew) > CLOCK_SKEW_LIMIT_MS;
    if (last === null || now - last >= SKEW_NOTICE_EVERY_MS || !outOfBoundsBefore || Math.abs(skew - (lastSkew ?? 0)) > 60_000) {
      notices.push(notice.clockSkew(siteId, now, skew));
      await client.query('UPDATE site_live SET skew_noticed_at = $2 WHERE site_id = $1', [siteId, now]);
    }
  }
  if (batch.venue) await client.query('UPDATE sites SET venue = $2 WHERE site_id = $1', [siteId, JSON.stringify(batch.venue)]);
  await insertNotices(client, notices);
  return { applied: fresh.length, duplicates, nextSeq: next, notices, configVersion: live.hub_version ?? 0 };
}

/** Latest state per (day, key) wins: within a batch the last event of a key, across batches the later seq. */
async function upsertEvents(client: PoolClient, siteId: string, events: HubEventIn[]): Promise<void> {
  const last = new Map<string, HubEventIn>();
  for (const e of events) last.set(`${e.day}\n${e.key}`, e);
  const rows = [...last.values()].map((e) => ({ day: e.day, key: e.key, kind: e.kind, at: e.at, seq: e.seq, data: e.data ?? null }));
  // One round trip for both writes (a batch is a handful of statements; each is a wait on a busy hub).
  await client.query(
    `WITH e AS (
       INSERT INTO events (site_id, day, key, kind, at, seq, data)
       SELECT $1, x.day, x.key, x.kind, x.at, x.seq, x.data
         FROM jsonb_to_recordset($2::jsonb) AS x(day date, key text, kind text, at bigint, seq bigint, data jsonb)
       ON CONFLICT (site_id, day, key) DO UPDATE SET kind = EXCLUDED.kind, at = EXCLUDED.at, seq = EXCLUDED.seq, data = EXCLUDED.data
       RETURNING 1)
     INSERT INTO feed_seqs (site_id, seq, hash) SELECT $1, s, h FROM unnest($3::bigint[], $4::bytea[]) AS t(s, h)
     ON CONFLICT (site_id, seq) DO UPDATE SET hash = EXCLUDED.hash`,
    [siteId, JSON.stringify(rows), events.map((e) => e.seq), events.map(eventDigest)],
  );
}

interface LiveRow {
  skew_noticed_at: string | null;
  prev_skew: string | null;
  hub_version: number | null;
}

/**
 * Moves the feed to `next` and records the site's now: its summary, when it was last heard, its
 * clock skew and the lag of what just arrived; answers the newest settings version beside.
 */
async function updateFeedAndLive(client: PoolClient, batch: HubBatchIn, next: number, now: number, skew: number, fresh: HubEventIn[]): Promise<LiveRow> {
  // Site time of the newest event, moved onto the hub's clock by the skew the batch showed.
  const newest = fresh.reduce((m, e) => Math.max(m, e.at), -Infinity);
  const lag = fresh.length ? Math.max(0, (now - (newest - skew)) / 1000) : null;
  const res = await client.query<LiveRow>(
    `WITH f AS (UPDATE site_feed SET feed_id = $7, next_seq = $8 WHERE site_id = $1 RETURNING 1),
     l AS (
       INSERT INTO site_live AS l (site_id, live, last_seen_at, lag_seconds, clock_skew_ms, site_config_version)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (site_id) DO UPDATE SET live = EXCLUDED.live, last_seen_at = EXCLUDED.last_seen_at,
         lag_seconds = COALESCE(EXCLUDED.lag_seconds, l.lag_seconds), clock_skew_ms = EXCLUDED.clock_skew_ms,
         site_config_version = EXCLUDED.site_config_version
       RETURNING skew_noticed_at)
     SELECT l.skew_noticed_at, (SELECT clock_skew_ms FROM site_live WHERE site_id = $1) AS prev_skew,
            (SELECT max(version) FROM config_versions WHERE site_id = $1) AS hub_version
       FROM l, (SELECT count(*) FROM f) AS fc`,
    [batch.siteId, JSON.stringify(batch.live), now, lag, skew, batch.configVersion, batch.feedId, next],
  );
  return res.rows[0]!;
}
