import type { AppContext } from '../context.js';
import { SurveyService, visitOf } from '../survey/survey-service.js';
import type { AntreServer } from './socket-types.js';

/**
 * Pushes each visit the moment it is finished (durably) to the survey tablets standing where it
 * was served, and tells them when its survey was answered, here or on the visitor's phone.
 */
export function attachSurveyPush(io: AntreServer, ctx: AppContext, surveys: SurveyService): void {
  ctx.queue.on('changes', (changes) => {
    for (const c of changes) {
      if (c.t !== 'ticket' || c.ticket.status !== 'done' || surveys.store.has(c.ticket.id)) continue;
      const visit = visitOf(c.ticket, surveys.floorOf);
      io.to(SurveyService.roomsFor(visit)).emit('surveyVisit', visit);
    }
  });
  surveys.on('answered', (r) => {
    const rooms = [`survey:agency:${r.agencyId}`, `survey:floor:${r.floor}`, 'survey:all'];
    if (r.counterId) rooms.push(`survey:counter:${r.counterId}`);
    io.to(rooms).emit('surveyClosed', { ticketId: r.ticketId });
  });
}
