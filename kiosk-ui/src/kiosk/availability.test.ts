import { describe, expect, it } from 'vitest';
import type { QueueInfo, Service, WeeklyHours } from '@antre/server/contract';
import type { PublicVenue } from '../shared/venue-types';
import { describeWhen, hoursOn, nextDayOpening, reopensAt, weekSummary } from './availability';

const DAY = { open: '08:00', close: '15:00', lastTicket: '14:30', breaks: [{ start: '12:00', end: '13:00' }] };
const WEEK: WeeklyHours = { mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: { ...DAY, close: '15:30', lastTicket: '15:00' }, sat: null, sun: null };
const TZ = 'Asia/Makassar';
/** 2026-11-25 is a Wednesday; WITA is UTC+8. */
const at = (iso: string) => Date.parse(`${iso}+08:00`);

function service(over: Partial<Service> = {}): Service {
  return {
    id: 'ktp',
    agencyId: 'dukcapil',
    name: 'KTP-el',
    prefix: 'A',
    dailyQuota: null,
    requirements: [],
    fee: 'Gratis',
    targetMinutes: 10,
    targetWaitMinutes: 30,
    toConfirm: [],
    ...over,
  };
}

function venue(over: Partial<PublicVenue> = {}): PublicVenue {
  return {
    id: 'v',
    name: 'MPP',
    building: 'Gedung',
    address: '',
    timeZone: TZ,
    timeZoneLabel: 'WITA',
    version: 1,
    floors: [{ number: 1, name: 'Lantai 1' }],
    hours: WEEK,
    settings: {
      priorityRatio: 2,
      maxRecalls: 2,
      idleAlertMinutes: 15,
      estimateWindow: 20,
      spokenNumbers: 'cardinal',
      minRecallSeconds: 10,
      minNoShowSeconds: 60,
      undoNoShowMinutes: 10,
      breakOverrunMinutes: 10,
      lateOpenMinutes: 15,
      calledNotStartedMinutes: 10,
      priorityWaitMinutes: 15,
      deviceOfflineMinutes: 3,
      quotaLowShare: 0.1,
      alertEvalSeconds: 5,
      estimatePriorWeight: 5,
    },
    agencies: [
      {
        id: 'dukcapil',
        name: 'Disdukcapil',
        shortName: 'Dukcapil',
        floor: 1,
        icon: 'id-card',
        color: '#2563eb',
        toConfirm: [],
        serveThroughBreaks: false,
        ticketsDuringBreaks: true,
      },
    ],
    services: [service()],
    counters: [],
    kiosks: [],
    zones: [],
    announcements: [],
    ...over,
  };
}

function queue(over: Partial<QueueInfo>): QueueInfo {
  return {
    serviceId: 'ktp',
    agencyId: 'dukcapil',
    floor: 1,
    waiting: 0,
    waitingPriority: 0,
    nowServing: [],
    countersOpen: 1,
    estimatedWaitMinutes: 0,
    quota: null,
    quotaLeft: null,
    available: true,
    reason: 'open',
    closedReason: null,
    opensAt: null,
    serviceStartsAt: null,
    servedBeforeClose: null,
    oldestWaitingSince: null,
    lastCallAt: null,
    ...over,
  };
}

describe('hours a service follows', () => {
  it('takes the service hours, else the agency hours, else the building hours', () => {
    const own = { ...DAY, open: '09:00' };
    const agencyHours: WeeklyHours = { wed: { ...DAY, open: '10:00' } };
    const wed = at('2026-11-25T11:00:00');
    expect(hoursOn(venue(), service(), wed)?.open).toBe('08:00');
    expect(hoursOn(venue({ agencies: [{ ...venue().agencies[0]!, hours: agencyHours }] }), service(), wed)?.open).toBe('10:00');
    expect(hoursOn(venue(), service({ hours: { wed: own } }), wed)?.open).toBe('09:00');
    expect(hoursOn(venue(), service(), at('2026-11-28T11:00:00'))).toBeNull();
  });
});

describe('when a closed service opens again', () => {
  it('uses the server opensAt when it has one', () => {
    const opens = at('2026-11-26T08:00:00');
    expect(reopensAt(venue(), service(), queue({ available: false, reason: 'after_hours', opensAt: opens }), at('2026-11-25T16:00:00'))).toBe(opens);
  });
  it('a full quota or a day closure opens the next working day (Friday to Monday)', () => {
    const fri = at('2026-11-27T10:00:00');
    expect(nextDayOpening(venue(), service(), fri)).toBe(at('2026-11-30T08:00:00'));
    expect(reopensAt(venue(), service(), queue({ available: false, reason: 'quota_full' }), fri)).toBe(at('2026-11-30T08:00:00'));
    expect(reopensAt(venue(), service(), queue({ available: false, reason: 'closed_today' }), at('2026-11-25T10:00:00'))).toBe(at('2026-11-26T08:00:00'));
  });
  it('nobody knows when a counter opens: no time is made up', () => {
    expect(reopensAt(venue(), service(), queue({ available: false, reason: 'no_counter' }), at('2026-11-25T10:00:00'))).toBeNull();
    expect(reopensAt(venue(), service(), queue({}), at('2026-11-25T10:00:00'))).toBeNull();
  });
  it('says today, tomorrow or the weekday, in the venue time zone', () => {
    const now = at('2026-11-25T23:30:00');
    expect(describeWhen(at('2026-11-25T23:50:00'), now, TZ)).toEqual({ kind: 'today', time: '23:50' });
    expect(describeWhen(at('2026-11-26T08:00:00'), now, TZ)).toEqual({ kind: 'tomorrow', time: '08:00' });
    expect(describeWhen(at('2026-11-30T08:00:00'), now, TZ)).toEqual({ kind: 'weekday', weekday: 'mon', time: '08:00' });
  });
});

describe('week summary', () => {
  it('merges days in a row with equal hours and skips closed days', () => {
    expect(weekSummary(WEEK)).toEqual([
      { from: 'mon', to: 'thu', open: '08:00', close: '15:00' },
      { from: 'fri', to: 'fri', open: '08:00', close: '15:30' },
    ]);
    expect(weekSummary({ mon: DAY, wed: DAY })).toEqual([
      { from: 'mon', to: 'mon', open: '08:00', close: '15:00' },
      { from: 'wed', to: 'wed', open: '08:00', close: '15:00' },
    ]);
  });
});
