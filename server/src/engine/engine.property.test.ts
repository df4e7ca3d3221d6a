import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AntreError } from '../contract/errors.js';
import type { Ticket } from '../contract/domain.js';
import { localDay } from '../contract/time.js';
import { Engine } from './engine.js';
import { DayState, type Change } from './state.js';
import { seqIds, testVenue, TestClock } from '../testing/builders.js';

const venue = testVenue();
const counters = venue.counters.map((c) => c.id);
const services = venue.services.map((s) => s.id);

const command = fc.oneof(
  { weight: 5, arbitrary: fc.record({ k: fc.constant('issue' as const), s: fc.constantFrom(...services), p: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('next' as const), c: fc.constantFrom(...counters) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constantFrom('finish' as const, 'start' as const, 'recall' as const, 'noShow' as const, 'hold' as const),
      c: fc.constantFrom(...counters),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('transfer' as const), c: fc.constantFrom(...counters), s: fc.constantFrom(...services) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('resume' as const), c: fc.constantFrom(...counters), i: fc.nat(50) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('status' as const), c: fc.constantFrom(...counters), open: fc.boolean() }) },
);

/** Runs a command sequence, checking the invariants after every step. */
function play(cmds: fc.infer<typeof command>[], ratio: number) {
  const v = testVenue({ settings: { priorityRatio: ratio, maxRecalls: 2, idleAlertMinutes: 15, estimateWindow: 20, spokenNumbers: 'cardinal' } });
  const clock = new TestClock();
  const e = new Engine(v, DayState.fresh(v, localDay(clock.t, v.timeZone), clock.t), { newId: seqIds() });
  counters.forEach((c) => e.setCounterStatus(c, { status: 'open' }, { userId: 'u' }, clock.t));
  const journal: Change[] = [];
  const actor = { userId: 'u' };
  for (const cmd of cmds) {
    const now = clock.advance(7000);
    const before = snapshotLines(e);
    try {
      let out;
      switch (cmd.k) {
        case 'issue':
          out = e.issue({ serviceId: cmd.s, priority: cmd.p ? 'lansia' : null, source: { kind: 'kiosk', id: 'k' } }, now);
          break;
        case 'next':
          out = e.callNext(cmd.c, actor, now);
          break;
        case 'finish':
          out = e.finish(cmd.c, actor, now);
          break;
        case 'start':
          out = e.start(cmd.c, actor, now);
          break;
        case 'recall':
          out = e.recall(cmd.c, actor, now);
          break;
        case 'noShow':
          out = e.noShow(cmd.c, actor, now);
          break;
        case 'hold':
          out = e.hold(cmd.c, actor, now);
          break;
        case 'status':
          out = e.setCounterStatus(cmd.c, { status: cmd.open ? 'open' : 'closed' }, actor, now);
          break;
        case 'transfer': {
          const cs = e.state.counters.get(cmd.c)!;
          if (!cs.ticketId) continue;
          out = e.transfer(cs.ticketId, { toServiceId: cmd.s }, actor, now);
          break;
        }
        case 'resume': {
          const held = [...e.state.tickets.values()].filter((t) => t.status === 'held');
          const t = held[cmd.i % Math.max(1, held.length)];
          if (!t) continue;
          out = e.resume(cmd.c, t.id, actor, now);
          break;
        }
      }
      journal.push(...out.changes);
      if (cmd.k === 'next') checkCall(out.value as Ticket, before, cmd.c, ratio);
    } catch (err) {
      if (!(err instanceof AntreError)) throw err;
      // A refusal changes nothing.
      expect(snapshotLines(e)).toEqual(before);
    }
    checkInvariants(e);
  }
  return { e, journal, v, clock };
}

interface Lines {
  doc: string;
  waiting: Map<string, { regular: Ticket[]; priority: Ticket[] }>;
  streak: Map<string, number>;
  targeted: Map<string, Ticket[]>;
}

function snapshotLines(e: Engine): Lines {
  const waiting = new Map<string, { regular: Ticket[]; priority: Ticket[] }>();
  const streak = new Map<string, number>();
  for (const s of services) {
    const l = e.state.linesOf(s);
    waiting.set(s, { regular: [...l.regular], priority: [...l.priority] });
    streak.set(s, e.serviceState(s).priorityStreak);
  }
  const targeted = new Map(counters.map((c) => [c, [...e.state.targetedFor(c)]]));
  return { doc: JSON.stringify(e.state.toDoc()), waiting, streak, targeted };
}

function checkCall(t: Ticket, before: Lines, counterId: string, ratio: number): void {
  const reserved = before.targeted.get(counterId)!;
  if (reserved.length) {
    expect(t.id).toBe(reserved[0]!.id);
    return;
  }
  const lines = before.waiting.get(t.serviceId)!;
  const cls = t.priority ? 'priority' : 'regular';
  // FIFO within a class: the one called was first of its line.
  expect(lines[cls][0]!.id).toBe(t.id);
  const streak = before.streak.get(t.serviceId)!;
  // Ratio: priority only while the streak allows it or nobody regular waits; regular only when the streak is spent or no priority waits.
  if (cls === 'priority' && lines.regular.length > 0) expect(streak).toBeLessThan(ratio);
  if (cls === 'regular' && lines.priority.length > 0) expect(streak).toBeGreaterThanOrEqual(ratio);
}

function checkInvariants(e: Engine): void {
  const numbers = new Set<string>();
  const holders = new Map<string, string>();
  for (const t of e.state.tickets.values()) {
    expect(numbers.has(t.number), `number ${t.number} used twice`).toBe(false);
    numbers.add(t.number);
    if (t.status === 'called' || t.status === 'serving') {
      expect(t.counterId).toBeTruthy();
      expect(holders.has(t.counterId!), `counter ${t.counterId} holds two tickets`).toBe(false);
      holders.set(t.counterId!, t.id);
    }
  }
  for (const cs of e.state.counters.values()) {
    if (cs.ticketId) expect(holders.get(cs.counterId)).toBe(cs.ticketId);
    else expect(holders.has(cs.counterId)).toBe(false);
  }
}

describe('engine invariants under random play', () => {
  it('no double call, unique numbers, FIFO per class, ratio honoured, refusals change nothing', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 150 }), fc.integer({ min: 1, max: 4 }), (cmds, ratio) => {
        play(cmds, ratio);
      }),
      { numRuns: 150 },
    );
  });

  it('replaying the recorded changes rebuilds exactly the live day', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 120 }), (cmds) => {
        const { e, journal, v, clock } = play(cmds, 2);
        const start = DayState.fresh(v, e.state.day, Date.parse('2026-11-25T01:00:00Z'));
        // The counters were opened before play started; replay them the same way.
        const replay = new Engine(v, start, { newId: seqIds('x') });
        counters.forEach((c) => replay.setCounterStatus(c, { status: 'open' }, { userId: 'u' }, Date.parse('2026-11-25T01:00:00Z')));
        journal.forEach((c) => replay.state.apply(c));
        expect(JSON.stringify(replay.state.toDoc())).toBe(JSON.stringify(e.state.toDoc()));
        expect(replay.estimator.queues(clock.t)).toEqual(e.estimator.queues(clock.t));
      }),
      { numRuns: 60 },
    );
  });
});
