import type { CounterPlan } from './plan.ts';

/** One officer at one counter, as the simulation plays them. */
export interface Officer {
  plan: CounterPlan;
  token: string;
  status: 'closed' | 'open' | 'break';
  /** The ticket at the counter (called or being served). */
  ticketId: string | null;
  /** A wake-up is already scheduled. */
  waking: boolean;
  wantsBreak: boolean;
  closing: boolean;
  /** Past closing time: the officer goes home after the visitor in hand, queue or not. */
  leaving: boolean;
  /** Bumped when the counter's situation changes so that stale follow-ups are dropped. */
  epoch: number;
}

/** Things that happen at a moment of the simulated day, in time order. */
export type SimEvent =
  | { kind: 'arrive'; visitor: number; attempt: number }
  | { kind: 'officer'; counterId: string; what: 'open' | 'wake' | 'show' | 'recall' | 'finish' | 'hold' | 'break' | 'back' | 'close' | 'leave'; epoch?: number }
  | { kind: 'resume'; counterId: string; ticketId: string }
  | { kind: 'supervisor'; what: 'close-agency' | 'announce' | 'check-alerts' }
  | { kind: 'slot'; serviceId: string }
  | { kind: 'kill' }
  | { kind: 'day-end' };

/** A time-ordered queue of events; equal times keep insertion order, so a seed replays exactly. */
export class Agenda {
  private items: { at: number; seq: number; ev: SimEvent }[] = [];
  private seq = 0;

  add(at: number, ev: SimEvent): void {
    const item = { at, seq: this.seq++, ev };
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = this.items[mid]!;
      if (m.at < at || (m.at === at && m.seq < item.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.items.splice(lo, 0, item);
  }

  next(): { at: number; ev: SimEvent } | undefined {
    return this.items.shift();
  }

  get size(): number {
    return this.items.length;
  }
}
