/**
 * Holds the hub's zod-derived wire types to the shared contract: a change on either side that
 * breaks the other fails `tsc -p hub` (this file is type-checked, never built or run).
 */
import type { HubBatch, HubBatchAnswer, HubConfigResult, HubEvent, HubNotice, HubSiteLive } from '../../server/src/contract/hub.ts';
import type { BatchAnswer, HubBatchIn, HubEventIn, HubSiteLiveIn, Notice } from './wire.ts';
import type { SiteSummary } from './store/summaries.ts';
import type { HubSiteSummary } from '../../server/src/contract/hub.ts';
import type { z } from 'zod';
import type { configResultSchema } from './wire.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checks: [
  Same<HubEventIn['kind'], HubEvent['kind']>,
  HubBatch extends HubBatchIn ? true : false,
  HubSiteLive extends HubSiteLiveIn ? true : false,
  BatchAnswer extends HubBatchAnswer ? true : false,
  Notice extends HubNotice ? true : false,
  HubConfigResult extends z.infer<typeof configResultSchema> ? true : false,
  // `live` is stored as the site sent it (alerts and counters are the site's to shape).
  Omit<SiteSummary, 'live'> extends Omit<HubSiteSummary, 'live'> ? true : false,
] = [true, true, true, true, true, true, true];
void checks;
