import type { Venue, VenueInput } from '../contract/venue.js';
import { testVenue, testVenueInput } from './builders.js';

const WORKDAY = { open: '08:00', close: '15:00', lastTicket: '14:30', breaks: [{ start: '12:00', end: '13:00', reason: 'Istirahat' }] };
const FRIDAY = { open: '08:00', close: '15:30', lastTicket: '15:00', breaks: [{ start: '11:30', end: '13:00', reason: 'Istirahat & Salat Jumat' }] };

/**
 * The test venue with a real MPP week (08:00-15:00, lunch 12-13, Friday prayer 11:30-13:00,
 * closed at the weekend) and a roster: Dukcapil's two counters every working day (loket-2 from
 * 08:30), Polres on Monday to Thursday, BPN with no roster (counters open by hand only).
 */
export function dayVenueInput(over: Partial<VenueInput> = {}): VenueInput {
  const base = testVenueInput();
  return {
    ...base,
    hours: { mon: WORKDAY, tue: WORKDAY, wed: WORKDAY, thu: WORKDAY, fri: FRIDAY, sat: null, sun: null },
    agencies: [
      {
        ...base.agencies[0]!,
        roster: [
          { counterId: 'loket-1', officer: 'petugas1' },
          { counterId: 'loket-2', officer: 'petugas2', from: '08:30' },
        ],
      },
      { ...base.agencies[1]!, roster: [{ counterId: 'loket-3', days: ['mon', 'tue', 'wed', 'thu'], officer: 'petugas3' }] },
      base.agencies[2]!,
    ],
    ...over,
  };
}

export function dayVenue(over: Partial<VenueInput> = {}): Venue {
  return testVenue(dayVenueInput(over));
}

/** Epoch ms of a WITA wall-clock time: wita('2026-11-25', '08:05'). */
export function wita(day: string, hhmm: string): number {
  return Date.parse(`${day}T${hhmm}:00+08:00`);
}
