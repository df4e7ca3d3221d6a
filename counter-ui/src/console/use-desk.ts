import { useMemo } from 'react';
import type { Session } from '../shared/session';
import type { LiveSocket, LiveState } from '../shared/use-live';
import { useEnv } from './console-context';
import { countsFor, currentTicket, heldAt, waitingFor } from './console-model';
import { useCommands } from './use-commands';
import { useMyDay } from './use-my-day';

export interface DeskProps {
  session: Session;
  counterId: string;
  live: LiveState;
  socket: LiveSocket | null;
  toggleLang: () => void;
  logout: () => void;
  expire: () => void;
  onSwitch: () => void;
}

/** Everything one counter's desk shows, derived from the live state, plus its command sender. */
export function useDesk({ session, counterId, live, socket, expire }: DeskProps) {
  const { venue } = useEnv();
  const counter = venue.counters.find((c) => c.id === counterId)!;
  const state = live.counters.get(counterId);
  const current = currentTicket(state, live.tickets);
  const ratio = venue.settings.priorityRatio;
  const waiting = useMemo(
    () => waitingFor(counter, live.tickets.values(), { ratio, streak: (s) => live.queues.get(s)?.priorityStreak ?? 0 }),
    [counter, live.tickets, live.queues, ratio],
  );
  const held = useMemo(() => heldAt(counterId, live.tickets.values()), [counterId, live.tickets]);
  const day = useMyDay(session.token, socket, live.snapshot, expire);
  const counts = useMemo(() => countsFor(session.user.id, day.values()), [session.user.id, day]);
  const commands = useCommands(session.token, counterId, expire);
  return { counter, state, current, waiting, held, counts, commands };
}
