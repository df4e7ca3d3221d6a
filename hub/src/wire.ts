import { z } from 'zod';

/**
 * The hub's own validation of the site <-> hub wire (server/src/contract/hub.ts holds the types
 * every side shares; wire-check.ts makes the type checker hold the two together).
 */
export const HUB_EVENT_KINDS = ['ticket', 'counter', 'service', 'survey', 'alert', 'accountability', 'day'] as const;
export const MAX_BATCH_EVENTS = 1000;
export const SITE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** A real calendar day between 2000 and 2099 (the events table is partitioned by month of it). */
export const dayString = z
  .string()
  .regex(/^20\d\d-\d\d-\d\d$/)
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
  }, 'not a calendar day');

const epochMs = z.number().int().min(0).max(8.64e15);
const seq = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const hubEventSchema = z.object({
  seq,
  at: epochMs,
  day: dayString,
  kind: z.enum(HUB_EVENT_KINDS),
  key: z.string().min(1).max(200),
  data: z.unknown(),
});

const localized = z.object({ id: z.string().max(2000), en: z.string().max(2000) });

export const hubSiteLiveSchema = z.object({
  day: z.string().max(20),
  waiting: z.number().int().min(0),
  serving: z.number().int().min(0),
  countersOpen: z.number().int().min(0),
  countersTotal: z.number().int().min(0),
  issued: z.number().int().min(0),
  served: z.number().int().min(0),
  noShow: z.number().int().min(0),
  medianWaitMinutes: z.number().min(0).nullable(),
  alerts: z.array(z.unknown()).max(500),
  counters: z.array(z.unknown()).max(1000),
});

export const hubBatchSchema = z
  .object({
    siteId: z.string().regex(SITE_ID),
    feedId: z.string().min(1).max(100),
    fromSeq: seq,
    events: z.array(hubEventSchema).max(MAX_BATCH_EVENTS),
    sentAt: epochMs,
    configVersion: z.number().int().min(0),
    live: hubSiteLiveSchema,
    venue: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((b, ctx) => {
    b.events.forEach((e, i) => {
      if (e.seq !== b.fromSeq + i)
        ctx.addIssue({ code: 'custom', path: ['events', i, 'seq'], message: `expected seq ${b.fromSeq + i} (events are consecutive from fromSeq)` });
    });
  });
export type HubBatchIn = z.infer<typeof hubBatchSchema>;
export type HubEventIn = z.infer<typeof hubEventSchema>;
export type HubSiteLiveIn = z.infer<typeof hubSiteLiveSchema>;

export const configResultSchema = z.object({
  version: z.number().int().min(1),
  outcome: z.enum(['applied', 'refused']),
  reason: localized.optional(),
});

export const sinceQuery = z.object({ since: z.coerce.number().int().min(0).default(0) });

export interface Notice {
  kind: 'gap' | 'sequence_back' | 'clock_skew' | 'feed_reset' | 'config_refused';
  siteId: string;
  at: number;
  message: { id: string; en: string };
  detail?: Record<string, unknown>;
}

export interface BatchAnswer {
  applied: number;
  duplicates: number;
  nextSeq: number;
  notices: Notice[];
  configVersion: number;
}
