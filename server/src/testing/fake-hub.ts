import express from 'express';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { HubBatch, HubBatchAnswer, HubConfig, HubConfigResult, HubEvent, HubNotice } from '../contract/hub.js';
import type { PublicVenue } from '../contract/responses.js';

/**
 * The site-facing routes of the hub (hub-api: ingest, config pull, config result) with the hub's
 * exactly-once rules, in memory, on a real port: a test sees exactly what arrived. It can be
 * taken down (503), made to hang (never answers) or made to claim a gap.
 */
export interface FakeHub {
  url: string;
  /** Applied events by sequence, as the hub would keep them. */
  bySeq: Map<number, HubEvent>;
  /** Latest data per natural key. */
  byKey: Map<string, unknown>;
  /** Every batch that was answered 200 or 409, in order of arrival. */
  batches: HubBatch[];
  nextSeq: number;
  applied: number;
  duplicates: number;
  notices: HubNotice[];
  venue: PublicVenue | null;
  /** The feed id of the site's current feed life; a new one starts the hub's sequence again from 1. */
  feedId: string | null;
  mode: 'up' | 'down' | 'hang';
  /** Answer the next ingest 409 SEQUENCE_GAP with this nextSeq (as a hub restored from an older copy would). */
  claimNextSeq: number | null;
  configs: HubConfig[];
  results: HubConfigResult[];
  /** Requests seen while hanging (left unanswered). */
  hung: number;
  /** Requests answered 503 while down. */
  refused: number;
  port: number;
  close(): Promise<void>;
}

export async function startFakeHub(opts: { siteId: string; credential: string; port?: number }): Promise<FakeHub> {
  const hub: FakeHub = {
    url: '',
    bySeq: new Map(),
    byKey: new Map(),
    batches: [],
    nextSeq: 1,
    applied: 0,
    duplicates: 0,
    notices: [],
    venue: null,
    feedId: null,
    mode: 'up',
    claimNextSeq: null,
    configs: [],
    results: [],
    hung: 0,
    refused: 0,
    port: 0,
    close: async () => undefined,
  };
  const fail = (res: express.Response, status: number, code: string, en: string, extra: Record<string, unknown> = {}) =>
    res.status(status).json({ error: { code, message: { id: en, en } }, ...extra });
  const app = express();
  app.use((req, res, next) => {
    if (hub.mode === 'hang') {
      hub.hung++;
      return;
    }
    if (hub.mode === 'down') {
      hub.refused++;
      return fail(res, 503, 'HUB_DOWN', 'down for the test');
    }
    if (req.headers.authorization !== `Bearer ${opts.credential}`) return fail(res, 401, 'UNAUTHORIZED', 'bad site credential');
    next();
  });
  app.use(express.json({ limit: '1mb' }));
  app.post('/hub/v1/ingest', (req, res) => {
    const b = req.body as HubBatch;
    if (b.siteId !== opts.siteId || !Number.isInteger(b.fromSeq) || b.fromSeq < 1 || !Array.isArray(b.events) || b.events.length > 1000)
      return fail(res, 400, 'BAD_BATCH', 'bad batch');
    if (b.events.some((e, i) => e.seq !== b.fromSeq + i)) return fail(res, 400, 'BAD_BATCH', 'events are not consecutive');
    if (hub.claimNextSeq !== null) {
      const nextSeq = hub.claimNextSeq;
      hub.claimNextSeq = null;
      hub.batches.push(b);
      return fail(res, 409, 'SEQUENCE_GAP', 'gap', { nextSeq });
    }
    if (hub.feedId !== null && hub.feedId !== b.feedId) {
      hub.notices.push({
        kind: 'feed_reset',
        siteId: b.siteId,
        at: Date.now(),
        message: { id: 'feed baru', en: 'new feed' },
        detail: { oldFeedId: hub.feedId, newFeedId: b.feedId },
      });
      hub.bySeq.clear();
      hub.nextSeq = 1;
    }
    hub.feedId = b.feedId;
    if (b.fromSeq > hub.nextSeq && b.events.length) {
      hub.batches.push(b);
      return fail(res, 409, 'SEQUENCE_GAP', 'gap', { nextSeq: hub.nextSeq });
    }
    hub.batches.push(b);
    let applied = 0;
    let duplicates = 0;
    for (const e of b.events) {
      const known = hub.bySeq.get(e.seq);
      if (known && e.seq < hub.nextSeq) {
        if (JSON.stringify(known) === JSON.stringify(e)) {
          duplicates++;
          continue;
        }
        hub.notices.push({
          kind: 'sequence_back',
          siteId: b.siteId,
          at: Date.now(),
          message: { id: 'urutan mundur', en: 'sequence went back' },
          detail: { seq: e.seq },
        });
        // The site's new history wins from here.
        for (const s of [...hub.bySeq.keys()]) if (s >= e.seq) hub.bySeq.delete(s);
        hub.nextSeq = e.seq;
      }
      hub.bySeq.set(e.seq, e);
      hub.byKey.set(e.key, e.data);
      hub.nextSeq = e.seq + 1;
      applied++;
    }
    hub.applied += applied;
    hub.duplicates += duplicates;
    if (b.venue) hub.venue = b.venue;
    const latest = hub.configs.at(-1)?.version ?? 0;
    const answer: HubBatchAnswer = { applied, duplicates, nextSeq: hub.nextSeq, notices: [], configVersion: latest };
    res.json(answer);
  });
  app.get('/hub/v1/site/config', (req, res) => {
    const since = Number(req.query.since ?? 0);
    const latest = hub.configs.at(-1);
    if (!latest || latest.version <= since) return res.status(204).end();
    res.json(latest);
  });
  app.post('/hub/v1/site/config/result', (req, res) => {
    hub.results.push(req.body as HubConfigResult);
    res.status(204).end();
  });
  const http: Server = createServer(app);
  const sockets = new Set<Socket>();
  http.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => http.listen(opts.port ?? 0, '127.0.0.1', () => r()));
  const a = http.address();
  hub.port = typeof a === 'object' && a ? a.port : 0;
  hub.url = `http://127.0.0.1:${hub.port}`;
  hub.close = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => http.close(() => r()));
  };
  return hub;
}

/** Whether the hub holds seqs 1..n with no hole, each key's events in the order the site made them. */
export function gapless(hub: FakeHub): boolean {
  for (let s = 1; s < hub.nextSeq; s++) if (!hub.bySeq.has(s)) return false;
  return true;
}
