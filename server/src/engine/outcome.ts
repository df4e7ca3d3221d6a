import { AntreError } from '../contract/errors.js';
import type { FinishBody, VisitOutcome } from '../contract/plan.js';
import type { Service, Venue } from '../contract/venue.js';

/**
 * A visit's outcome checked against the service (its requirements, the agency referred to)
 * before anything changes; the missing requirements are kept as text, since the venue may change.
 */
export function visitOutcome(venue: Venue, svc: Service, ticketId: string, r: NonNullable<FinishBody>, now: number): VisitOutcome {
  const base: VisitOutcome = { ticketId, serviceId: svc.id, outcome: r.outcome, missing: [], agencyId: null, reason: null, at: now };
  if (r.outcome === 'berkas_tidak_lengkap') {
    const bad = r.missing.filter((i) => i >= svc.requirements.length);
    if (bad.length)
      throw new AntreError(
        'INVALID_INPUT',
        { missing: bad },
        { id: 'Persyaratan itu tidak ada pada layanan ini.', en: 'That requirement is not one of the service.' },
      );
    base.missing = [...new Set(r.missing)].sort((a, b) => a - b).map((i) => svc.requirements[i]!);
  }
  if (r.outcome === 'dirujuk') {
    if (!venue.agencies.some((a) => a.id === r.agencyId)) throw new AntreError('AGENCY_NOT_FOUND', { agencyId: r.agencyId });
    base.agencyId = r.agencyId;
    base.reason = r.note ?? null;
  }
  if (r.outcome === 'ditolak') base.reason = r.reason;
  return base;
}
