import { describe, expect, it } from 'vitest';
import { localDay } from '../contract/time.js';
import { seqIds, testVenue, testVenueInput, TestClock, errorCode } from '../testing/builders.js';
import { Engine } from './engine.js';
import { DayState } from './state.js';

function setup(bookedRatio = 2) {
  const base = testVenueInput();
  const venue = testVenue({
    settings: {
      priorityRatio: 2,
      maxRecalls: 2,
      idleAlertMinutes: 15,
      estimateWindow: 20,
      spokenNumbers: 'cardinal',
      booking: { openDaysAhead: 7, checkInBeforeMinutes: 30, checkInAfterMinutes: 15, bookedRatio, perAddressPerHour: 10, botCheckBits: 0 },
    },
    services: base.services!.map((s) => (s.id === 'skck' ? { ...s, dailyQuota: 4, booking: { onlineShare: 0.5, slotMinutes: 30 } } : s)),
  });
  const clock = new TestClock();
  const e = new Engine(venue, DayState.fresh(venue, localDay(clock.t, venue.timeZone), clock.t), { newId: seqIds() });
  e.setCounterStatus('loket-3', { status: 'open' }, { userId: 'u' }, clock.t);
  const walkIn = () => e.issue({ serviceId: 'skck', source: { kind: 'kiosk', id: 'k' } }, clock.minutes(1)).value;
  const booked = (code: string, slotInMinutes: number) =>
    e.issue({ serviceId: 'skck', source: { kind: 'kiosk', id: 'k' }, booking: { code, slotAt: clock.t + slotInMinutes * 60000 } }, clock.minutes(1)).value;
  const next = () => {
    const cs = e.counterState('loket-3');
    if (cs.ticketId) e.finish('loket-3', { userId: 'u' }, clock.t);
    return e.callNext('loket-3', { userId: 'u' }, clock.minutes(1)).value.number;
  };
  return { e, clock, walkIn, booked, next };
}

const code = errorCode;

describe('booked visitors in the one queue', () => {
  it('a booked visitor who came early waits for the slot, then goes ahead of walk-ins who came earlier', () => {
    const { walkIn, booked, next, clock } = setup();
    const w1 = walkIn(); // 09:01
    const b1 = booked('KODE01', 20); // slot 09:22
    const w2 = walkIn();
    expect(next()).toBe(w1.number); // 09:04: the slot has not come
    clock.minutes(20);
    expect(next()).toBe(b1.number); // 09:25: slot passed, ahead of w2 who came before the check-in
    expect(next()).toBe(w2.number);
  });

  it('interleaves due bookings with walk-ins by bookedRatio, so walk-ins are never starved', () => {
    const { walkIn, booked, next, clock } = setup(2);
    const w = [walkIn(), walkIn()];
    const b = [booked('B1', 0), booked('B2', 0), booked('B3', 0)];
    clock.minutes(1);
    expect([next(), next(), next(), next(), next()]).toEqual([b[0]!.number, b[1]!.number, w[0]!.number, b[2]!.number, w[1]!.number]);
  });

  it('the online share of the quota is kept for bookings; walk-ins get the rest', () => {
    const { e, walkIn, booked } = setup();
    walkIn();
    walkIn();
    expect(code(() => walkIn())).toBe('QUOTA_FULL'); // quota 4, half online
    expect(code(() => booked('B1', 0))).toBe('NO_ERROR');
    expect(e.estimator.queueInfo('skck', Date.now()).quotaLeft).toBe(0);
    const doc = e.state.toDoc();
    expect(doc.services.find((s) => s.serviceId === 'skck')).toMatchObject({ issued: 3, booked: 1 });
    // a restart replays the same lines
    const again = DayState.fromDoc(e.venue, doc, Date.now());
    expect(again.linesOf('skck').booked.map((t) => t.booking?.code)).toEqual(['B1']);
  });

  it('the predicted order (ticket pages, "N before you") shows due bookings ahead and later ones last', () => {
    const { e, walkIn, booked, clock } = setup();
    const w1 = walkIn();
    const later = booked('LATE', 60);
    const due = booked('NOW', 0);
    expect(e.estimator.order('skck', clock.t).map((t) => t.number)).toEqual([due.number, w1.number, later.number]);
  });
});

describe('calls say whether the ticket was booked (boards mark them)', () => {
  it('a booked call is marked, a walk-in call is not, and a recall keeps the mark', () => {
    const { e, walkIn, booked, clock } = setup();
    const w = walkIn();
    const b = booked('B1', 0);
    clock.minutes(1);
    expect(e.callNext('loket-3', { userId: 'u' }, clock.minutes(1)).value.number).toBe(b.number);
    expect(e.state.calls.at(-1)).toMatchObject({ number: b.number, recall: 0, booked: true });
    // the counter's own screen follows the counter, not the calls: its ticket says it too
    expect(e.estimator.publicCounter('loket-3').ticket).toMatchObject({ number: b.number, booked: true });
    e.recall('loket-3', { userId: 'u' }, clock.minutes(1));
    expect(e.state.calls.at(-1)).toMatchObject({ number: b.number, recall: 1, booked: true });
    e.finish('loket-3', { userId: 'u' }, clock.t);
    expect(e.callNext('loket-3', { userId: 'u' }, clock.minutes(1)).value.number).toBe(w.number);
    expect(e.state.calls.at(-1)).toMatchObject({ number: w.number, recall: 0, booked: false });
    expect(e.estimator.publicCounter('loket-3').ticket).toMatchObject({ number: w.number, booked: false });
    e.recall('loket-3', { userId: 'u' }, clock.minutes(1));
    expect(e.state.calls.at(-1)).toMatchObject({ number: w.number, recall: 1, booked: false });
    // the mark survives a restart from the day document
    const again = DayState.fromDoc(e.venue, e.state.toDoc(), clock.t);
    expect(again.calls.map((c) => [c.number, c.recall, c.booked])).toEqual([
      [b.number, 0, true],
      [b.number, 1, true],
      [w.number, 0, false],
      [w.number, 1, false],
    ]);
  });

  it('calls recorded before the mark existed load as walk-in calls, from the document and from the journal', () => {
    const { e, walkIn, clock } = setup();
    walkIn();
    e.callNext('loket-3', { userId: 'u' }, clock.minutes(1));
    const doc = e.state.toDoc();
    const old = doc.calls.map(({ booked: _booked, ...rest }) => rest) as unknown as typeof doc.calls;
    const s = DayState.fromDoc(e.venue, { ...doc, calls: old }, clock.t);
    expect(s.calls.map((c) => c.booked)).toEqual([false]);
    s.apply({ t: 'call', call: { ...old[0]!, id: 'x:1', recall: 1 } });
    expect(s.calls.map((c) => c.booked)).toEqual([false, false]);
  });
});
