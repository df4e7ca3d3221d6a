import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../contract/domain.js';
import { keepRecentCalls } from './state.js';

const call = (i: number, counterId: string, floor: number): CallEvent => ({
  id: `c${i}`,
  ticketId: `t${i}`,
  number: `A-${i}`,
  serviceId: 's',
  agencyId: 'a',
  counterId,
  floor,
  at: i * 1000,
  recall: 0,
  booked: false,
});

describe('recent calls kept for the boards', () => {
  it("a busy floor does not push the quiet floor's last calls out", () => {
    const calls: CallEvent[] = [];
    for (let i = 0; i < 10; i++) calls.push(call(i, 'upstairs', 2));
    for (let i = 10; i < 200; i++) calls.push(call(i, `down-${i % 5}`, 1));
    const kept = keepRecentCalls(calls);
    expect(kept.filter((c) => c.floor === 2).map((c) => c.id)).toEqual(calls.slice(0, 10).map((c) => c.id));
    expect(kept.filter((c) => c.counterId === 'down-0')).toHaveLength(10);
    expect(kept).toHaveLength(60);
  });

  it("keeps time order and each counter's newest calls", () => {
    const calls = Array.from({ length: 30 }, (_, i) => call(i, 'k', 1));
    const kept = keepRecentCalls(calls);
    expect(kept.map((c) => c.id)).toEqual(calls.slice(20).map((c) => c.id));
  });
});
