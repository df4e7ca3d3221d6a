import { useCallback, useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, PrintJobView, PublicCounter, QueueInfo, ServerToClientEvents } from '@antre/server/contract';
import { mergeBoardUpdate } from '@antre/server/contract';
import { api } from '../shared/api';
import type { PublicVenue } from '../shared/venue-types';

type KioskSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type LinkStatus = 'connecting' | 'online' | 'offline';

export interface KioskLive {
  status: LinkStatus;
  venue: PublicVenue | null;
  queues: Map<string, QueueInfo>;
  counters: Map<string, PublicCounter>;
  /** Server clock minus this machine's clock, so "opens at" is right on a kiosk with a wrong clock. */
  skew: number;
  /** The server refused the token: the kiosk must be paired again. */
  unpaired: boolean;
  /** Latest state of this kiosk's print jobs, by ticket id (a job may fail or recover after the answer). */
  printJobs: Map<string, PrintJobView>;
}

const INITIAL: KioskLive = { status: 'connecting', venue: null, queues: new Map(), counters: new Map(), skew: 0, unpaired: false, printJobs: new Map() };
const KEEP_PRINT_JOBS = 20;

/**
 * Owns the kiosk's socket: snapshot on every (re)connect, queue and counter deltas, and the
 * venue (fetched again when its version changes). Reconnects forever by itself.
 */
export function useKioskLive(token: string): KioskLive & { now: () => number } {
  const [live, setLive] = useState<KioskLive>(INITIAL);
  useEffect(() => {
    let closed = false;
    let venueVersion: number | null = null;
    let fetching = false;
    let again = false;
    const fetchVenue = async (wanted: number | null): Promise<void> => {
      if (wanted !== null && wanted === venueVersion) return;
      if (fetching) {
        again = true;
        return;
      }
      fetching = true;
      try {
        const v = await api.call('venue.get');
        if (closed) return;
        venueVersion = v.version;
        setLive((st) => ({ ...st, venue: v }));
      } catch {
        /* fetched again on the next snapshot */
      } finally {
        fetching = false;
      }
      if (again && !closed) {
        again = false;
        await fetchVenue(null);
      }
    };
    void fetchVenue(null);
    const s: KioskSocket = io({
      path: '/socket.io',
      auth: { token },
      transports: ['websocket', 'polling'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
    });
    s.on('connect', () => setLive((st) => ({ ...st, status: 'online' })));
    s.on('disconnect', (reason) => {
      setLive((st) => ({ ...st, status: 'offline' }));
      if (reason === 'io server disconnect') s.connect();
    });
    s.on('connect_error', (err) => {
      const code = (err as Error & { data?: { error?: { code?: string } } }).data?.error?.code;
      if (code === 'INVALID_TOKEN' || code === 'UNAUTHENTICATED') {
        s.disconnect();
        setLive((st) => ({ ...st, unpaired: true }));
      } else setLive((st) => ({ ...st, status: 'offline' }));
    });
    s.on('snapshot', (snap) => {
      setLive((st) => ({
        ...st,
        status: 'online',
        skew: snap.now - Date.now(),
        queues: new Map(snap.queues.map((q) => [q.serviceId, q])),
        counters: new Map(snap.counters.map((c) => [c.counterId, c])),
      }));
      void fetchVenue(snap.venueVersion);
    });
    s.on('update', (u) => setLive((st) => ({ ...st, ...mergeBoardUpdate(st, u) })));
    s.on('venue', ({ version }) => void fetchVenue(version));
    s.on('printJob', (j) => {
      if (!j.ticketId) return;
      setLive((st) => {
        const m = new Map(st.printJobs);
        m.delete(j.ticketId!);
        m.set(j.ticketId!, j);
        while (m.size > KEEP_PRINT_JOBS) m.delete(m.keys().next().value!);
        return { ...st, printJobs: m };
      });
    });
    return () => {
      closed = true;
      s.disconnect();
      setLive(INITIAL);
    };
  }, [token]);
  const skew = live.skew;
  const now = useCallback(() => Date.now() + skew, [skew]);
  return { ...live, now };
}
