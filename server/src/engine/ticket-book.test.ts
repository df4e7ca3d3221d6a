import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Ticket } from '../contract/domain.js';
import { Engine } from './engine.js';
import { DayState } from './state.js';
import { PackedTicket, packTicket, TicketBook, unpackTicket } from './ticket-book.js';
import { seqIds, testVenue, TestClock } from '../testing/builders.js';
import { localDay } from '../contract/time.js';

const str = fc.string({ maxLength: 12 });
const nul = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
/** History events; their counter and officer are often the ticket's own (packed as a marker), sometimes not. */
const event = (own: { counterId: string | null; userId: string | null }) => {
  const or = (x: string | null) => (x === null ? str : fc.oneof(fc.constant(x), str));
  return fc.record(
    {
      at: fc.integer({ min: 0 }),
      action: fc.constantFrom('issued', 'called', 'done', 'transferred'),
      counterId: or(own.counterId),
      userId: or(own.userId),
      note: str,
    },
    { requiredKeys: ['at', 'action'] },
  );
};
const ticket: fc.Arbitrary<Ticket> = fc
  .record({
    id: str,
    day: str,
    number: str,
    seq: fc.nat(),
    serviceId: str,
    agencyId: str,
    priority: nul(fc.constantFrom('lansia', 'disabilitas', 'ibu_hamil')),
    status: fc.constantFrom('waiting', 'called', 'serving', 'held', 'done', 'no_show', 'transferred', 'expired'),
    issuedAt: fc.integer({ min: 1e12, max: 2e12 }),
    queuedAt: fc.integer({ min: 1e12, max: 2e12 }),
    targetCounterId: nul(str),
    counterId: nul(str),
    userId: nul(str),
    calledAt: nul(fc.nat()),
    startedAt: nul(fc.nat()),
    finishedAt: nul(fc.nat()),
    recalls: fc.nat(),
    transferredFrom: nul(str),
    transferredTo: nul(str),
    note: nul(fc.string()),
    source: fc.record({ kind: fc.constantFrom('kiosk', 'staff', 'api'), id: str }),
  })
  .chain((t) => fc.array(event(t), { maxLength: 6 }).map((history) => ({ ...t, history }))) as fc.Arbitrary<Ticket>;

describe('ticket book', () => {
  it('a packed ticket unpacks to exactly the same ticket, key order included', () => {
    fc.assert(
      fc.property(ticket, (t) => {
        const p = packTicket(t);
        expect(p).not.toBeNull();
        expect(JSON.stringify(unpackTicket(p!))).toBe(JSON.stringify(t));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps a ticket of an unknown shape as it is rather than lose a field', () => {
    const t = fc.sample(ticket, 1)[0]!;
    expect(packTicket({ ...t, extra: 1 } as Ticket)).toBeNull();
    expect(packTicket({ ...t, history: [{ at: 1, action: 'issued', counterId: undefined }] } as Ticket)).toBeNull();
    const book = new TicketBook();
    const odd = { ...t, status: 'done', extra: 1 } as Ticket;
    book.set(odd);
    expect(book.get(t.id)).toBe(odd);
  });

  it('packs what the engine finishes, keeps live tickets as the shared objects, and lists in issue order', () => {
    const venue = testVenue();
    const clock = new TestClock();
    const state = DayState.fresh(venue, localDay(clock.t, venue.timeZone), clock.t);
    const e = new Engine(venue, state, { newId: seqIds() });
    e.setCounterStatus('loket-1', { status: 'open' }, { userId: 'u' }, clock.t);
    const ids = Array.from({ length: 4 }, () => e.issue({ serviceId: 'ktp', source: { kind: 'kiosk', id: 'k' } }, clock.minutes(1)).value.id);
    e.callNext('loket-1', { userId: 'u' }, clock.minutes(1));
    e.start('loket-1', { userId: 'u' }, clock.minutes(1));
    const done = e.finish('loket-1', { userId: 'u' }, clock.minutes(1)).value;
    e.callNext('loket-1', { userId: 'u' }, clock.minutes(1));
    const gone = e.noShow('loket-1', { userId: 'u' }, clock.minutes(1)).value;
    expect(packTicket(done)).not.toBeNull();
    expect(packTicket(gone)).not.toBeNull();
    // Its called, started and finished events name the ticket's own counter and officer by a marker.
    const count = (hay: string, needle: string) => hay.split(needle).length - 1;
    expect([count(packTicket(done)!, '"loket-1"'), count(packTicket(done)!, '"u"')]).toEqual([1, 1]);
    expect(done.history.filter((h) => h.counterId === 'loket-1')).toHaveLength(3);
    expect(state.tickets.get(done.id)).toEqual(done);
    expect(state.tickets.get(done.id)).not.toBe(state.tickets.get(done.id));
    const live = state.linesOf('ktp').regular[0]!;
    expect(state.tickets.get(live.id)).toBe(live);
    expect([...state.tickets.values()].map((t) => t.id)).toEqual(ids);
    expect([...state.tickets.unpacked()].map((t) => t.status)).toEqual(['waiting', 'waiting']);
    expect(state.tickets.size).toBe(4);
    // For the disk, finished tickets stay packed until written, and write as the same JSON.
    const disk = state.tickets.forDisk();
    expect(disk.map((t) => t instanceof PackedTicket)).toEqual([true, true, false, false]);
    expect(JSON.stringify(disk)).toBe(JSON.stringify([...state.tickets.values()]));
    expect(JSON.stringify(state.toStoredDoc())).toBe(JSON.stringify(state.toDoc()));
  });
});
