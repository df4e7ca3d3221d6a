import type { OutcomeRow } from '../contract/reports.js';
import type { Venue } from '../contract/venue.js';
import type { DayDoc } from '../engine/state.js';

/** Outcomes of finished visits per service over some days, so an agency learns which requirement sends people home. */
export function countOutcomes(venue: Venue, days: DayDoc[]): OutcomeRow[] {
  const rows = new Map<string, OutcomeRow & { counts: Map<string, number> }>();
  for (const d of days) {
    for (const o of d.outcomes ?? []) {
      let r = rows.get(o.serviceId);
      if (!r) {
        const svc = venue.services.find((s) => s.id === o.serviceId);
        rows.set(
          o.serviceId,
          (r = {
            serviceId: o.serviceId,
            label: svc?.name ?? o.serviceId,
            selesai: 0,
            berkas_tidak_lengkap: 0,
            dirujuk: 0,
            ditolak: 0,
            missing: [],
            counts: new Map(),
          }),
        );
      }
      r[o.outcome]++;
      for (const m of o.missing) r.counts.set(m, (r.counts.get(m) ?? 0) + 1);
    }
  }
  return [...rows.values()].map(({ counts, ...r }) => ({
    ...r,
    missing: [...counts.entries()]
      .map(([requirement, count]) => ({ requirement, count }))
      .sort((a, b) => b.count - a.count || a.requirement.localeCompare(b.requirement)),
  }));
}
