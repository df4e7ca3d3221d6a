import { readdir, readFile } from 'node:fs/promises';
import type { Pool } from 'pg';

/** The SQL files beside the workspace (hub/migrations), found the same way from src/ and dist/. */
export const MIGRATIONS_DIR = new URL('../../migrations/', import.meta.url);

/**
 * Applies the numbered SQL files not yet recorded in `migrations`, each in its own transaction
 * with its record, under an advisory lock so two hubs starting together do not both apply one.
 */
export async function migrate(pool: Pool, dir: URL = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => /^\d+_.+\.sql$/.test(f)).sort();
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock(4242001)');
    await client.query('CREATE TABLE IF NOT EXISTS migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await client.query<{ name: string }>('SELECT name FROM migrations')).rows.map((r) => r.name));
    for (const file of files) {
      if (done.has(file)) continue;
      const sql = await readFile(new URL(file, dir), 'utf8');
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO migrations (name) VALUES ($1)', [file]);
        await client.query('COMMIT');
        applied.push(file);
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${file} failed: ${(err as Error).message}`, { cause: err });
      }
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock(4242001)').catch(() => undefined);
    client.release();
  }
}
