import { describe, expect, it } from 'vitest';
import { describeRecord } from './accountability-list';

describe('an accountability record in a line', () => {
  it('reads a day row of a counter', () => {
    const row = {
      type: 'row',
      day: '2026-12-01',
      kind: 'counter',
      key: 'loket-1',
      label: 'Loket 1',
      calls: 30,
      served: 27,
      noShows: 2,
      lateOpenMinutes: 12,
      idleWhileWaitingMinutes: 0,
      alerts: 1,
    };
    expect(describeRecord(row, 'id')).toEqual({
      when: '2026-12-01',
      title: 'Loket · Loket 1',
      detail: '30 panggilan, 27 dilayani, 2 tidak hadir · buka telat 12 mnt · 1 peringatan',
    });
    expect(describeRecord(row, 'en').detail).toBe('30 calls, 27 served, 2 no-shows · opened 12 min late · 1 alert(s)');
  });
  it("reads an agency's attendance and a visit's outcome with the time in WITA", () => {
    const at = Date.UTC(2026, 11, 1, 0, 30); // 08:30 WITA
    expect(describeRecord({ type: 'agency', agencyId: 'samsat', status: 'absent', reason: 'Dinas luar', at }, 'id')).toEqual({
      when: '08:30',
      title: 'samsat · tidak hadir',
      detail: 'Dinas luar',
    });
    expect(
      describeRecord({ type: 'outcome', ticketId: 't1', serviceId: 'dukcapil-kk', outcome: 'incomplete', missing: ['KTP asli'], reason: null, at }, 'en'),
    ).toEqual({ when: '08:30', title: 'Visit outcome · incomplete', detail: 'dukcapil-kk · missing: KTP asli' });
  });
  it('shows an unknown kind by its plain fields rather than hiding it', () => {
    expect(describeRecord({ type: 'undo', by: 'supervisor', ticket: 'A-007', nested: { x: 1 } }, 'id')).toEqual({
      when: null,
      title: 'undo',
      detail: 'by: supervisor · ticket: A-007',
    });
    expect(describeRecord(null, 'id').title).toBe('—');
  });
});
