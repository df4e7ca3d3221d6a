import { Router, json } from 'express';
import { HubError } from '../errors.js';
import { ingestBatch } from '../ingest/ingest.js';
import { newestConfig, recordResult } from '../store/config.js';
import { configResultSchema, hubBatchSchema, sinceQuery } from '../wire.js';
import { type HubContext, parse, siteOf } from './common.js';

/** Routes a site calls with its credential: its feed in, its settings out. */
export function siteRoutes(ctx: HubContext): Router {
  const r = Router();
  // 1 MB is room for 1000 typical events (a ticket with its history is ~600 bytes).
  const body = json({ limit: '1mb' });

  r.post('/ingest', async (req, res) => {
    const siteId = await siteOf(ctx, req);
    await new Promise<void>((resolve, reject) => body(req, res, (err?: unknown) => (err ? reject(err) : resolve())));
    const batch = parse(hubBatchSchema, req.body);
    if (batch.siteId !== siteId) throw new HubError('SITE_MISMATCH');
    res.json(await ingestBatch(ctx.pool, ctx.partitions, batch, ctx.now()));
  });

  r.get('/site/config', async (req, res) => {
    const siteId = await siteOf(ctx, req);
    const { since } = parse(sinceQuery, req.query);
    const config = await newestConfig(ctx.pool, siteId, since);
    if (!config) res.status(204).end();
    else res.json(config);
  });

  r.post('/site/config/result', async (req, res) => {
    const siteId = await siteOf(ctx, req);
    await new Promise<void>((resolve, reject) => body(req, res, (err?: unknown) => (err ? reject(err) : resolve())));
    await recordResult(ctx.pool, siteId, parse(configResultSchema, req.body), ctx.now());
    res.status(204).end();
  });
  return r;
}
