/**
 * The one hook that owns the socket: snapshot on every (re)connect, deltas after, calls handed
 * to the caller (for the speaker) including those missed during a short drop. Reconnects fast
 * and forever; a board is never logged out by a network problem.
 */
import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { CallEvent, ClientToServerEvents, ServerToClientEvents, Snapshot } from '@antre/server/contract';
import { EMPTY_BOARD, applyCall, applyUpdate, applySnapshot, callKey, missedCalls, type BoardState } from './live-state';

type DisplaySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LiveBoard {
  board: BoardState;
  connected: boolean;
  /** The server said it is restarting; cleared on the next connect. */
  restarting: boolean;
  /** The server refused the token: the device was revoked or the data wiped. */
  authError: boolean;
}

/** How often a refused board asks again, in case the refusal was an operator's mistake undone. */
const AUTH_RETRY_MS = 30_000;
/** A full re-read now and then heals anything a delta could not say (see reconcile below). */
const RECONCILE_EVERY_MS = 60_000;

/** Live hall state for a device token; `onCall` hears each call once, in order. */
export function useDisplayLive(token: string | null, onCall: (call: CallEvent) => void): LiveBoard {
  const [board, setBoard] = useState<BoardState>(EMPTY_BOARD);
  const [connected, setConnected] = useState(false);
  const [restarting, setRestarting] = useState(false);
  const [authError, setAuthError] = useState(false);
  const onCallRef = useRef(onCall);
  onCallRef.current = onCall;

  useEffect(() => {
    if (!token) return;
    let state = EMPTY_BOARD;
    let lastSeenAt = 0;
    const update = (next: BoardState) => {
      if (next === state) return;
      state = next;
      setBoard(next);
    };
    const hear = (c: CallEvent) => {
      lastSeenAt = Math.max(lastSeenAt, c.at);
      onCallRef.current(c);
    };
    const s: DisplaySocket = io({
      path: '/socket.io',
      auth: { token },
      transports: ['websocket', 'polling'],
      // Short, capped back-off: a board must be right within a second of the server returning.
      reconnectionDelay: 250,
      reconnectionDelayMax: 750,
      randomizationFactor: 0.25,
      timeout: 5000,
    });
    let authRetry: ReturnType<typeof setTimeout> | undefined;

    s.on('connect', () => {
      setConnected(true);
      setRestarting(false);
      setAuthError(false);
    });
    s.on('disconnect', (reason) => {
      setConnected(false);
      if (reason === 'io server disconnect') s.connect();
    });
    s.on('connect_error', (err) => {
      const code = (err as Error & { data?: { error?: { code?: string } } }).data?.error?.code;
      if (code !== 'INVALID_TOKEN' && code !== 'UNAUTHENTICATED') return;
      setAuthError(true);
      clearTimeout(authRetry);
      authRetry = setTimeout(() => s.connect(), AUTH_RETRY_MS);
    });
    s.on('server:restarting', () => setRestarting(true));
    const onSnapshot = (snap: Snapshot) => {
      const missed = missedCalls(state, snap, lastSeenAt);
      update(applySnapshot(state, snap, Date.now(), new Set(missed.map(callKey))));
      for (const c of snap.recentCalls) lastSeenAt = Math.max(lastSeenAt, c.at);
      for (const c of missed) hear(c);
    };
    // Deltas keep the board right; a periodic full snapshot is a cheap safety net for days unattended.
    const reconcile = () => {
      if (!s.connected) return;
      s.timeout(5000).emit('snapshot:request', (err, res) => {
        if (!err && res.ok) onSnapshot(res.data);
      });
    };
    const periodic = setInterval(reconcile, RECONCILE_EVERY_MS);

    s.on('snapshot', onSnapshot);
    s.on('update', (u) => update(applyUpdate(state, u)));
    s.on('call', (c) => {
      const next = applyCall(state, c, Date.now());
      if (next === state) return;
      update(next);
      hear(c);
    });
    s.on('announcements', ({ announcements }) => update({ ...state, announcements }));
    s.on('venue', ({ version }) => update({ ...state, venueVersion: version }));

    // The OS noticed the network is back before socket.io's back-off did: try now.
    const onOnline = () => {
      if (!s.connected) s.connect();
    };
    window.addEventListener('online', onOnline);
    return () => {
      window.removeEventListener('online', onOnline);
      clearTimeout(authRetry);
      clearInterval(periodic);
      s.removeAllListeners();
      s.disconnect();
      setBoard(EMPTY_BOARD);
      setConnected(false);
    };
  }, [token]);

  return { board, connected, restarting, authError };
}
