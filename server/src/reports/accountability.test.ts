import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../contract/alert-records.js';
import { Engine } from '../engine/engine.js';
import { DayState } from '../engine/state.js';
import { seqIds } from '../testing/builders.js';
import { dayVenue, wita } from '../testing/day-venue.js';
import { buildAccountability } from './accountability.js';
import { accountabilityCsv } from './accountability-csv.js';

const DAY = '2026-11-25';
const at = (hhmm: string) => wita(DAY, hhmm);

/** loket-1's day: opened 20 min late, idle 5 min while two waited, lunch overrun by 20 min, closed 30 min early. */
function playedDay() {
  const venue = dayVenue();
  const e = new Engine(venue, DayState.fresh(venue, DAY, at('07:00')), { newId: seqIds() });
  const u = { userId: 'u1' };
  const issue = (hhmm: string) => e.issue({ serviceId: 'ktp', source: { kind: 'kiosk', id: 'k' } }, at(hhmm));
  issue('08:05');
  issue('08:10');
  e.setCounterStatus('loket-1', { status: 'open' }, u, at('08:20'));
  e.callNext('loket-1', u, at('08:25'));
  e.start('loket-1', u, at('08:26'));
  e.finish('loket-1', u, at('08:35'));
  e.callNext('loket-1', u, at('08:35'));
  e.noShow('loket-1', u, at('08:40'));
  e.scheduledPauses(at('12:00'));
  e.setCounterStatus('loket-1', { status: 'open' }, u, at('13:20'));
  e.setCounterStatus('loket-1', { status: 'closed' }, u, at('14:30'));
  const alert: AlertRecord = {
    id: 'loket-1:break_overrun@1',
    key: 'loket-1:break_overrun',
    kind: 'break_overrun',
    severity: 'critical',
    serviceId: 'ktp',
    agencyId: 'dukcapil',
    counterId: 'loket-1',
    officer: 'Andi',
    oldest: null,
    message: { id: 'x', en: 'x' },
    begunAt: at('13:10'),
    endedAt: at('13:20'),
    ackAt: at('13:12'),
    ackBy: 's',
    ackByName: 'Kepala',
  };
  const users = [{ id: 'u1', username: 'petugas1', name: 'Andi', role: 'officer' as const, counterIds: ['loket-1'], disabled: false }];
  return buildAccountability({ venue, doc: e.state.toDoc(), plan: e.plan(), alerts: [alert], users, until: at('16:00'), generatedAt: at('16:00') });
}

describe('the accountability record', () => {
  it('gives each counter its planned and actual opening, breaks, idle time and calls', () => {
    const r = playedDay();
    const c = r.counters.find((x) => x.key === 'loket-1')!;
    expect(c).toMatchObject({
      plannedOpen: at('08:00'),
      actualOpen: at('08:20'),
      firstCall: at('08:25'),
      lateOpenMinutes: 20,
      earlyCloseMinutes: 30,
      breakMinutes: { Istirahat: 80 },
      idleWhileWaitingMinutes: 5,
      calls: 2,
      served: 1,
      noShows: 1,
      transfers: 0,
      longestWaitMinutes: 25,
      alerts: 1,
      alertsAcked: 1,
      with: ['Andi'],
    });
    // 08:20-12:00 and 13:20-14:30 open.
    expect(c.openMinutes).toBe(220 + 70);
    // loket-2 was planned from 08:30 and never opened: late all day long (to its planned end at 15:00).
    expect(r.counters.find((x) => x.key === 'loket-2')).toMatchObject({ actualOpen: null, lateOpenMinutes: 390 });
  });

  it('adds up per officer and per agency', () => {
    const r = playedDay();
    expect(r.officers).toEqual([
      expect.objectContaining({
        key: 'u1',
        label: 'Andi',
        served: 1,
        noShows: 1,
        calls: 2,
        breakMinutes: { Istirahat: 80 },
        idleWhileWaitingMinutes: 5,
        with: ['Loket 1'],
      }),
    ]);
    expect(r.agencies.find((a) => a.key === 'dukcapil')).toMatchObject({ served: 1, lateOpenMinutes: 410, alerts: 1, alertsAcked: 1 });
    expect(r.total).toMatchObject({ served: 1, alerts: 1 });
  });

  it('writes a CSV Indonesian Excel opens: BOM, sep=; line, semicolons, local times', () => {
    const csv = accountabilityCsv(playedDay());
    expect(csv.startsWith('\uFEFFsep=;\r\ntanggal;jenis;kode;nama;')).toBe(true);
    const line = csv.split('\r\n').find((l) => l.includes(';loket;loket-1;'))!;
    expect(line).toContain(';08:00;08:20;08:25;20;30;290;80;Istirahat 80;5;2;1;1;0;25;1;1');
  });
});
