import { useCallback, useEffect, useRef, useState } from 'react';
import type { CounterAction, LocalizedText, StaffTicket } from '@antre/server/contract';
import { ApiError, api, errorText, isAuthError, type BodyOf } from '../shared/api';
import type { ConsoleAction } from './keymap';
import { DONE_TEXT, T } from './texts';

/** A visitor marked absent at this desk, who may still turn up. */
export interface Absent {
  ticketId: string;
  number: string;
  /** When they were marked absent (server time). */
  at: number;
}

export interface Notice {
  /** ok fades, error stays, info is a calm fact that is not a fault (nobody waiting). */
  kind: 'ok' | 'error' | 'info';
  text: LocalizedText;
  vars?: Record<string, string>;
  code?: string;
  /** Changes on every notice so a repeated message is shown again. */
  seq: number;
}

/** The server command and body behind a console action (break, open and close are counter statuses). */
export function commandFor(action: ConsoleAction, body?: unknown): { path: CounterAction; body: BodyOf<'counters.action'> } {
  switch (action) {
    case 'break':
      return { path: 'status', body: { status: 'break', ...(body as { reason: string; minutes: number }) } };
    case 'open':
      return { path: 'status', body: { status: 'open' } };
    case 'close':
      return { path: 'status', body: { status: 'closed' } };
    default:
      // The console's own forms build these bodies; the server validates each against the action's schema.
      return { path: action, body: (body ?? {}) as BodyOf<'counters.action'> };
  }
}

/**
 * Sends counter commands over HTTP (the same public API a hardware button uses) and keeps the
 * last outcome as a bilingual notice. One command at a time: a bouncing key does not double-call.
 */
export function useCommands(token: string, counterId: string, onAuthFail: () => void) {
  const [busy, setBusy] = useState<ConsoleAction | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  /** The last visitor this desk marked absent (by no-show or the recall past the limit), while it may be undone. */
  const [absent, setAbsent] = useState<Absent | null>(null);
  /** The last ticket a command answered with: a call button learns the recall count from it. */
  const [last, setLast] = useState<StaffTicket | null>(null);
  const inFlight = useRef(false);
  const seq = useRef(0);
  useEffect(() => {
    if (!notice) return;
    const id = setTimeout(() => setNotice((n) => (n === notice ? null : n)), notice.kind === 'error' ? 12000 : 4000);
    return () => clearTimeout(id);
  }, [notice]);
  useEffect(() => setNotice(null), [counterId]);

  const run = useCallback(
    async (action: ConsoleAction, body?: unknown): Promise<boolean> => {
      if (inFlight.current) return false;
      inFlight.current = true;
      setBusy(action);
      const cmd = commandFor(action, body);
      try {
        const out = await api.call('counters.action', { params: { counterId, action: cmd.path }, body: cmd.body, token });
        const ticket = 'number' in out ? out : null;
        if (ticket) setLast(ticket);
        if (ticket?.status === 'no_show') setAbsent({ ticketId: ticket.id, number: ticket.number, at: ticket.finishedAt ?? Date.now() });
        if (action === 'undo-no-show') setAbsent(null);
        // A recall past the allowed number marks the visitor absent: say so.
        const shown: ConsoleAction = action === 'recall' && ticket?.status === 'no_show' ? 'no-show' : action;
        const text = DONE_TEXT[shown];
        // A call button's "next" with nobody waiting still ends the visit at the desk.
        if (action === 'call-next' && ticket?.status === 'done')
          setNotice({ kind: 'info', text: T.finishedNobodyWaiting, vars: { number: ticket.number }, seq: ++seq.current });
        else setNotice(text ? { kind: 'ok', text, vars: { number: ticket?.number ?? '' }, seq: ++seq.current } : null);
        return true;
      } catch (e) {
        if (isAuthError(e)) onAuthFail();
        const code = e instanceof ApiError ? e.code : undefined;
        // An empty queue is not a fault: a calm "Tidak ada antrean", not a red error.
        if (code === 'QUEUE_EMPTY') setNotice({ kind: 'info', text: T.queueEmpty, code, seq: ++seq.current });
        else setNotice({ kind: 'error', text: errorText(e), code, seq: ++seq.current });
        return false;
      } finally {
        inFlight.current = false;
        setBusy(null);
      }
    },
    [counterId, token, onAuthFail],
  );

  const say = useCallback((kind: Notice['kind'], text: LocalizedText) => setNotice({ kind, text, seq: ++seq.current }), []);
  const dismiss = useCallback(() => setNotice(null), []);
  const forgetAbsent = useCallback(() => setAbsent(null), []);
  return { run, busy, notice, say, dismiss, absent, forgetAbsent, last };
}
