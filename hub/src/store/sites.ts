import type { Pool } from 'pg';
import { HubError } from '../errors.js';
import { digest, newSiteCredential, sameDigest, siteOfCredential } from '../auth/secrets.js';

export interface SiteRow {
  site_id: string;
  status: 'active' | 'revoked';
  credential_hash: string | null;
}

/** Adds a site with its first credential (returned once; only its digest is kept). */
export async function createSite(pool: Pool, input: { siteId: string; name: string; region: string }, now: number): Promise<string> {
  const credential = newSiteCredential(input.siteId);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const ins = await client.query(
      'INSERT INTO sites (site_id, name, region, credential_hash, status, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
      [input.siteId, input.name, input.region, digest(credential), 'active', now],
    );
    if (!ins.rowCount) throw new HubError('SITE_EXISTS');
    await client.query('INSERT INTO site_feed (site_id) VALUES ($1)', [input.siteId]);
    await client.query('COMMIT');
    return credential;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** A new credential; the one before stops working at once (a revoked site becomes active again). */
export async function rotateCredential(pool: Pool, siteId: string): Promise<string> {
  const credential = newSiteCredential(siteId);
  const res = await pool.query("UPDATE sites SET credential_hash = $2, status = 'active' WHERE site_id = $1", [siteId, digest(credential)]);
  if (!res.rowCount) throw new HubError('SITE_NOT_FOUND');
  return credential;
}

/** No credential works for the site any more; its history stays. */
export async function revokeCredential(pool: Pool, siteId: string): Promise<void> {
  const res = await pool.query("UPDATE sites SET credential_hash = NULL, status = 'revoked' WHERE site_id = $1", [siteId]);
  if (!res.rowCount) throw new HubError('SITE_NOT_FOUND');
}

/** The site a bearer credential belongs to, or the refusal that fits. */
export async function authenticateSite(pool: Pool, credential: string | null): Promise<string> {
  if (!credential) throw new HubError('UNAUTHENTICATED');
  const siteId = siteOfCredential(credential);
  if (!siteId) throw new HubError('SITE_CREDENTIAL_INVALID');
  const row = (await pool.query<SiteRow>('SELECT site_id, status, credential_hash FROM sites WHERE site_id = $1', [siteId])).rows[0];
  if (!row) throw new HubError('SITE_CREDENTIAL_INVALID');
  if (row.status === 'revoked' || !row.credential_hash) throw new HubError('SITE_REVOKED');
  if (!sameDigest(row.credential_hash, digest(credential))) throw new HubError('SITE_CREDENTIAL_INVALID');
  return siteId;
}

export async function siteVenue(pool: Pool, siteId: string): Promise<unknown> {
  const res = await pool.query<{ venue: unknown }>('SELECT venue FROM sites WHERE site_id = $1', [siteId]);
  return res.rows[0]?.venue ?? null;
}
