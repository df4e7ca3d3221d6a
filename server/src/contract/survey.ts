import { z } from 'zod';
import type { LocalizedText } from './errors.js';
import type { SkmBand, SkmElementResult } from './skm.js';
import { SKM_PROFILE, type SkmElementCode, type SkmProfileField } from './skm-elements.js';

/** A finished visit a survey can be answered for: what the tablet and the phone page show (no staff names). */
export interface SurveyVisit {
  ticketId: string;
  number: string;
  serviceId: string;
  agencyId: string;
  counterId: string | null;
  floor: number;
  finishedAt: number;
}

/** GET /api/surveys/ticket/:id: whether the visitor's page may show the survey now. */
export interface SurveyTicketState {
  state: 'open' | 'answered' | 'not_finished' | 'expired';
  visit: SurveyVisit | null;
}

export type SurveyProfile = { [K in SkmProfileField]: (typeof SKM_PROFILE)[K][number] | null };

/** One visitor's answer as stored: tied to the visit's agency, service, counter and officer. */
export interface SurveyRecord {
  v: 1;
  id: string;
  ticketId: string;
  /** Service day (WITA) of the visit. */
  day: string;
  at: number;
  agencyId: string;
  serviceId: string;
  counterId: string | null;
  officerId: string | null;
  floor: number;
  /** Minutes from taking the ticket to the first call. */
  waitMinutes: number | null;
  scores: number[];
  comment: string | null;
  profile: SurveyProfile;
  channel: 'tablet' | 'phone';
  deviceId: string | null;
}

const score = z.number().int().min(1).max(4);
const profileField = <K extends SkmProfileField>(k: K) =>
  z
    .enum(SKM_PROFILE[k] as unknown as [string, ...string[]])
    .nullable()
    .optional();

/** POST /api/surveys: nine scores U1..U9, an optional comment and profile. */
export const submitSurveyBody = z.strictObject({
  ticketId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
  scores: z.array(score).length(9),
  comment: z
    .string()
    .trim()
    .max(500)
    .optional()
    .transform((c) => (c ? c : null)),
  profile: z
    .strictObject({ sex: profileField('sex'), age: profileField('age'), education: profileField('education'), occupation: profileField('occupation') })
    .optional(),
});
export type SubmitSurveyBody = z.infer<typeof submitSurveyBody>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const ref = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/** The groups a result can be broken down by. */
export const SURVEY_GROUPS = ['agency', 'service', 'counter', 'officer', 'floor'] as const;
export type SurveyGroupBy = (typeof SURVEY_GROUPS)[number];

/** GET /api/surveys/results: a date range and at most one of each scope. */
export const surveyResultsQuery = z
  .strictObject({
    from: day,
    to: day,
    agencyId: ref.optional(),
    serviceId: ref.optional(),
    counterId: ref.optional(),
    officerId: ref.optional(),
    floor: z.coerce.number().int().min(-5).max(50).optional(),
    by: z.enum(SURVEY_GROUPS).optional(),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to' });
export type SurveyResultsQuery = z.infer<typeof surveyResultsQuery>;

/** An officer's (or any small group's) figures are shown only from this many respondents on, so no visitor can be told apart. */
export const SURVEY_MIN_GROUP = 10;

export interface SurveyGroupRow {
  key: string;
  label: string;
  respondents: number;
  /** Null when withheld (officer under SURVEY_MIN_GROUP) or incomplete. */
  converted: number | null;
  band: SkmBand | null;
  withheld: boolean;
}

/** The SKM of a scope and period, as the supervisor pages, the CSV and the printed report show it. */
export interface SurveyResults {
  venueName: string;
  scopeLabel: string;
  from: string;
  to: string;
  generatedAt: number;
  respondents: number;
  /** Visits finished in the period and scope: the population the sample is drawn from. */
  population: number;
  minimumSample: number;
  sampleSufficient: boolean;
  /** True when the scope is one officer with fewer than SURVEY_MIN_GROUP respondents: nothing below is shown. */
  withheld: boolean;
  elements: SkmElementResult[];
  ikm: number | null;
  converted: number | null;
  band: SkmBand | null;
  bandLabel: LocalizedText | null;
  weakest: SkmElementCode[];
  profile: Record<SkmProfileField, Record<string, number>>;
  comments: { day: string; at: number; serviceId: string; counterId: string | null; text: string }[];
  /** Per day, or per month for a range over 62 days: for the chart. */
  series: { key: string; respondents: number; converted: number | null }[];
  groups: Record<SurveyGroupBy, SurveyGroupRow[]>;
}

/** GET /api/surveys/public: the opt-in summary for the hall board and the building's website. */
export interface SurveyPublicSummary {
  month: string;
  /** `name` is the agency's short name where it has one (a board tile has little room). */
  agencies: { agencyId: string; name: string; respondents: number; converted: number | null; band: SkmBand | null }[];
}
