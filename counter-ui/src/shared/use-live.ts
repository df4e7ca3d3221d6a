import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { CallEvent, ClientToServerEvents, PublicCounter, QueueInfo, ServerToClientEvents, Snapshot, StaffTicket } from '@antre/server/contract';
import { mergeBoardUpdate } from '@antre/server/contract';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LiveState {
  connected: boolean;
  snapshot: Snapshot | null;
  counters: Map<string, PublicCounter>;
  queues: Map<string, QueueInfo>;
  tickets: Map<string, StaffTicket>;
  calls: CallEvent[];
  announcements: string[];
  venueVersion: number;
  /** Set when the server refused the token (logged out elsewhere, expired). */
  authError: string | null;
  /** Server clock minus this browser's clock, in ms, measured at the last snapshot. */
  clockOffset: number;
}

const EMPTY: LiveState = {
  connected: false,
  snapshot: null,
  counters: new Map(),
  queues: new Map(),
  tickets: new Map(),
  calls: [],
  announcements: [],
  venueVersion: 0,
  authError: null,
  clockOffset: 0,
};

const LIVE_STATUSES = new Set<StaffTicket['status']>(['waiting', 'called', 'serving', 'held']);

/** Owns the socket: a full snapshot on every (re)connect, then deltas applied in order. */
export function useLive(token: string | null): { state: LiveState; socket: LiveSocket | null } {
  const [state, setState] = useState<LiveState>(EMPTY);
  const [socket, setSocket] = useState<LiveSocket | null>(null);
  useEffect(() => {
    if (!token) return;
    const s: LiveSocket = io({ path: '/socket.io', auth: { token }, transports: ['websocket', 'polling'] });
    setSocket(s);
    s.on('connect', () => setState((st) => ({ ...st, connected: true, authError: null })));
    s.on('disconnect', (reason) => {
      setState((st) => ({ ...st, connected: false }));
      if (reason === 'io server disconnect') s.connect();
    });
    s.on('connect_error', (err) => {
      const code = (err as Error & { data?: { error?: { code?: string } } }).data?.error?.code;
      if (code === 'INVALID_TOKEN' || code === 'UNAUTHENTICATED') {
        setState((st) => ({ ...st, authError: code }));
        s.disconnect();
      }
    });
    s.on('snapshot', (snap) =>
      setState((st) => ({
        ...st,
        snapshot: snap,
        clockOffset: snap.now - Date.now(),
        counters: new Map(snap.counters.map((c) => [c.counterId, c])),
        queues: new Map(snap.queues.map((q) => [q.serviceId, q])),
        tickets: new Map((snap.tickets ?? []).map((t) => [t.id, t])),
        calls: snap.recentCalls,
        announcements: snap.announcements,
        venueVersion: snap.venueVersion,
      })),
    );
    s.on('update', (u) => setState((st) => ({ ...st, ...mergeBoardUpdate(st, u) })));
    s.on('ticket', (t) =>
      setState((st) => {
        const m = new Map(st.tickets);
        if (LIVE_STATUSES.has(t.status)) m.set(t.id, t);
        else m.delete(t.id);
        return { ...st, tickets: m };
      }),
    );
    s.on('call', (c) => setState((st) => ({ ...st, calls: [...st.calls, c].slice(-20) })));
    s.on('announcements', ({ announcements }) => setState((st) => ({ ...st, announcements })));
    s.on('venue', ({ version }) => setState((st) => ({ ...st, venueVersion: version })));
    return () => {
      s.disconnect();
      setSocket(null);
      setState(EMPTY);
    };
  }, [token]);
  return { state, socket };
}
