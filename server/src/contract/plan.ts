import { z } from 'zod';

/** A supervisor's word on an agency for one day: absent (with a reason) or arriving late. */
export interface AgencyDayState {
  agencyId: string;
  status: 'present' | 'absent' | 'late';
  /** Shown on the kiosk when absent ("Petugas dinas luar"); a note when late. */
  reason: string | null;
  /** Late: epoch ms the agency expects to start. */
  from: number | null;
  userId: string | null;
  at: number;
}

/** POST /api/agencies/:id/day: absent needs a reason, late a start time (HH:MM, local). */
export const agencyDayBody = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('present') }),
  z.strictObject({ status: z.literal('absent'), reason: z.string().trim().min(1).max(200) }),
  z.strictObject({
    status: z.literal('late'),
    from: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM (24 h), e.g. "09:30"'),
    reason: z.string().trim().min(1).max(200).optional(),
  }),
]);
export type AgencyDayBody = z.infer<typeof agencyDayBody>;

/** One counter the day's plan expects staffed, from when to when. */
export interface PlannedCounter {
  counterId: string;
  agencyId: string;
  /** Username of the rostered officer, when the roster names one. */
  officer: string | null;
  from: number;
  until: number;
}

/** Whether and from when a service will be served today. */
export interface ServicePlan {
  serviceId: string;
  agencyId: string;
  /** planned: rostered counters today; absent: the agency is marked absent; unplanned: no roster (counters open by hand); closed: not a working day. */
  status: 'planned' | 'absent' | 'unplanned' | 'closed';
  /** Epoch ms service is expected to start (the first planned counter, or the agency's late start). */
  from: number | null;
  until: number | null;
  counterIds: string[];
  /** The absence reason, or the late note. */
  reason: string | null;
}

export interface AgencyPlan {
  agencyId: string;
  status: 'planned' | 'absent' | 'late' | 'unplanned' | 'closed';
  reason: string | null;
  from: number | null;
}

/** The day's plan: computed each morning from the roster, hours and the supervisor's marks. */
export interface DayPlan {
  day: string;
  agencies: AgencyPlan[];
  counters: PlannedCounter[];
  services: ServicePlan[];
}

/** How a visit ended at the desk: served, sent home for missing papers, referred elsewhere, or refused. */
export const VISIT_OUTCOMES = ['selesai', 'berkas_tidak_lengkap', 'dirujuk', 'ditolak'] as const;
export type VisitOutcomeKind = (typeof VISIT_OUTCOMES)[number];

/** POST /api/counters/:id/finish body (optional: no body, or `{}`, is "selesai"). */
export const finishBody = z
  .union([
    z.strictObject({}).transform(() => undefined),
    z.discriminatedUnion('outcome', [
      z.strictObject({ outcome: z.literal('selesai') }),
      /** `missing`: indices into the service's requirements list. */
      z.strictObject({ outcome: z.literal('berkas_tidak_lengkap'), missing: z.array(z.number().int().min(0).max(19)).min(1).max(20) }),
      z.strictObject({
        outcome: z.literal('dirujuk'),
        agencyId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/),
        note: z.string().trim().min(1).max(200).optional(),
      }),
      z.strictObject({ outcome: z.literal('ditolak'), reason: z.string().trim().min(1).max(200) }),
    ]),
  ])
  .optional();
export type FinishBody = z.infer<typeof finishBody>;

/** The outcome kept for a finished visit (the requirement texts are copied: the venue file may change later). */
export interface VisitOutcome {
  ticketId: string;
  serviceId: string;
  outcome: VisitOutcomeKind;
  missing: string[];
  agencyId: string | null;
  reason: string | null;
  at: number;
}
