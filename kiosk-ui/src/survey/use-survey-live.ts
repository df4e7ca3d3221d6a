import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, SurveyVisit } from '@antre/server/contract';
import { api } from '../shared/api';
import type { PublicVenue } from '../shared/venue-types';

export interface SurveyLive {
  online: boolean;
  unpaired: boolean;
  venue: PublicVenue | null;
  /** Visits finished here and not yet rated, newest first. */
  visits: SurveyVisit[];
}

const KEEP = 6;

/**
 * The survey tablet's link: on every (re)connect the visits pending here (GET /api/surveys/pending),
 * then each visit as it finishes (surveyVisit) and each rated one gone (surveyClosed).
 */
export function useSurveyLive(token: string): SurveyLive & { drop: (ticketId: string) => void } {
  const [live, setLive] = useState<SurveyLive>({ online: false, unpaired: false, venue: null, visits: [] });
  useEffect(() => {
    let closed = false;
    void api.call('venue.get').then(
      (v) => !closed && setLive((st) => ({ ...st, venue: v })),
      () => undefined,
    );
    const s: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      path: '/socket.io',
      auth: { token },
      transports: ['websocket', 'polling'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
    });
    const refresh = async () => {
      try {
        const r = await api.call('surveys.pending', { token });
        if (!closed) setLive((st) => ({ ...st, online: true, visits: r.visits.slice(0, KEEP) }));
      } catch {
        /* asked again on the next connect */
      }
    };
    s.on('snapshot', () => void refresh());
    s.on('disconnect', (reason) => {
      setLive((st) => ({ ...st, online: false }));
      if (reason === 'io server disconnect') s.connect();
    });
    s.on('connect_error', (err) => {
      const code = (err as Error & { data?: { error?: { code?: string } } }).data?.error?.code;
      if (code === 'INVALID_TOKEN' || code === 'UNAUTHENTICATED') {
        s.disconnect();
        setLive((st) => ({ ...st, unpaired: true }));
      } else setLive((st) => ({ ...st, online: false }));
    });
    s.on('surveyVisit', (v) => setLive((st) => ({ ...st, visits: [v, ...st.visits.filter((x) => x.ticketId !== v.ticketId)].slice(0, KEEP) })));
    s.on('surveyClosed', (c) => setLive((st) => ({ ...st, visits: st.visits.filter((x) => x.ticketId !== c.ticketId) })));
    return () => {
      closed = true;
      s.disconnect();
    };
  }, [token]);
  return { ...live, drop: (id) => setLive((st) => ({ ...st, visits: st.visits.filter((x) => x.ticketId !== id) })) };
}
