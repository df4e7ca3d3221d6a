import { describe, expect, it } from 'vitest';
import { buildReport, mean, percentile } from './report.js';
import { reportCsv, reportFileName } from './report-csv.js';
import { Engine } from '../engine/engine.js';
import { DayState, type DayDoc } from '../engine/state.js';
import { seqIds, testVenue, TestClock } from '../testing/builders.js';
import { localDay } from '../contract/time.js';

const venue = testVenue({ services: testVenue().services.map((s) => (s.id === 'kk' ? { ...s, targetWaitMinutes: 20 } : s)) });
const users = [
  { id: 'u1', name: 'Petugas Satu' },
  { id: 'u2', name: '=Petugas, "Dua"' },
];

/**
 * A played day, 2026-11-25 from 09:00 WITA (minute m = 09:00 + m):
 * A-001 ktp waits 5, served 10 at loket-1 by u1; A-002 waits 18, no-show; B-001 kk waits 21,
 * finished 8 min after the call without "start" at loket-2 by u2; A-003 re-routed while waiting
 * to kk as B-002 (waits 8 from the transfer, served 20); C-001 skck never called, expires.
 */
function playedDay(clock = new TestClock()): DayDoc {
  const t0 = clock.t;
  const at = (m: number) => (clock.t = t0 + m * 60000);
  const e = new Engine(venue, DayState.fresh(venue, localDay(clock.t, venue.timeZone), clock.t), { newId: seqIds() });
  for (const c of venue.counters) e.setCounterStatus(c.id, { status: 'open' }, { userId: null }, clock.t);
  const issue = (serviceId: string) => e.issue({ serviceId, source: { kind: 'kiosk', id: 'k' } }, clock.t).value;
  const u1 = { userId: 'u1', counterId: 'loket-1' };
  const u2 = { userId: 'u2', counterId: 'loket-2' };
  at(0);
  issue('ktp');
  at(2);
  issue('ktp');
  at(4);
  issue('kk');
  at(5);
  e.callNext('loket-1', u1, clock.t);
  at(6);
  e.start('loket-1', u1, clock.t);
  at(16);
  e.finish('loket-1', u1, clock.t);
  at(20);
  e.callNext('loket-1', u1, clock.t);
  at(22);
  e.noShow('loket-1', u1, clock.t);
  at(25);
  e.callNext('loket-2', u2, clock.t);
  at(33);
  e.finish('loket-2', u2, clock.t);
  at(70);
  const a3 = issue('ktp');
  at(72);
  e.transfer(a3.id, { toServiceId: 'kk' }, { userId: 'sup' }, clock.t);
  at(80);
  e.callNext('loket-2', u2, clock.t);
  at(81);
  e.start('loket-2', u2, clock.t);
  at(101);
  e.finish('loket-2', u2, clock.t);
  at(90);
  issue('skck');
  at(600);
  for (const c of e.expireAll(clock.t)) e.state.apply(c);
  return e.state.toDoc();
}

