/**
 * The board's picture of the hall as pure functions: a snapshot replaces everything, deltas
 * patch it. Kept free of React and sockets so the rules (ordering, bounds, which calls were
 * missed while offline) are unit-tested.
 */
import { mergeBoardUpdate, type BoardUpdate, type CallEvent, type PublicCounter, type QueueInfo, type Snapshot } from '@antre/server/contract';

/** A call as the board keeps it: when it arrived here, null for calls learnt from a snapshot. */
export type BoardCall = CallEvent & { receivedAt: number | null };

export interface BoardState {
  /** False until the first snapshot: the board shows "loading" rather than empty counters. */
  ready: boolean;
  rev: number;
  day: string;
  venueVersion: number;
  /** Server clock minus this machine's clock, so the hall clock shows the server's time. */
  clockOffset: number;
  counters: ReadonlyMap<string, PublicCounter>;
  queues: ReadonlyMap<string, QueueInfo>;
  /** Newest last, at most MAX_CALLS. */
  calls: readonly BoardCall[];
  announcements: readonly string[];
}

export const MAX_CALLS = 12;
/** A call missed during a drop is still announced if it is at most this old on return. */
export const MISSED_CALL_WINDOW_MS = 60_000;

export const EMPTY_BOARD: BoardState = {
  ready: false,
  rev: 0,
  day: '',
  venueVersion: 0,
  clockOffset: 0,
  counters: new Map(),
  queues: new Map(),
  calls: [],
  announcements: [],
};

/** Identity of one announcement: a recall has its own id, a resumed ticket its own time. */
export function callKey(c: Pick<CallEvent, 'id' | 'at'>): string {
  return `${c.id}@${c.at}`;
}

/**
 * Replaces the picture with a snapshot (connect, reconnect, new day, venue edit). Calls in
 * `fresh` (missed while offline, announced now) count as just received, so they light up.
 */
export function applySnapshot(prev: BoardState, s: Snapshot, localNow: number, fresh: ReadonlySet<string> = new Set()): BoardState {
  const known = new Map(prev.calls.map((c) => [callKey(c), c.receivedAt]));
  return {
    ready: true,
    rev: s.rev,
    day: s.day,
    venueVersion: s.venueVersion,
    clockOffset: s.now - localNow,
    counters: new Map(s.counters.map((c) => [c.counterId, c])),
    queues: new Map(s.queues.map((q) => [q.serviceId, q])),
    calls: s.recentCalls.slice(-MAX_CALLS).map((c) => ({ ...c, receivedAt: known.get(callKey(c)) ?? (fresh.has(callKey(c)) ? localNow : null) })),
    announcements: s.announcements,
  };
}

/** Deltas older than the snapshot in hand are dropped; the snapshot already contains them. */
function stale(prev: BoardState, rev: number): boolean {
  return rev < prev.rev;
}

/** Counters (call, start, finish, break, close) and queues (waiting counts, now serving) changed. */
export function applyUpdate(prev: BoardState, u: BoardUpdate): BoardState {
  if (stale(prev, u.rev)) return prev;
  return { ...prev, rev: Math.max(prev.rev, u.rev), ...mergeBoardUpdate(prev, u) };
}

/**
 * A call arrived live: appended once (a duplicate delivery is ignored), list kept bounded. A
 * first call also shows on its counter's tile at once, as the server's call makes it, rather
 * than with the next board update (up to BOARD_UPDATE_MS later), which then brings the counter
 * exactly as the server holds it. A recall leaves the tile as it is.
 */
export function applyCall(prev: BoardState, c: CallEvent & { rev: number }, localNow: number): BoardState {
  const { rev, ...call } = c;
  const key = callKey(call);
  if (prev.calls.some((x) => callKey(x) === key)) return prev;
  const calls = [...prev.calls, { ...call, receivedAt: localNow }].sort((a, b) => a.at - b.at).slice(-MAX_CALLS);
  return { ...prev, rev: Math.max(prev.rev, rev), calls, counters: tileAfterCall(prev, c) };
}

/** The board's counters with a first call's counter showing the called number (unchanged otherwise). */
function tileAfterCall(prev: BoardState, c: CallEvent & { rev: number }): ReadonlyMap<string, PublicCounter> {
  const held = prev.counters.get(c.counterId);
  // Only a counter this board shows, only a call newer than what it holds.
  if (c.recall !== 0 || !held || stale(prev, c.rev) || (held.lastCallAt !== null && held.lastCallAt > c.at)) return prev.counters;
  const counters = new Map(prev.counters);
  counters.set(c.counterId, {
    counterId: c.counterId,
    status: 'open',
    since: held.status === 'open' ? held.since : c.at,
    breakReason: null,
    breakUntil: null,
    lastCallAt: c.at,
    ticket: { id: c.ticketId, number: c.number, serviceId: c.serviceId, status: 'called', calledAt: c.at, booked: c.booked },
  });
  return counters;
}

/**
 * Calls in a reconnect snapshot that this board never saw and that are recent enough to still
 * matter: they are announced late rather than not at all. The first snapshot after start-up
 * announces nothing (those calls happened before the screen was on).
 */
export function missedCalls(prev: BoardState, s: Snapshot, lastSeenAt: number): CallEvent[] {
  if (!prev.ready) return [];
  const seen = new Set(prev.calls.map(callKey));
  return s.recentCalls.filter((c) => !seen.has(callKey(c)) && c.at > lastSeenAt && c.at >= s.now - MISSED_CALL_WINDOW_MS);
}

/** People waiting per agency, for the "waiting" panel; agencies with no service here are absent. */
export function waitingByAgency(queues: ReadonlyMap<string, QueueInfo>): Map<string, number> {
  const out = new Map<string, number>();
  for (const q of queues.values()) out.set(q.agencyId, (out.get(q.agencyId) ?? 0) + q.waiting);
  return out;
}
