import type { Pool } from 'pg';

export interface ReportRow {
  siteId: string;
  name: string;
  issued: number;
  served: number;
  noShow: number;
  transferred: number;
  medianWaitMinutes: number | null;
  p90WaitMinutes: number | null;
  medianServiceMinutes: number | null;
  ikm: number | null;
  skmRespondents: number;
}

const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/**
 * Each site's figures over a range of service days, and all sites together, from the latest
 * state of every ticket and survey answer (a ticket counts once however often it changed).
 * Issued counts visits (a transfer's second ticket is not a new visit); waits run from the
 * visitor's queue time to the first call, service from start to finish; IKM is Permenpan RB
 * 14/2017's converted index (mean of the nine elements' NRR x 25) of the range's answers.
 */
export async function report(pool: Pool, from: string, to: string): Promise<{ rows: ReportRow[]; total: ReportRow }> {
  const tickets = await pool.query(
    `SELECT site_id,
            count(*) FILTER (WHERE data->>'transferredFrom' IS NULL) AS issued,
            count(*) FILTER (WHERE data->>'status' = 'done') AS served,
            count(*) FILTER (WHERE data->>'status' = 'no_show') AS no_show,
            count(*) FILTER (WHERE data->>'status' = 'transferred') AS transferred,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY w) AS wait50,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY w) AS wait90,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY s) AS service50
       FROM (SELECT site_id, data,
                    CASE WHEN data->>'transferredFrom' IS NULL AND jsonb_typeof(data->'calledAt') = 'number'
                         THEN ((data->>'calledAt')::float8 - coalesce((data->>'queuedAt')::float8, (data->>'issuedAt')::float8)) / 60000 END AS w,
                    CASE WHEN data->>'status' = 'done' AND jsonb_typeof(data->'startedAt') = 'number' AND jsonb_typeof(data->'finishedAt') = 'number'
                         THEN ((data->>'finishedAt')::float8 - (data->>'startedAt')::float8) / 60000 END AS s
               FROM events WHERE kind = 'ticket' AND day BETWEEN $1 AND $2) t
      GROUP BY GROUPING SETS ((site_id), ())`,
    [from, to],
  );
  const elements = Array.from({ length: 9 }, (_, i) => `avg((data->'scores'->>${i})::float8) AS e${i}`).join(', ');
  const surveys = await pool.query(
    `SELECT site_id, count(*) AS respondents, ${elements}
       FROM events WHERE kind = 'survey' AND day BETWEEN $1 AND $2 AND jsonb_typeof(data->'scores') = 'array'
      GROUP BY GROUPING SETS ((site_id), ())`,
    [from, to],
  );
  const names = new Map((await pool.query<{ site_id: string; name: string }>('SELECT site_id, name FROM sites')).rows.map((r) => [r.site_id, r.name]));
  const skm = new Map<string | null, { respondents: number; ikm: number | null }>();
  for (const r of surveys.rows) {
    const nrr = Array.from({ length: 9 }, (_, i) => r[`e${i}`] as number | null);
    const ikm = nrr.every((v) => v !== null) ? Math.round((nrr.reduce((a, v) => a + v!, 0) / 9) * 25 * 100) / 100 : null;
    skm.set(r.site_id, { respondents: Number(r.respondents), ikm });
  }
  const rowOf = (siteId: string | null, t: Record<string, unknown> | undefined): ReportRow => ({
    siteId: siteId ?? '*',
    name: siteId === null ? 'Semua gedung / All sites' : (names.get(siteId) ?? siteId),
    issued: Number(t?.issued ?? 0),
    served: Number(t?.served ?? 0),
    noShow: Number(t?.no_show ?? 0),
    transferred: Number(t?.transferred ?? 0),
    medianWaitMinutes: round1((t?.wait50 as number | null) ?? null),
    p90WaitMinutes: round1((t?.wait90 as number | null) ?? null),
    medianServiceMinutes: round1((t?.service50 as number | null) ?? null),
    ikm: skm.get(siteId)?.ikm ?? null,
    skmRespondents: skm.get(siteId)?.respondents ?? 0,
  });
  const bySite = new Map(tickets.rows.filter((r) => r.site_id !== null).map((r) => [r.site_id as string, r]));
  const siteIds = [...new Set([...bySite.keys(), ...[...skm.keys()].filter((k): k is string => k !== null)])].sort();
  return {
    rows: siteIds.map((id) => rowOf(id, bySite.get(id))),
    total: rowOf(
      null,
      tickets.rows.find((r) => r.site_id === null),
    ),
  };
}

/** A site's accountability records over a range, newest first. */
export async function accountability(pool: Pool, siteId: string, from: string, to: string): Promise<unknown[]> {
  const res = await pool.query<{ data: unknown }>(
    "SELECT data FROM events WHERE site_id = $1 AND kind = 'accountability' AND day BETWEEN $2 AND $3 ORDER BY at DESC, seq DESC LIMIT 2000",
    [siteId, from, to],
  );
  return res.rows.map((r) => r.data);
}
