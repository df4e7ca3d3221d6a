import type { Pool, PoolClient } from 'pg';
import type { Notice } from '../wire.js';

type Db = Pool | PoolClient;

interface NoticeRow {
  site_id: string;
  kind: Notice['kind'];
  at: string;
  message: Notice['message'];
  detail: Record<string, unknown> | null;
}

export function noticeOf(r: NoticeRow): Notice {
  const n: Notice = { kind: r.kind, siteId: r.site_id, at: Number(r.at), message: r.message };
  if (r.detail) n.detail = r.detail;
  return n;
}

/** Keeps notices for the site's pages. */
export async function insertNotices(db: Db, notices: Notice[]): Promise<void> {
  if (!notices.length) return;
  await db.query(
    `INSERT INTO notices (site_id, kind, at, message, detail)
     SELECT x.site_id, x.kind, x.at, x.message, x.detail FROM jsonb_to_recordset($1::jsonb) AS x(site_id text, kind text, at bigint, message jsonb, detail jsonb)`,
    [JSON.stringify(notices.map((n) => ({ site_id: n.siteId, kind: n.kind, at: n.at, message: n.message, detail: n.detail ?? null })))],
  );
}

/** A gap is noted once per expected sequence: a site retrying the same wrong batch is one story, not a hundred. */
export async function recordGapNotice(db: Db, n: Notice): Promise<void> {
  await db.query(
    `INSERT INTO notices (site_id, kind, at, message, detail)
     SELECT $1, 'gap', $2, $3, $4
      WHERE NOT EXISTS (SELECT 1 FROM notices WHERE site_id = $1 AND kind = 'gap' AND detail->>'nextSeq' = $5)`,
    [n.siteId, n.at, JSON.stringify(n.message), JSON.stringify(n.detail ?? null), String(n.detail?.nextSeq)],
  );
}

/** A site's notices, newest first. */
export async function siteNotices(db: Db, siteId: string, limit = 200): Promise<Notice[]> {
  const res = await db.query<NoticeRow>('SELECT site_id, kind, at, message, detail FROM notices WHERE site_id = $1 ORDER BY at DESC, id DESC LIMIT $2', [
    siteId,
    limit,
  ]);
  return res.rows.map(noticeOf);
}
