import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, TicketView } from '@antre/server/contract';
import { api } from '../shared/api';
import type { PublicVenue } from '../shared/venue-types';

type TicketSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TicketLive {
  online: boolean;
  view: TicketView | null;
  /** The server does not know this ticket (wrong link, or a past day's ticket). */
  notFound: boolean;
  venue: PublicVenue | null;
}

/** Owns the visitor's socket for one ticket: its snapshot on every (re)connect, then its changes. */
export function useTicketLive(ticketId: string): TicketLive {
  const [state, setState] = useState<TicketLive>({ online: false, view: null, notFound: false, venue: null });
  useEffect(() => {
    let closed = false;
    let haveVenue = false;
    const fetchVenue = () => {
      if (haveVenue) return;
      api.call('venue.get').then(
        (venue) => {
          if (closed) return;
          haveVenue = true;
          setState((st) => ({ ...st, venue }));
        },
        () => undefined,
      );
    };
    fetchVenue();
    const s: TicketSocket = io({ path: '/socket.io', auth: { ticketId }, reconnectionDelayMax: 5000 });
    s.on('connect', () => {
      setState((st) => ({ ...st, online: true, notFound: false }));
      fetchVenue();
    });
    s.on('disconnect', (reason) => {
      setState((st) => ({ ...st, online: false }));
      if (reason === 'io server disconnect') s.connect();
    });
    s.on('connect_error', (err) => {
      const code = (err as Error & { data?: { error?: { code?: string } } }).data?.error?.code;
      if (code === 'TICKET_NOT_FOUND') {
        s.disconnect();
        setState((st) => ({ ...st, notFound: true }));
      } else setState((st) => ({ ...st, online: false }));
    });
    s.on('snapshot', (snap) => {
      if (snap.ticket) setState((st) => ({ ...st, online: true, view: snap.ticket ?? st.view }));
    });
    s.on('ticketView', (view) => {
      if (view.id === ticketId) setState((st) => ({ ...st, view }));
    });
    return () => {
      closed = true;
      s.disconnect();
    };
  }, [ticketId]);
  return state;
}
