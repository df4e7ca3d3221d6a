import type { Pool } from 'pg';
import { HubError } from '../errors.js';
import { hashPassword } from '../auth/secrets.js';
import { notice } from '../ingest/notices.js';
import { insertNotices } from './notices.js';

export interface ConfigBody {
  venue?: unknown;
  staff?: unknown[];
  settings?: Record<string, unknown>;
}

/**
 * Staff sent with a plain `password` leave the hub with `passwordHash` only, in the site's own
 * PBKDF2 format: the site verifies it, and no password is stored or sent in the clear.
 */
async function hashStaff(staff: unknown[]): Promise<unknown[]> {
  return Promise.all(
    staff.map(async (s) => {
      if (!s || typeof s !== 'object' || typeof (s as { password?: unknown }).password !== 'string') return s;
      const { password, ...rest } = s as { password: string } & Record<string, unknown>;
      return { ...rest, passwordHash: await hashPassword(password) };
    }),
  );
}

/**
 * Records a new settings version for a site. Each version holds the whole set: parts not given
 * keep the previous version's, so a site that pulls only the newest misses nothing.
 */
export async function putConfig(pool: Pool, siteId: string, body: ConfigBody, by: string, now: number): Promise<number> {
  const staff = body.staff ? await hashStaff(body.staff) : undefined;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const site = await client.query('SELECT 1 FROM site_feed WHERE site_id = $1 FOR UPDATE', [siteId]);
    if (!site.rowCount) throw new HubError('SITE_NOT_FOUND');
    const prev = (
      await client.query<{ version: number; body: ConfigBody }>('SELECT version, body FROM config_versions WHERE site_id = $1 ORDER BY version DESC LIMIT 1', [
        siteId,
      ])
    ).rows[0];
    const merged: ConfigBody = { ...prev?.body };
    if (body.venue !== undefined) merged.venue = body.venue;
    if (staff !== undefined) merged.staff = staff;
    if (body.settings !== undefined) merged.settings = body.settings;
    const version = (prev?.version ?? 0) + 1;
    await client.query('INSERT INTO config_versions (site_id, version, at, created_by, body) VALUES ($1, $2, $3, $4, $5)', [
      siteId,
      version,
      now,
      by,
      JSON.stringify(merged),
    ]);
    await client.query('COMMIT');
    return version;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** The newest version past `since`, or null when the site is up to date. */
export async function newestConfig(pool: Pool, siteId: string, since: number): Promise<({ version: number } & ConfigBody) | null> {
  const row = (
    await pool.query<{ version: number; body: ConfigBody }>(
      'SELECT version, body FROM config_versions WHERE site_id = $1 AND version > $2 ORDER BY version DESC LIMIT 1',
      [siteId, since],
    )
  ).rows[0];
  return row ? { version: row.version, ...row.body } : null;
}

/** What the site said of a version; a refusal becomes a notice on the site's page. */
export async function recordResult(
  pool: Pool,
  siteId: string,
  r: { version: number; outcome: 'applied' | 'refused'; reason?: { id: string; en: string } },
  now: number,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const exists = await client.query('SELECT 1 FROM config_versions WHERE site_id = $1 AND version = $2', [siteId, r.version]);
    if (!exists.rowCount) throw new HubError('CONFIG_NOT_FOUND');
    await client.query(
      `INSERT INTO config_results (site_id, version, at, outcome, reason) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (site_id, version) DO UPDATE SET at = EXCLUDED.at, outcome = EXCLUDED.outcome, reason = EXCLUDED.reason`,
      [siteId, r.version, now, r.outcome, r.reason ? JSON.stringify(r.reason) : null],
    );
    if (r.outcome === 'refused') await insertNotices(client, [notice.configRefused(siteId, now, r.version, r.reason)]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Versions of a site's settings, newest first, with what the site said of each. */
export async function configHistory(pool: Pool, siteId: string) {
  const site = await pool.query<{ v: number | null }>('SELECT site_config_version AS v FROM sites LEFT JOIN site_live USING (site_id) WHERE site_id = $1', [
    siteId,
  ]);
  if (!site.rowCount) throw new HubError('SITE_NOT_FOUND');
  const res = await pool.query<{ version: number; at: string; outcome: 'applied' | 'refused' | null; reason: { id: string; en: string } | null }>(
    `SELECT v.version, v.at, r.outcome, r.reason FROM config_versions v LEFT JOIN config_results r USING (site_id, version)
      WHERE v.site_id = $1 ORDER BY v.version DESC LIMIT 200`,
    [siteId],
  );
  const history = res.rows.map((r) => ({ version: r.version, at: Number(r.at), outcome: r.outcome ?? 'pending', ...(r.reason ? { reason: r.reason } : {}) }));
  return { hubVersion: history[0]?.version ?? 0, siteVersion: site.rows[0]!.v ?? 0, history };
}
