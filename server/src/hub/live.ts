import type { HubSiteLive } from '../contract/hub.js';
import type { Alert } from '../contract/reports.js';
import type { QueueService } from '../queue/queue-service.js';

/** The site's state now, for the hub's all-sites page: counted from the day in memory, no replay. */
export function siteLive(queue: QueueService, alerts: Alert[]): HubSiteLive {
  const e = queue.engine;
  let waiting = 0;
  let serving = 0;
  let served = 0;
  let noShow = 0;
  let issued = 0;
  const waits: number[] = [];
  for (const t of e.state.tickets.values()) {
    // A transfer makes a new ticket for the same visitor: issued counts visitors, not tickets.
    if (!t.transferredFrom) issued++;
    if (t.status === 'waiting') waiting++;
    else if (t.status === 'called' || t.status === 'serving') serving++;
    else if (t.status === 'done') served++;
    else if (t.status === 'no_show') noShow++;
    const firstCall = t.history.find((h) => h.action === 'called')?.at ?? t.calledAt;
    if (firstCall !== null && !t.transferredFrom) waits.push(firstCall - t.queuedAt);
  }
  const counters = e.venue.counters.map((c) => e.estimator.publicCounter(c.id));
  return {
    day: queue.day,
    waiting,
    serving,
    countersOpen: counters.filter((c) => c.status === 'open').length,
    countersTotal: counters.length,
    issued,
    served,
    noShow,
    medianWaitMinutes: median(waits),
    alerts,
    counters,
  };
}

/** Median of wait times (ms) in minutes, one decimal; null without any. */
function median(ms: number[]): number | null {
  if (!ms.length) return null;
  const s = [...ms].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const v = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return Math.round(v / 6000) / 10;
}
