import { existsSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PostgresMissingError, findPostgresBin, startThrowawayPostgres } from '../../hub/src/index.ts';
import { HAVE_POSTGRES } from './support.ts';

describe('throwaway PostgreSQL', () => {
  it('says clearly what to install when initdb and pg_ctl are nowhere', async () => {
    expect(findPostgresBin('/nonexistent', '/nonexistent/bin')).toBeNull();
    const err = await startThrowawayPostgres({ searchRoot: '/nonexistent', searchPath: '' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PostgresMissingError);
    expect((err as Error).message).toMatch(/apt-get install -y postgresql/);
  });

  it.skipIf(!HAVE_POSTGRES)('starts a cluster with fsync on, on 127.0.0.1 and a socket in its own folder, and removes it on stop', async () => {
    const cluster = await startThrowawayPostgres();
    try {
      expect(cluster.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      expect(existsSync(`${cluster.dir}/.s.PGSQL.${cluster.port}`)).toBe(true);
      const db = new pg.Client({ connectionString: cluster.url });
      await db.connect();
      const r = await db.query("SELECT current_setting('fsync') AS fsync, current_setting('listen_addresses') AS listen");
      await db.end();
      expect(r.rows[0]).toEqual({ fsync: 'on', listen: '127.0.0.1' });
    } finally {
      await cluster.stop();
    }
    expect(existsSync(cluster.dir)).toBe(false);
    const after = new pg.Client({ connectionString: cluster.url, connectionTimeoutMillis: 2000 });
    await expect(after.connect()).rejects.toThrow();
  });
});
