import { Router, json } from 'express';
import { z } from 'zod';
import { configHistory, putConfig } from '../store/config.js';
import { createSite, revokeCredential, rotateCredential } from '../store/sites.js';
import { siteSummaries } from '../store/summaries.js';
import { createUser, listUsers } from '../store/users.js';
import { SITE_ID } from '../wire.js';
import { type HubContext, parse, userOf } from './common.js';

const newSite = z.object({ siteId: z.string().regex(SITE_ID), name: z.string().trim().min(1).max(100), region: z.string().trim().min(1).max(100) });
const siteParam = z.object({ siteId: z.string().regex(SITE_ID) });
const configBody = z
  .object({
    venue: z.record(z.string(), z.unknown()).optional(),
    staff: z.array(z.record(z.string(), z.unknown())).max(2000).optional(),
    settings: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .refine((b) => b.venue !== undefined || b.staff !== undefined || b.settings !== undefined, { message: 'give venue, staff or settings' });
const newUser = z.object({
  username: z.string().regex(/^[a-z0-9._-]{3,40}$/),
  password: z.string().min(8).max(200),
  role: z.enum(['hub-admin', 'hub-viewer']),
});

/** Routes only a hub admin may call: sites and their credentials, central settings, hub accounts. */
export function adminRoutes(ctx: HubContext): Router {
  const r = Router();
  // A whole venue document with its services and counters fits in well under 1 MB.
  const body = json({ limit: '1mb' });
  const admin = (req: Parameters<typeof userOf>[1]) => userOf(ctx, req, ['hub-admin']);

  r.post('/sites', body, async (req, res) => {
    await admin(req);
    const input = parse(newSite, req.body);
    const credential = await createSite(ctx.pool, input, ctx.now());
    const [site] = await siteSummaries(ctx.pool, input.siteId);
    res.status(201).json({ site, credential });
  });

  r.post('/sites/:siteId/credential', async (req, res) => {
    await admin(req);
    const { siteId } = parse(siteParam, req.params);
    res.json({ siteId, credential: await rotateCredential(ctx.pool, siteId) });
  });

  r.delete('/sites/:siteId/credential', async (req, res) => {
    await admin(req);
    const { siteId } = parse(siteParam, req.params);
    await revokeCredential(ctx.pool, siteId);
    res.status(204).end();
  });

  r.put('/sites/:siteId/config', body, async (req, res) => {
    const user = await admin(req);
    const { siteId } = parse(siteParam, req.params);
    res.json({ version: await putConfig(ctx.pool, siteId, parse(configBody, req.body), user.username, ctx.now()) });
  });

  r.get('/sites/:siteId/config', async (req, res) => {
    await admin(req);
    const { siteId } = parse(siteParam, req.params);
    res.json(await configHistory(ctx.pool, siteId));
  });

  r.get('/users', async (req, res) => {
    await admin(req);
    res.json({ users: await listUsers(ctx.pool) });
  });

  r.post('/users', body, async (req, res) => {
    await admin(req);
    res.status(201).json({ user: await createUser(ctx.pool, parse(newUser, req.body), ctx.now()) });
  });
  return r;
}
