import type { Pool } from 'pg';
import { HubError } from '../errors.js';
import { digest, hashPassword, newSessionToken, verifyPassword } from '../auth/secrets.js';

export type HubRole = 'hub-admin' | 'hub-viewer';
export interface HubUser {
  username: string;
  role: HubRole;
}

/** How long a log-in lasts. */
export const SESSION_MS = 12 * 60 * 60_000;

export async function countUsers(pool: Pool): Promise<number> {
  return Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM hub_users')).rows[0]!.n);
}

export async function createUser(pool: Pool, input: { username: string; password: string; role: HubRole }, now: number): Promise<HubUser> {
  const hash = await hashPassword(input.password);
  const res = await pool.query('INSERT INTO hub_users (username, password_hash, role, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
    input.username,
    hash,
    input.role,
    now,
  ]);
  if (!res.rowCount) throw new HubError('USERNAME_TAKEN');
  return { username: input.username, role: input.role };
}

export async function listUsers(pool: Pool): Promise<(HubUser & { createdAt: number })[]> {
  const res = await pool.query<{ username: string; role: HubRole; created_at: string }>('SELECT username, role, created_at FROM hub_users ORDER BY username');
  return res.rows.map((r) => ({ username: r.username, role: r.role, createdAt: Number(r.created_at) }));
}

// A fixed hash to verify against when the name is unknown, so both refusals take the same time.
let decoy: Promise<string> | null = null;

/** A session token for a right name and password (only its digest is stored). */
export async function login(pool: Pool, username: string, password: string, now: number): Promise<{ token: string; user: HubUser }> {
  const row = (await pool.query<{ password_hash: string; role: HubRole }>('SELECT password_hash, role FROM hub_users WHERE username = $1', [username])).rows[0];
  decoy ??= hashPassword('decoy-password');
  const ok = await verifyPassword(password, row?.password_hash ?? (await decoy));
  if (!row || !ok) throw new HubError('INVALID_CREDENTIALS');
  const token = newSessionToken();
  await pool.query('DELETE FROM hub_sessions WHERE expires_at < $1', [now]);
  await pool.query('INSERT INTO hub_sessions (token_hash, username, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
    digest(token),
    username,
    now,
    now + SESSION_MS,
  ]);
  return { token, user: { username, role: row.role } };
}

/** The user behind a session token, or the refusal that fits. */
export async function authenticateUser(pool: Pool, token: string | null, now: number): Promise<HubUser> {
  if (!token) throw new HubError('UNAUTHENTICATED');
  const res = await pool.query<HubUser>(
    'SELECT u.username, u.role FROM hub_sessions s JOIN hub_users u USING (username) WHERE s.token_hash = $1 AND s.expires_at > $2',
    [digest(token), now],
  );
  const user = res.rows[0];
  if (!user) throw new HubError('INVALID_TOKEN');
  return user;
}
