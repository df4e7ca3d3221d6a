import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startHub } from './hub.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from './pg/throwaway.js';

/**
 * `npm run hub`: DATABASE_URL in production; without it a throwaway PostgreSQL cluster in a temp
 * folder (gone when the hub stops), for the demo and a first look.
 */
async function main(): Promise<void> {
  const env = process.env;
  let throwaway: ThrowawayPostgres | null = null;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    throwaway = await startThrowawayPostgres();
    databaseUrl = throwaway.url;
    console.log(`DATABASE_URL not set: started a throwaway PostgreSQL at ${throwaway.url} (data in ${throwaway.dir}, deleted on stop)`);
  }
  const defaultUi = fileURLToPath(new URL('../../hub-ui/dist', import.meta.url));
  const uiDir = env.ANTRE_HUB_UI ?? (existsSync(defaultUi) ? defaultUi : null);
  const port = env.ANTRE_HUB_PORT === undefined ? 4000 : Number(env.ANTRE_HUB_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`ANTRE_HUB_PORT must be a port number, got ${env.ANTRE_HUB_PORT}`);
  const hub = await startHub({ databaseUrl, port, host: env.ANTRE_HUB_HOST ?? '0.0.0.0', adminPassword: env.ANTRE_HUB_ADMIN_PASSWORD, uiDir });
  console.log(`Antre hub listening on http://${env.ANTRE_HUB_HOST ?? '0.0.0.0'}:${hub.port} (pages: ${uiDir ?? 'not built'})`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the hub`);
    await hub.close().catch(() => undefined);
    await throwaway?.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(`hub failed to start: ${(err as Error).message}`);
  process.exit(1);
});
