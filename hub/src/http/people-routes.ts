import { Router, json } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { z } from 'zod';
import { HubError } from '../errors.js';
import { accountability, report } from '../store/reports.js';
import { siteNotices } from '../store/notices.js';
import { siteSummaries } from '../store/summaries.js';
import { siteVenue } from '../store/sites.js';
import { login } from '../store/users.js';
import { dayString, SITE_ID } from '../wire.js';
import { type HubContext, parse, userOf } from './common.js';

const loginBody = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });
const range = z.object({ from: dayString, to: dayString }).refine((r) => r.from <= r.to, { message: 'from must not be after to', path: ['to'] });
const siteParam = z.object({ siteId: z.string().regex(SITE_ID) });

/** Routes the hub's pages call: log-in, every site now, reports, a site's records and notices. */
export function peopleRoutes(ctx: HubContext): Router {
  const r = Router();
  const body = json({ limit: '64kb' });

  // Ten tries per address and name in 15 minutes: guessing a password costs the guesser, and the
  // PBKDF2 work a flood of log-ins asks for stays bounded. A success clears the count.
  const attempts = new RateLimiterMemory({ points: 10, duration: 15 * 60 });
  r.post('/auth/login', body, async (req, res) => {
    const { username, password } = parse(loginBody, req.body);
    const key = `${req.ip}|${username}`;
    try {
      await attempts.consume(key);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      res.setHeader('Retry-After', String(Math.ceil(err.msBeforeNext / 1000)));
      throw new HubError('TOO_MANY_ATTEMPTS');
    }
    const session = await login(ctx.pool, username, password, ctx.now());
    await attempts.delete(key);
    res.json(session);
  });

  r.get('/sites', async (req, res) => {
    await userOf(ctx, req);
    res.json({ now: ctx.now(), sites: await siteSummaries(ctx.pool) });
  });

  r.get('/sites/:siteId', async (req, res) => {
    await userOf(ctx, req);
    const { siteId } = parse(siteParam, req.params);
    const [summary] = await siteSummaries(ctx.pool, siteId);
    if (!summary) throw new HubError('SITE_NOT_FOUND');
    res.json({ ...summary, venue: await siteVenue(ctx.pool, siteId) });
  });

  r.get('/reports', async (req, res) => {
    await userOf(ctx, req);
    const { from, to } = parse(range, req.query);
    res.json({ from, to, ...(await report(ctx.pool, from, to)) });
  });

  r.get('/sites/:siteId/accountability', async (req, res) => {
    await userOf(ctx, req);
    const { siteId } = parse(siteParam, req.params);
    const { from, to } = parse(range, req.query);
    res.json({ rows: await accountability(ctx.pool, siteId, from, to) });
  });

  r.get('/sites/:siteId/notices', async (req, res) => {
    await userOf(ctx, req);
    const { siteId } = parse(siteParam, req.params);
    res.json({ notices: await siteNotices(ctx.pool, siteId) });
  });
  return r;
}
