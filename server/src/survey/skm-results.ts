import type { Ticket } from '../contract/domain.js';
import { bandLabel, computeSkm, minimumSample } from '../contract/skm.js';
import { SKM_PROFILE, SKM_PROFILE_FIELDS, type SkmProfileField } from '../contract/skm-elements.js';
import {
  SURVEY_GROUPS,
  SURVEY_MIN_GROUP,
  type SurveyGroupBy,
  type SurveyGroupRow,
  type SurveyRecord,
  type SurveyResults,
  type SurveyResultsQuery,
} from '../contract/survey.js';
import type { Venue } from '../contract/venue.js';

export interface ResultsInput {
  venue: Venue;
  users: { id: string; name: string }[];
  query: SurveyResultsQuery;
  /** Answers of the query's days (any scope: filtered here). */
  records: readonly SurveyRecord[];
  /** Finished visits of the query's days (any scope): the population. */
  finished: Iterable<Ticket>;
  floorOf: (counterId: string | null, serviceId: string) => number;
  generatedAt: number;
}

/** Whether a visit (an answer or a finished ticket) falls in the query's scope. */
function inScope(
  q: SurveyResultsQuery,
  v: { agencyId: string; serviceId: string; counterId: string | null; officerId: string | null; floor: number },
): boolean {
  return (
    (!q.agencyId || v.agencyId === q.agencyId) &&
    (!q.serviceId || v.serviceId === q.serviceId) &&
    (!q.counterId || v.counterId === q.counterId) &&
    (!q.officerId || v.officerId === q.officerId) &&
    (q.floor === undefined || v.floor === q.floor)
  );
}

/** The SKM of one scope and period: the figures the annex asks for, the breakdowns, the chart's series. */
export function buildResults(input: ResultsInput): SurveyResults {
  const { venue: v, query: q } = input;
  const mine = input.records.filter((r) => r.day >= q.from && r.day <= q.to && inScope(q, r));
  let population = 0;
  for (const t of input.finished) {
    if (t.status === 'done' && t.day >= q.from && t.day <= q.to && inScope(q, { ...t, officerId: t.userId, floor: input.floorOf(t.counterId, t.serviceId) }))
      population++;
  }
  const skm = computeSkm(mine.map((r) => r.scores));
  const withheld = !!q.officerId && mine.length < SURVEY_MIN_GROUP;
  const minimum = minimumSample(population);
  const base: SurveyResults = {
    venueName: v.name,
    scopeLabel: scopeLabel(input),
    from: q.from,
    to: q.to,
    generatedAt: input.generatedAt,
    respondents: mine.length,
    population,
    minimumSample: minimum,
    sampleSufficient: mine.length >= minimum && mine.length > 0,
    withheld,
    elements: skm.elements,
    ikm: skm.ikm,
    converted: skm.converted,
    band: skm.band,
    bandLabel: skm.band ? bandLabel(skm.band) : null,
    weakest: skm.weakest,
    profile: profileOf(mine),
    comments: mine
      .filter((r) => r.comment)
      .map((r) => ({ day: r.day, at: r.at, serviceId: r.serviceId, counterId: r.counterId, text: r.comment! }))
      .sort((a, b) => b.at - a.at)
      .slice(0, 200),
    series: seriesOf(mine, q.from, q.to),
    groups: Object.fromEntries(SURVEY_GROUPS.map((g) => [g, groupRows(input, mine, g)])) as Record<SurveyGroupBy, SurveyGroupRow[]>,
  };
  if (!withheld) return base;
  // Too few answers about one officer: no figure that could point at a visitor.
  const empty = computeSkm([]);
  return {
    ...base,
    elements: empty.elements,
    ikm: null,
    converted: null,
    band: null,
    bandLabel: null,
    weakest: [],
    profile: profileOf([]),
    comments: [],
    series: [],
    groups: Object.fromEntries(SURVEY_GROUPS.map((g) => [g, []])) as unknown as Record<SurveyGroupBy, SurveyGroupRow[]>,
  };
}

function groupKey(r: SurveyRecord, by: SurveyGroupBy): string {
  switch (by) {
    case 'agency':
      return r.agencyId;
    case 'service':
      return r.serviceId;
    case 'counter':
      return r.counterId ?? '';
    case 'officer':
      return r.officerId ?? '';
    case 'floor':
      return String(r.floor);
  }
}

function groupRows(input: ResultsInput, mine: SurveyRecord[], by: SurveyGroupBy): SurveyGroupRow[] {
  const groups = new Map<string, SurveyRecord[]>();
  for (const r of mine) {
    const k = groupKey(r, by);
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return [...groups]
    .map(([key, list]) => {
      // Officers, and answers no officer can be named for, are shown only from the minimum on.
      const withheld = by === 'officer' && list.length < SURVEY_MIN_GROUP;
      const s = withheld ? null : computeSkm(list.map((r) => r.scores));
      return { key, label: labelOf(input, by, key), respondents: list.length, converted: s?.converted ?? null, band: s?.band ?? null, withheld };
    })
    .sort((a, b) => a.label.localeCompare(b.label, 'id'));
}

function labelOf(input: ResultsInput, by: SurveyGroupBy, key: string): string {
  const v = input.venue;
  switch (by) {
    case 'agency':
      return v.agencies.find((a) => a.id === key)?.name ?? key;
    case 'service':
      return v.services.find((s) => s.id === key)?.name ?? key;
    case 'counter':
      return v.counters.find((c) => c.id === key)?.name ?? (key || '-');
    case 'officer':
      return input.users.find((u) => u.id === key)?.name ?? (key || '-');
    case 'floor':
      return v.floors.find((f) => String(f.number) === key)?.name ?? key;
  }
}

function scopeLabel(input: ResultsInput): string {
  const q = input.query;
  const parts: string[] = [];
  if (q.floor !== undefined) parts.push(labelOf(input, 'floor', String(q.floor)));
  if (q.agencyId) parts.push(labelOf(input, 'agency', q.agencyId));
  if (q.serviceId) parts.push(labelOf(input, 'service', q.serviceId));
  if (q.counterId) parts.push(labelOf(input, 'counter', q.counterId));
  if (q.officerId) parts.push(labelOf(input, 'officer', q.officerId));
  return parts.length ? parts.join(' · ') : input.venue.name;
}

function profileOf(list: SurveyRecord[]): Record<SkmProfileField, Record<string, number>> {
  const out = Object.fromEntries(SKM_PROFILE_FIELDS.map((f) => [f, Object.fromEntries([...SKM_PROFILE[f], 'none'].map((k) => [k, 0]))])) as Record<
    SkmProfileField,
    Record<string, number>
  >;
  for (const r of list) for (const f of SKM_PROFILE_FIELDS) out[f][r.profile[f] ?? 'none']!++;
  return out;
}

/** Per day over short ranges, per month over long ones. */
function seriesOf(list: SurveyRecord[], from: string, to: string): SurveyResults['series'] {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000 + 1;
  const keyOf = (r: SurveyRecord) => (days > 62 ? r.day.slice(0, 7) : r.day);
  const groups = new Map<string, SurveyRecord[]>();
  for (const r of list) {
    const k = keyOf(r);
    const l = groups.get(k);
    if (l) l.push(r);
    else groups.set(k, [r]);
  }
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, l]) => ({ key, respondents: l.length, converted: computeSkm(l.map((r) => r.scores)).converted }));
}
