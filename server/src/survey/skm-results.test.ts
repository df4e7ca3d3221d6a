import { describe, expect, it } from 'vitest';
import type { Ticket } from '../contract/domain.js';
import type { SurveyRecord, SurveyResultsQuery } from '../contract/survey.js';
import { testVenue } from '../testing/builders.js';
import { buildResults } from './skm-results.js';

const venue = testVenue();
const floorOf = (counterId: string | null) => venue.counters.find((c) => c.id === counterId)?.floor ?? 1;

function answer(i: number, over: Partial<SurveyRecord> = {}): SurveyRecord {
  return {
    v: 1,
    id: `s${i}`,
    ticketId: `t${i}`,
    day: '2026-11-25',
    at: Date.parse('2026-11-25T02:00:00Z') + i,
    agencyId: 'dukcapil',
    serviceId: 'ktp',
    counterId: 'loket-1',
    officerId: 'u-ani',
    floor: 1,
    waitMinutes: 5,
    scores: [4, 4, 4, 4, 4, 4, 4, 4, 4],
    comment: null,
    profile: { sex: null, age: null, education: null, occupation: null },
    channel: 'phone',
    deviceId: null,
    ...over,
  };
}

function done(i: number, over: Partial<Ticket> = {}): Ticket {
  return { id: `t${i}`, status: 'done', agencyId: 'dukcapil', serviceId: 'ktp', counterId: 'loket-1', userId: 'u-ani', day: '2026-11-25', ...over } as Ticket;
}

const run = (query: Partial<SurveyResultsQuery>, records: SurveyRecord[], finished: Ticket[] = []) =>
  buildResults({
    venue,
    users: [{ id: 'u-ani', name: 'Ani' }],
    query: { from: '2026-11-01', to: '2026-11-30', ...query },
    records,
    finished,
    floorOf,
    generatedAt: 0,
  });

describe('SKM results of a scope and period', () => {
  it("withholds one officer's figures under ten answers, shows them from ten on", () => {
    const nine = Array.from({ length: 9 }, (_, i) => answer(i, { comment: 'Cepat' }));
    const few = run({ officerId: 'u-ani' }, nine);
    expect(few).toMatchObject({ withheld: true, respondents: 9, converted: null, band: null, comments: [], weakest: [] });
    expect(run({}, nine).groups.officer).toEqual([{ key: 'u-ani', label: 'Ani', respondents: 9, converted: null, band: null, withheld: true }]);
    const ten = [...nine, answer(9)];
    expect(run({ officerId: 'u-ani' }, ten)).toMatchObject({ withheld: false, respondents: 10, converted: 100, band: 'A' });
    expect(run({}, ten).groups.officer[0]).toMatchObject({ respondents: 10, converted: 100, withheld: false });
  });

  it('counts the population and the sample of the same scope, and groups by agency, counter and floor', () => {
    const records = [answer(1), answer(2, { agencyId: 'bpn', serviceId: 'sertipikat', counterId: 'loket-4', floor: 2, scores: [2, 2, 2, 2, 2, 2, 2, 2, 2] })];
    const finished = [done(1), done(2, { agencyId: 'bpn', serviceId: 'sertipikat', counterId: 'loket-4' }), done(3), done(4, { status: 'no_show' })];
    const all = run({}, records, finished);
    expect(all).toMatchObject({ respondents: 2, population: 3, minimumSample: 3, sampleSufficient: false, converted: 75, band: 'C' });
    expect(all.groups.floor.map((g) => [g.key, g.converted])).toEqual([
      ['1', 100],
      ['2', 50],
    ]);
    const upstairs = run({ floor: 2 }, records, finished);
    expect(upstairs).toMatchObject({ respondents: 1, population: 1, sampleSufficient: true, converted: 50, band: 'D' });
    expect(upstairs.scopeLabel).not.toBe(venue.name);
  });

  it('charts per day over a month and per month over a year', () => {
    const records = [answer(1), answer(2, { day: '2026-11-26' }), answer(3, { day: '2026-12-01' })];
    expect(run({}, records).series.map((s) => s.key)).toEqual(['2026-11-25', '2026-11-26']);
    expect(run({ from: '2026-01-01', to: '2026-12-31' }, records).series.map((s) => [s.key, s.respondents])).toEqual([
      ['2026-11', 2],
      ['2026-12', 1],
    ]);
  });
});