describe('buildReport', () => {
  const day = playedDay();
  const r = buildReport({ venue, users, from: '2026-11-25', to: '2026-11-25', days: [day], generatedAt: 1 });
  const row = (g: keyof typeof r.by, key: string) => r.by[g].find((x) => x.key === key)!;

  it('counts the day: issued excludes transfers in, which are counted on their own', () => {
    expect(r.days).toEqual(['2026-11-25']);
    expect(r.total).toMatchObject({ issued: 5, transferredIn: 1, served: 3, noShow: 1, transferred: 1, expired: 1, inProgress: 0 });
  });

  it('times waits from issue (or transfer) to first call and service from start (or call) to finish', () => {
    expect(r.total).toMatchObject({ waitMeanMinutes: 13, waitP90Minutes: 21, serviceMeanMinutes: 12.7, serviceP90Minutes: 20 });
    expect(row('service', 'ktp')).toMatchObject({
      issued: 3,
      served: 1,
      noShow: 1,
      transferred: 1,
      waitMeanMinutes: 11.5,
      serviceMeanMinutes: 10,
      withinTargetShare: 1,
    });
    expect(row('service', 'kk')).toMatchObject({
      issued: 1,
      transferredIn: 1,
      served: 2,
      waitMeanMinutes: 14.5,
      waitP90Minutes: 21,
      serviceMeanMinutes: 14,
      withinTargetShare: 0.5,
    });
    expect(row('service', 'skck')).toMatchObject({ issued: 1, expired: 1, waitMeanMinutes: null, withinTargetShare: null });
    expect(r.total.withinTargetShare).toBeCloseTo(2 / 3);
  });

  it('counts tickets per local (WITA) hour of issue', () => {
    expect(r.total.perHour[9]).toBe(3);
    expect(r.total.perHour[10]).toBe(2);
    expect(r.total.perHour.reduce((a, b) => a + b, 0)).toBe(5);
    expect(row('service', 'kk').perHour[10]).toBe(0);
  });

  it('groups by agency, counter and officer, with a row for tickets nobody called', () => {
    expect(r.by.agency.map((x) => [x.key, x.label, x.issued])).toEqual([
      ['dukcapil', 'Dukcapil', 4],
      ['polres', 'Polres', 1],
    ]);
    expect(r.by.counter.map((x) => [x.key, x.served, x.noShow])).toEqual([
      ['loket-1', 1, 1],
      ['loket-2', 2, 0],
      ['', 0, 0],
    ]);
    expect(row('counter', '')).toMatchObject({ issued: 2, transferred: 1, expired: 1 });
    expect(r.by.officer.map((x) => x.label)).toEqual(['=Petugas, "Dua"', 'Petugas Satu', 'Tanpa petugas / No officer']);
    expect(row('officer', 'u2')).toMatchObject({ served: 2, waitMeanMinutes: 14.5 });
  });

  it('adds days up over a range', () => {
    const next = playedDay(new TestClock(Date.parse('2026-11-26T01:00:00Z')));
    const two = buildReport({ venue, users, from: '2026-11-25', to: '2026-11-30', days: [next, day], generatedAt: 1 });
    expect(two.days).toEqual(['2026-11-25', '2026-11-26']);
    expect(two.total).toMatchObject({ issued: 10, served: 6, waitMeanMinutes: 13, waitP90Minutes: 21 });
    expect(two.total.perHour[9]).toBe(6);
  });

  it('tells booked visitors from walk-ins, with their wait counted from the slot', () => {
    const clock = new TestClock(Date.parse('2026-11-27T01:00:00Z'));
    const t0 = clock.t;
    const e = new Engine(venue, DayState.fresh(venue, localDay(t0, venue.timeZone), t0), { newId: seqIds('b') });
    e.setCounterStatus('loket-1', { status: 'open' }, { userId: null }, t0);
    const m = (n: number) => t0 + n * 60000;
    // A booked visitor checks in 10 minutes before a 09:15 slot; a walk-in comes at 09:00.
    e.issue({ serviceId: 'ktp', source: { kind: 'kiosk', id: 'k' } }, m(0));
    e.issue({ serviceId: 'ktp', source: { kind: 'kiosk', id: 'k' }, booking: { code: 'BK1', slotAt: m(15) } }, m(5));
    e.callNext('loket-1', { userId: 'u1' }, m(1));
    e.finish('loket-1', { userId: 'u1' }, m(16));
    // Called at 09:18: three minutes after the slot (not 13 after checking in).
    e.callNext('loket-1', { userId: 'u1' }, m(18));
    e.finish('loket-1', { userId: 'u1' }, m(28));
    const rep = buildReport({ venue, users, from: '2026-11-27', to: '2026-11-27', days: [e.state.toDoc()], generatedAt: 1 });
    expect(rep.total).toMatchObject({ issued: 2, booked: 1, bookedWaitMeanMinutes: 3 });
    expect(rep.by.service.find((x) => x.key === 'ktp')).toMatchObject({ booked: 1 });
    const csv = reportCsv(rep, 'service').split('\r\n');
    const head = csv[0]!.split(',');
    const total = csv.find((l) => l.includes(',total,'))!.split(',');
    expect(total[head.indexOf('booked')]).toBe('1');
    expect(total[head.indexOf('booked_wait_mean_min')]).toBe('3');
    // The walk-in day above had none.
    expect(r.total).toMatchObject({ booked: 0, bookedWaitMeanMinutes: null });
  });

  it('is empty, not broken, for no days', () => {
    const none = buildReport({ venue, users, from: '2026-01-01', to: '2026-01-02', days: [], generatedAt: 1 });
    expect(none.total).toMatchObject({ issued: 0, waitMeanMinutes: null, withinTargetShare: null });
    expect(none.by.service).toEqual([]);
  });
});

describe('reportCsv', () => {
  const r = buildReport({ venue, users, from: '2026-11-25', to: '2026-11-25', days: [playedDay()], generatedAt: 1 });

  it('writes a header, a row per group and a total, with the hours used as columns', () => {
    const csv = reportCsv(r, 'service');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'from,to,group_by,key,name,issued,transferred_in,served,no_show,transferred,expired,in_progress,wait_mean_min,wait_p90_min,service_mean_min,service_p90_min,served_within_target_pct,booked,booked_wait_mean_min,h09,h10',
    );
    expect(lines[1]).toBe('2026-11-25,2026-11-25,service,ktp,KTP-el,3,0,1,1,1,0,0,11.5,18,10,10,100,0,,2,1');
    expect(lines[2]).toBe('2026-11-25,2026-11-25,service,kk,Kartu Keluarga,1,1,2,0,0,0,0,14.5,21,14,20,50,0,,1,0');
    expect(lines.at(-1)).toBe('2026-11-25,2026-11-25,service,total,Total,5,1,3,1,1,1,0,13,21,12.7,20,66.7,0,,3,2');
    expect(lines).toHaveLength(1 + 3 + 1);
  });

  it('quotes commas and quotes, and defuses text that a spreadsheet would run as a formula', () => {
    const csv = reportCsv(r, 'officer');
    expect(csv).toContain(`,u2,"'=Petugas, ""Dua""",`);
  });

  it('names the file after venue, range and grouping', () => {
    expect(reportFileName(r, 'counter')).toBe('antre-test-mpp-2026-11-25-counter.csv');
    expect(reportFileName({ ...r, to: '2026-11-30' }, 'agency')).toBe('antre-test-mpp-2026-11-25_2026-11-30-agency.csv');
  });
});

describe('statistics helpers', () => {
  it('nearest-rank percentile and mean', () => {
    expect(percentile([], 0.9)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(percentile([10, 1, 5, 3, 8, 2, 9, 4, 7, 6, 11], 0.9)).toBe(10);
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBeNull();
  });
});
