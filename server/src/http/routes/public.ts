import { Router } from 'express';
import type { AppContext } from '../../context.js';
import type { Venue } from '../../contract/venue.js';
import type { PublicVenue } from '../../contract/responses.js';
import { anonymousCounter, presentSnapshot } from '../../realtime/presenters.js';
import { principalOf } from '../principal.js';
import { on } from '../route-map.js';

/** The venue as any screen may see it (printer addresses are internal). */
export function publicVenue(v: Venue, version: number): PublicVenue {
  // The roster's officers are staff names: screens get which counters are staffed, not by whom.
  const agencies = v.agencies.map((a) => (a.roster ? { ...a, roster: a.roster.map(({ officer: _officer, ...r }) => r) } : a));
  return { ...v, agencies, version, kiosks: v.kiosks.map((k) => ({ id: k.id, name: k.name, floor: k.floor, paper: k.paper })) };
}

export function publicRoutes(ctx: AppContext): Router {
  const r = Router();
  on(r, 'health', (_req, res) => {
    const mem = process.memoryUsage();
    res.json({
      status: ctx.queue.storageFailure ? 'storage_failed' : 'ok',
      storage: ctx.queue.storageFailure,
      day: ctx.queue.day,
      venue: ctx.queue.venue.id,
      uptimeSeconds: Math.round((ctx.queue.clock() - ctx.startedAt) / 1000),
      memoryMB: {
        rss: Math.round(mem.rss / 1048576),
        heapUsed: Math.round(mem.heapUsed / 1048576),
        heapTotal: Math.round(mem.heapTotal / 1048576),
        external: Math.round(mem.external / 1048576),
      },
      // The hub link's state (last sent, events waiting, last error); absent when the site runs alone.
      ...(ctx.hub ? { hub: ctx.hub.status() } : {}),
    });
  });
  on(r, 'venue.get', (_req, res) => {
    res.json(publicVenue(ctx.queue.venue, ctx.queue.venueVersion));
  });
  on(r, 'queues.list', (_req, res) => {
    const now = ctx.queue.clock();
    res.json({ day: ctx.queue.day, now, queues: ctx.queue.engine.estimator.queues(now) });
  });
  on(r, 'counters.list', (_req, res) => {
    const e = ctx.queue.engine;
    res.json({ counters: e.venue.counters.map((c) => anonymousCounter(e.estimator.publicCounter(c.id))) });
  });
  on(r, 'snapshot.get', (req, res) => {
    res.json(presentSnapshot(ctx, principalOf(req, ctx), null));
  });
  on(r, 'announcements.get', (_req, res) => {
    res.json({ announcements: ctx.board.announcements() });
  });
  return r;
}
