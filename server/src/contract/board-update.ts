import type { PublicCounter, QueueInfo } from './domain.js';
import type { BoardUpdate } from './events.js';

/** Counters and queues as a screen holds them, keyed by counter and service id. */
export interface BoardMaps {
  counters: ReadonlyMap<string, PublicCounter>;
  queues: ReadonlyMap<string, QueueInfo>;
}

/** A screen's counters and queues after an `update`: new maps, the changed entries replaced. */
export function mergeBoardUpdate(held: BoardMaps, u: BoardUpdate): { counters: Map<string, PublicCounter>; queues: Map<string, QueueInfo> } {
  const counters = new Map(held.counters);
  for (const c of u.counters) counters.set(c.counterId, c);
  const queues = new Map(held.queues);
  for (const q of u.queues) queues.set(q.serviceId, q);
  return { counters, queues };
}
