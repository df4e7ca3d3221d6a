import express, { type Express } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HubError } from '../errors.js';
import { adminRoutes } from './admin-routes.js';
import { type HubContext, errorHandler, requireJson } from './common.js';
import { peopleRoutes } from './people-routes.js';
import { siteRoutes } from './site-routes.js';

const NO_UI = `Antre Hub
=========
Halaman hub belum dibangun di server ini (npm run build -w hub-ui).
The hub's pages are not built on this server (npm run build -w hub-ui).

API: /hub/v1  (GET /hub/v1/health, POST /hub/v1/auth/login, GET /hub/v1/sites ...)
`;

/** The hub's HTTP door: the API under /hub/v1, the built pages (if any) at /. */
export function createApp(ctx: HubContext, opts: { uiDir?: string | null; log: (msg: string, err: unknown) => void }): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  const api = express.Router();
  api.use(requireJson);
  api.get('/health', async (_req, res) => {
    try {
      await ctx.pool.query('SELECT 1');
      res.json({ ok: true, db: 'up' });
    } catch {
      res.status(503).json({ ok: false, db: 'down' });
    }
  });
  api.use(siteRoutes(ctx));
  api.use(peopleRoutes(ctx));
  api.use(adminRoutes(ctx));
  api.use(() => {
    throw new HubError('NOT_FOUND');
  });
  app.use('/hub/v1', api);

  const uiDir = opts.uiDir ? resolve(opts.uiDir) : null;
  if (uiDir && existsSync(join(uiDir, 'index.html'))) {
    app.use(
      express.static(uiDir, {
        index: 'index.html',
        maxAge: '1h',
        setHeaders: (res, path) => path.endsWith('index.html') && res.setHeader('Cache-Control', 'no-cache'),
      }),
    );
    // The pages route in the browser: any other GET is the app's shell.
    app.get('/{*rest}', (_req, res) => res.sendFile(join(uiDir, 'index.html'), { headers: { 'Cache-Control': 'no-cache' } }));
  } else {
    app.get('/', (_req, res) => res.type('text/plain; charset=utf-8').send(NO_UI));
  }
  app.use(() => {
    throw new HubError('NOT_FOUND');
  });
  app.use(errorHandler(opts.log));
  return app;
}
