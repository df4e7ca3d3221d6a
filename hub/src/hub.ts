import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { Partitions } from './db/partitions.js';
import { migrate } from './db/migrate.js';
import { createApp } from './http/app.js';
import { newPassword } from './auth/secrets.js';
import { countUsers, createUser } from './store/users.js';

export interface HubOptions {
  databaseUrl: string;
  port: number;
  host?: string;
  /** The first admin's password (user `admin`), used only when the hub has no users yet. */
  adminPassword?: string;
  /** Folder of the built pages served at `/`. */
  uiDir?: string | null;
  /** The hub's clock (epoch ms); tests move it instead of sleeping. */
  clock?: () => number;
  /** Connections to PostgreSQL (default 10). */
  poolSize?: number;
  log?: (line: string) => void;
}

export interface RunningHub {
  url: string;
  port: number;
  pool: pg.Pool;
  close(): Promise<void>;
}

/** Starts the hub: migrates the database, makes the first admin if there is none, and listens. */
export async function startHub(opts: HubOptions): Promise<RunningHub> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
  // An idle connection dropped by the server must not take the process down; the next query reconnects.
  pool.on('error', (err) => log(`database connection lost: ${err.message}`));
  const now = opts.clock ?? Date.now;
  try {
    const applied = await migrate(pool);
    if (applied.length) log(`database migrated: ${applied.join(', ')}`);
    if ((await countUsers(pool)) === 0) {
      const password = opts.adminPassword ?? newPassword();
      await createUser(pool, { username: 'admin', password, role: 'hub-admin' }, now());
      if (!opts.adminPassword) log(`first hub admin created: username "admin", password "${password}" (shown once; change it)`);
    }
  } catch (err) {
    await pool.end();
    throw err;
  }
  const app = createApp(
    { pool, partitions: new Partitions(pool), now },
    { uiDir: opts.uiDir, log: (msg, err) => log(`${msg}: ${(err as Error)?.stack ?? String(err)}`) },
  );
  const server: Server = app.listen(opts.port, opts.host ?? '0.0.0.0');
  await once(server, 'listening');
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = 60_000;
  const port = (server.address() as AddressInfo).port;
  const host = opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1';
  return {
    url: `http://${host}:${port}`,
    port,
    pool,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await pool.end();
    },
  };
}
