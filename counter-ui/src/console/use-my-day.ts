import { useEffect, useState } from 'react';
import type { Snapshot, StaffTicket } from '@antre/server/contract';
import { api, isAuthError } from '../shared/api';
import type { LiveSocket } from '../shared/use-live';

/** The fresher of two versions of one ticket: the audit trail only grows. */
export function fresher(a: StaffTicket | undefined, b: StaffTicket): StaffTicket {
  return a && a.history.length > b.history.length ? a : b;
}

/**
 * All of today's tickets (finished ones too), for "my counts for today": loaded from
 * GET /api/tickets on every snapshot (connect, reconnect, new day), then kept by ticket deltas.
 */
export function useMyDay(token: string, socket: LiveSocket | null, snapshot: Snapshot | null, onAuthFail: () => void): Map<string, StaffTicket> {
  const [tickets, setTickets] = useState<Map<string, StaffTicket>>(new Map());
  useEffect(() => {
    if (!socket) return;
    const on = (t: StaffTicket) => setTickets((m) => new Map(m).set(t.id, fresher(m.get(t.id), t)));
    socket.on('ticket', on);
    return () => {
      socket.off('ticket', on);
    };
  }, [socket]);
  useEffect(() => {
    if (!snapshot) return;
    let live = true;
    api.call('tickets.list', { token }).then(
      (r) => {
        if (!live) return;
        setTickets((m) => {
          const next = new Map<string, StaffTicket>();
          for (const t of r.tickets) next.set(t.id, fresher(m.get(t.id), t));
          for (const [id, t] of m) if (t.day === r.day && !next.has(id)) next.set(id, t);
          return next;
        });
      },
      (e) => live && isAuthError(e) && onAuthFail(),
    );
    return () => {
      live = false;
    };
  }, [token, snapshot, onAuthFail]);
  return tickets;
}
