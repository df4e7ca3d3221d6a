import { execFile, spawnSync } from 'node:child_process';
import { chmod, chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ThrowawayOptions {
  /** TCP port on 127.0.0.1; a free one is found when absent. */
  port?: number;
  /** Parent of the temp folder (default: the OS temp folder). */
  parentDir?: string;
  /** Where to look for the binaries (default: /usr/lib/postgresql/<version>/bin, then PATH). */
  searchRoot?: string;
  searchPath?: string;
}

export interface ThrowawayPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust auth: the cluster lives and dies with the process). */
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

/** Raised when no initdb/pg_ctl is installed, so callers (tests) can skip with a clear reason. */
export class PostgresMissingError extends Error {
  constructor() {
    super(
      "PostgreSQL binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/*/bin or PATH; install Debian's `postgresql` package (apt-get install -y postgresql).",
    );
    this.name = 'PostgresMissingError';
  }
}

/** Finds the folder holding initdb and pg_ctl: Debian's versioned folders first (newest), then PATH. */
export function findPostgresBin(root = '/usr/lib/postgresql', searchPath = process.env.PATH ?? ''): string | null {
  if (existsSync(root)) {
    const versions = spawnSync('ls', [root], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const bin = join(root, v, 'bin');
      if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
    }
  }
  for (const dir of searchPath.split(':')) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  return null;
}

/** A free TCP port on 127.0.0.1, asked of the kernel (a small race with other starters is retried by the caller). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * PostgreSQL refuses to run as root, so as root every binary runs as the `postgres` OS user
 * (Debian's package creates it) through runuser, and the temp folder is handed to that user.
 */
function asOwner(isRoot: boolean, bin: string, args: string[]): [string, string[]] {
  return isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

async function ownerIds(): Promise<{ uid: number; gid: number }> {
  const { stdout } = await run('id', ['-u', 'postgres']);
  const { stdout: g } = await run('id', ['-g', 'postgres']);
  return { uid: Number(stdout.trim()), gid: Number(g.trim()) };
}

async function chownTree(dir: string, uid: number, gid: number): Promise<void> {
  await chown(dir, uid, gid);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(path, uid, gid);
    else await chown(path, uid, gid);
  }
}

/**
 * Starts a PostgreSQL cluster in a temp folder for tests, the demo and `npm run hub` without
 * DATABASE_URL: trust auth, a unix socket inside the folder and 127.0.0.1 on one port, fsync
 * on (the hub's exactly-once promise is only as good as the commit it rests on). `stop()`
 * stops it and deletes the folder; a process that exits without calling it stops it too.
 */
export async function startThrowawayPostgres(opts: ThrowawayOptions = {}): Promise<ThrowawayPostgres> {
  const bin = findPostgresBin(opts.searchRoot, opts.searchPath);
  if (!bin) throw new PostgresMissingError();
  const isRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(join(opts.parentDir ?? tmpdir(), 'antre-pg-'));
  const data = join(dir, 'data');
  try {
    if (isRoot) {
      const { uid, gid } = await ownerIds();
      await chownTree(dir, uid, gid);
      await chmod(dir, 0o700);
    }
    // --no-sync only skips initdb's own flush of the fresh template files; the running server keeps fsync on.
    const [cmd, args] = asOwner(isRoot, join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    await run(cmd, args, { env: { ...process.env, LC_ALL: 'C' } });
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = opts.port ?? (await freePort());
      const options = [
        `-p ${port}`,
        `-k ${dir}`,
        '-c listen_addresses=127.0.0.1',
        '-c fsync=on',
        '-c shared_buffers=32MB',
        '-c max_connections=60',
        '-c log_min_messages=warning',
      ].join(' ');
      const [c, a] = asOwner(isRoot, join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'postgres.log'), '-w', '-t', '60', '-o', options, 'start']);
      try {
        await run(c, a);
        return handle(bin, isRoot, dir, data, port);
      } catch (err) {
        lastError = err;
        if (opts.port !== undefined) break;
      }
    }
    throw lastError;
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

function handle(bin: string, isRoot: boolean, dir: string, data: string, port: number): ThrowawayPostgres {
  let stopped = false;
  const stopArgs = asOwner(isRoot, join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
  // Last resort when the process exits without stop(): an orphan cluster would hold its port and memory.
  const onExit = () => {
    if (stopped) return;
    spawnSync(
      stopArgs[0],
      stopArgs[1].map((x) => (x === 'fast' ? 'immediate' : x)),
      { stdio: 'ignore' },
    );
    spawnSync('rm', ['-rf', dir]);
  };
  process.once('exit', onExit);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off('exit', onExit);
      try {
        await run(stopArgs[0], stopArgs[1]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
