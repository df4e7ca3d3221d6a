import { Router } from 'express';
import { AntreError } from '../../contract/errors.js';
import { submitSurveyBody, surveyResultsQuery, SURVEY_MIN_GROUP, type SurveyPublicSummary, type SurveyResultsQuery } from '../../contract/survey.js';
import { computeSkm } from '../../contract/skm.js';
import type { AppContext } from '../../context.js';
import { authorize, authorizeCaller, authorizeStaff } from '../../policy/policy.js';
import { answersCsv, resultsCsv } from '../../survey/skm-csv.js';
import { buildResults } from '../../survey/skm-results.js';
import type { SurveyService } from '../../survey/survey-service.js';
import type { Ticket } from '../../contract/domain.js';
import { validate } from '../errors.js';
import { principalOf } from '../principal.js';
import { on } from '../route-map.js';

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const csvQuery = surveyResultsQuery;

/** The SKM's doors: visitors and survey tablets answer; supervisors read the results. */
export function surveyRoutes(ctx: AppContext, surveys: SurveyService): Router {
  const r = Router();
  const now = () => ctx.queue.clock();

  on(r, 'surveys.ticket', (req, res) => {
    if (!ID_RE.test(req.params.id)) throw new AntreError('TICKET_NOT_FOUND');
    res.json(surveys.ticketState(req.params.id));
  });
  on(r, 'surveys.submit', async (req, res) => {
    const p = principalOf(req, ctx);
    const body = validate(submitSurveyBody, req.body);
    const rec = await surveys.submit(body, p, now());
    ctx.log.info({ ticketId: rec.ticketId, channel: rec.channel, agencyId: rec.agencyId }, 'survey answered');
    res.status(201).json({ id: rec.id, ticketId: rec.ticketId });
  });
  on(r, 'surveys.pending', (req, res) => {
    const p = authorizeCaller(principalOf(req, ctx), 'survey.pending');
    if (p.kind !== 'device') throw new AntreError('FORBIDDEN');
    res.json({ visits: surveys.pendingFor(p.device, now()) });
  });
  on(r, 'surveys.results', (req, res) => {
    authorize(principalOf(req, ctx), 'report.read');
    res.json(results(ctx, surveys, validate(surveyResultsQuery, req.query)));
  });
  on(r, 'surveys.resultsCsv', (req, res) => {
    authorize(principalOf(req, ctx), 'report.read');
    const q = validate(csvQuery, req.query);
    res.attachment(`skm-${ctx.queue.venue.id}-${q.from}_${q.to}.csv`);
    res.type('text/csv; charset=utf-8').send(resultsCsv(results(ctx, surveys, q), q.by ?? 'agency'));
  });
  on(r, 'surveys.answersCsv', (req, res) => {
    authorize(principalOf(req, ctx), 'report.read');
    const q = validate(surveyResultsQuery, req.query);
    const res0 = results(ctx, surveys, q);
    if (res0.withheld) throw new AntreError('FORBIDDEN', { minimum: SURVEY_MIN_GROUP });
    const list = surveys.store
      .between(q.from, q.to)
      .filter(
        (a) =>
          (!q.agencyId || a.agencyId === q.agencyId) &&
          (!q.serviceId || a.serviceId === q.serviceId) &&
          (!q.counterId || a.counterId === q.counterId) &&
          (!q.officerId || a.officerId === q.officerId) &&
          (q.floor === undefined || a.floor === q.floor),
      );
    res.attachment(`skm-jawaban-${ctx.queue.venue.id}-${q.from}_${q.to}.csv`);
    res.type('text/csv; charset=utf-8').send(answersCsv(ctx.queue.venue, list));
  });
  on(r, 'surveys.mine', (req, res) => {
    // An officer sees their own aggregate only, and only from the minimum number of answers on.
    const u = authorizeStaff(principalOf(req, ctx), 'survey.mine');
    const q = validate(surveyResultsQuery, req.query);
    const mine = surveys.store.between(q.from, q.to).filter((a) => a.officerId === u.id);
    const enough = mine.length >= SURVEY_MIN_GROUP;
    const s = enough ? computeSkm(mine.map((a) => a.scores)) : null;
    res.json({
      respondents: mine.length,
      minimum: SURVEY_MIN_GROUP,
      converted: s?.converted ?? null,
      band: s?.band ?? null,
      elements: s?.elements.map((e) => ({ code: e.code, nrr: e.nrr })) ?? null,
    });
  });
  on(r, 'surveys.public', (_req, res) => {
    // Opt-in per venue: a building that has not chosen to publish answers 404.
    if (!ctx.queue.venue.settings.publishSurvey) throw new AntreError('NOT_FOUND');
    const month = ctx.queue.day.slice(0, 7);
    const list = surveys.store.between(`${month}-01`, `${month}-31`);
    const body: SurveyPublicSummary = {
      month,
      agencies: ctx.queue.venue.agencies
        .map((a) => {
          const mine = list.filter((x) => x.agencyId === a.id);
          const s = computeSkm(mine.map((x) => x.scores));
          return { agencyId: a.id, name: a.shortName ?? a.name, respondents: mine.length, converted: s.converted, band: s.band };
        })
        .filter((a) => a.respondents > 0),
    };
    res.json(body);
  });
  return r;
}

/** Answers and finished visits of the range, today's from memory, past days from their documents. */
function results(ctx: AppContext, surveys: SurveyService, q: SurveyResultsQuery) {
  const qs = ctx.queue;
  const days = new Set(qs.days().filter((d) => d >= q.from && d <= q.to));
  if (qs.day >= q.from && qs.day <= q.to) days.add(qs.day);
  const finished: Ticket[] = [];
  for (const d of days) {
    const doc = qs.readDay(d);
    if (doc) for (const t of doc.tickets) if (t.status === 'done') finished.push(t);
  }
  return buildResults({
    venue: qs.venue,
    users: ctx.auth.users(),
    query: q,
    records: surveys.store.between(q.from, q.to),
    finished,
    floorOf: surveys.floorOf,
    generatedAt: qs.clock(),
  });
}
