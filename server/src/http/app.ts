import compression from 'compression';
import helmet from 'helmet';
import { requestBudget } from './budget.js';
import express, { type Express } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from '../context.js';
import { AntreError } from '../contract/errors.js';
import type { Notifier } from '../realtime/notifier.js';
import { errorHandler, notFound } from './errors.js';
import { adminRoutes } from './routes/admin.js';
import { authRoutes } from './routes/auth.js';
import { contactRoutes } from './routes/contacts.js';
import { bookingRoutes } from './routes/bookings.js';
import { counterRoutes } from './routes/counters.js';
import { dayPlanRoutes } from './routes/day-plan.js';
import { alertRoutes } from './routes/alerts.js';
import { accountabilityRoutes } from './routes/accountability.js';
import { printerRoutes } from './routes/printers.js';
import { publicRoutes } from './routes/public.js';
import { reportRoutes } from './routes/reports.js';
import { ticketRoutes } from './routes/tickets.js';
import { surveyRoutes } from './routes/surveys.js';
import { venueAdminRoutes } from './routes/venue-admin.js';
import { metaRoutes } from './routes/meta.js';
import { deprecatedAlias } from './deprecation.js';
import { API_LEGACY, API_V1 } from '../contract/api/routes.js';

/**
 * The express app: the JSON API under /api/v1 (and, deprecated, under /api: the same router), the
 * built UIs beside it.
 */
export function createApp(ctx: AppContext, notifier: () => Notifier | null = () => null): Express {
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For is believed only from a proxy the operator named (ANTRE_TRUST_PROXY): anyone else could write any address in it.
  app.set('trust proxy', ctx.trustProxy);
  app.set('query parser', 'simple');
  app.use(securityHeaders());
  // Phones on a slow connection open the ticket page: gzip the UI bundles and the JSON.
  app.use(compression({ threshold: 1024 }));
  const api = express.Router();
  api.use(requestBudget(ctx));
  api.use(jsonBodiesOnly);
  api.use(venueAdminRoutes(ctx, notifier)); // before the 32 kB parser: a venue document is larger
  api.use(express.json({ limit: '32kb', strict: true, type: JSON_TYPES }));
  api.use(publicRoutes(ctx));
  api.use(authRoutes(ctx));
  api.use(ticketRoutes(ctx));
  api.use(contactRoutes(ctx));
  api.use(bookingRoutes(ctx));
  api.use(counterRoutes(ctx));
  api.use(printerRoutes(ctx));
  api.use(adminRoutes(ctx, notifier));
  api.use(alertRoutes(ctx)); // before reportRoutes: /alerts/active is not /alerts
  api.use(reportRoutes(ctx));
  if (ctx.surveys) api.use(surveyRoutes(ctx, ctx.surveys));
  api.use(dayPlanRoutes(ctx));
  api.use(accountabilityRoutes(ctx));
  api.use(metaRoutes());
  api.use(notFound);
  app.use(API_V1, api);
  app.use(API_LEGACY, deprecatedAlias, api);
  serveUi(app, ctx);
  app.use(notFound);
  app.use(errorHandler(ctx.log));
  return app;
}

/**
 * Security headers on every answer (helmet): a strict Content-Security-Policy (scripts only from
 * the server itself, nothing inline), no framing (boards and kiosks are top-level pages, and the
 * admin console must not be framed), nosniff, no referrer. No HSTS or upgrade to https: the
 * building's LAN serves plain http, and a proxy in front sets its own.
 */
function securityHeaders(): express.RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // React sets style properties through the DOM, which CSP allows; the bundles link their CSS.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
}

/** The media types the API reads a body as. */
const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * Every body the API takes is JSON. A body of any other type (a form, plain text, no type at
 * all) is refused before any route sees it, rather than dropped unread while the route goes on
 * as if nothing had been sent.
 */
function jsonBodiesOnly(req: express.Request, _res: express.Response, next: express.NextFunction): void {
  const length = req.headers['content-length'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
  if (!hasBody || req.is(JSON_TYPES)) return next();
  next(new AntreError('UNSUPPORTED_MEDIA_TYPE', { contentType: req.headers['content-type'] ?? null }));
}

function serveUi(app: Express, ctx: AppContext): void {
  const mount = (prefix: string, dir: string | undefined, extra: string[] = []) => {
    if (!dir || !existsSync(join(dir, 'index.html'))) return;
    app.use(prefix, express.static(dir, { index: 'index.html', maxAge: '1h', setHeaders: noCacheHtml }));
    for (const p of [`${prefix}/*rest`, ...extra])
      app.get(p, (_req, res) => res.sendFile(join(dir, 'index.html'), { headers: { 'Cache-Control': 'no-cache' } }));
  };
  mount('/kiosk', ctx.ui?.kiosk, ['/t/:id', '/survey', '/skm', '/booking', '/booking/*rest']);
  mount('/display', ctx.ui?.display);
  mount('/counter', ctx.ui?.counter);
  app.get('/', (_req, res) => res.redirect(ctx.ui?.counter ? '/counter' : `${API_V1}/health`));
  // Browsers ask for /favicon.ico whatever a page links: answer with the screens' icon, not a 404.
  const icon = [ctx.ui?.counter, ctx.ui?.kiosk, ctx.ui?.display].map((d) => d && join(d, 'favicon.svg')).find((p) => p && existsSync(p));
  if (icon) app.get('/favicon.ico', (_req, res) => res.type('image/svg+xml').set('Cache-Control', 'public, max-age=86400').sendFile(icon));
}

function noCacheHtml(res: express.Response, path: string): void {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}
