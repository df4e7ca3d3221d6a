import { describe, expect, it } from 'vitest';
import type { PublicDevice, Ticket } from '../contract/domain.js';
import { Engine } from '../engine/engine.js';
import { DayState } from '../engine/state.js';
import { seqIds, testVenue } from '../testing/builders.js';
import { wita } from '../testing/day-venue.js';
import { computeDayAlerts } from './day-alerts.js';

const DAY = '2026-11-25';

function setup() {
  const venue = testVenue({ settings: { calledNotStartedMinutes: 5, priorityWaitMinutes: 10, quotaLowShare: 0.34, deviceOfflineMinutes: 3 } });
  const e = new Engine(venue, DayState.fresh(venue, DAY, wita(DAY, '08:00')), { newId: seqIds() });
  for (const c of venue.counters) e.setCounterStatus(c.id, { status: 'open' }, { userId: 'u1' }, wita(DAY, '08:00'));
  const devices: PublicDevice[] = [];
  const alerts = (hhmm: string) => {
    const now = wita(DAY, hhmm);
    const oldestOf = (ids: readonly string[], priorityOnly = false): Ticket | null => {
      const all = ids
        .flatMap((s) => [e.state.linesOf(s).priority[0], priorityOnly ? undefined : e.state.linesOf(s).regular[0]])
        .filter((t): t is Ticket => !!t);
      return all.sort((a, b) => a.queuedAt - b.queuedAt)[0] ?? null;
    };
    return computeDayAlerts({
      venue,
      plan: e.plan(),
      counters: e.state.counters.values(),
      called: e.state.active.values(),
      queues: e.estimator.queues(now),
      oldestOf,
      devices,
      printers: [],
      userName: (id) => (id === 'u1' ? 'Andi' : null),
      now,
    });
  };
  const issue = (serviceId: string, hhmm: string, priority: 'lansia' | 'ibu_hamil' | null = null) =>
    e.issue({ serviceId, priority, source: { kind: 'kiosk', id: 'k' } }, wita(DAY, hhmm)).value;
  return { e, alerts, issue, devices };
}

describe('computeDayAlerts', () => {
  it('raises called_not_started with the counter, officer and visitor', () => {
    const s = setup();
    s.issue('ktp', '09:00', 'lansia');
    s.e.callNext('loket-1', { userId: 'u1' }, wita(DAY, '09:01'));
    expect(s.alerts('09:05').filter((a) => a.kind === 'called_not_started')).toEqual([]);
    const [a] = s.alerts('09:06').filter((x) => x.kind === 'called_not_started');
    expect(a).toMatchObject({ counterId: 'loket-1', officer: 'Andi', minutes: 5, oldest: { number: 'A-001', priority: 'lansia' } });
    expect(a!.message.id).toBe('Loket 1: A-001 (lansia) dipanggil 5 menit lalu, belum dilayani');
    s.e.start('loket-1', { userId: 'u1' }, wita(DAY, '09:07'));
    expect(s.alerts('09:08').filter((x) => x.kind === 'called_not_started')).toEqual([]);
  });

  it('raises priority_wait (critical) at the tighter limit, naming the visitor as pregnant', () => {
    const s = setup();
    s.issue('sertipikat', '09:00', 'ibu_hamil');
    expect(s.alerts('09:09').some((a) => a.kind === 'priority_wait')).toBe(false);
    const [a] = s.alerts('09:10').filter((x) => x.kind === 'priority_wait');
    expect(a).toMatchObject({ severity: 'critical', serviceId: 'sertipikat', oldest: { number: 'D-001', priority: 'ibu_hamil' } });
    expect(a!.message.en).toContain('(pregnant) has waited 10 min');
  });

  it('raises quota_low while the service still issues, and not once it is full', () => {
    const s = setup();
    s.issue('skck', '09:00');
    expect(s.alerts('09:01').some((a) => a.kind === 'quota_low')).toBe(false);
    s.issue('skck', '09:02');
    expect(s.alerts('09:03').find((a) => a.kind === 'quota_low')?.message.id).toBe('SKCK: kuota tinggal 1 dari 3');
    s.issue('skck', '09:04');
    expect(s.alerts('09:05').some((a) => a.kind === 'quota_low')).toBe(false);
  });

  it('raises device_offline for a paired kiosk or board unseen past the threshold', () => {
    const s = setup();
    s.devices.push({
      id: 'd1',
      kind: 'display',
      name: 'Layar Lantai 1',
      floor: 1,
      ref: null,
      paired: true,
      createdAt: 0,
      lastSeenAt: wita(DAY, '09:00'),
      online: false,
    });
    s.devices.push({
      id: 'd2',
      kind: 'kiosk',
      name: 'Kios 1',
      floor: 1,
      ref: 'kiosk-1',
      paired: true,
      createdAt: 0,
      lastSeenAt: wita(DAY, '09:00'),
      online: true,
    });
    expect(s.alerts('09:02').some((a) => a.kind === 'device_offline')).toBe(false);
    expect(
      s
        .alerts('09:03')
        .filter((a) => a.kind === 'device_offline')
        .map((a) => a.message.id),
    ).toEqual(['Layar Layar Lantai 1 tidak terhubung sejak 3 menit']);
  });
});
