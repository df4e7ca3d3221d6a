import { EventEmitter } from 'node:events';
import type { Ticket } from '../contract/domain.js';
import { authorize } from '../policy/policy.js';
import { AntreError } from '../contract/errors.js';
import type { SubmitSurveyBody, SurveyRecord, SurveyTicketState, SurveyVisit } from '../contract/survey.js';
import type { Principal } from '../auth/auth-service.js';
import { newId } from '../auth/secrets.js';
import type { QueueService } from '../queue/queue-service.js';
import type { DeviceRecord } from '../store/staff-store.js';
import type { SurveyStore } from '../store/survey-store.js';

/** A tablet offers visits finished this recently; older ones are left to the visitor's phone. */
export const TABLET_WINDOW_MS = 15 * 60000;

/** Where a survey tablet stands: one counter, one agency, one floor or the whole building. */
export type SurveyScope = { kind: 'counter'; id: string } | { kind: 'agency'; id: string } | { kind: 'floor'; floor: number } | { kind: 'all' };

/** The visit a survey answers for, as any visitor-facing screen may see it. */
export function visitOf(t: Ticket, floorOf: (counterId: string | null, serviceId: string) => number): SurveyVisit {
  return {
    ticketId: t.id,
    number: t.number,
    serviceId: t.serviceId,
    agencyId: t.agencyId,
    counterId: t.counterId,
    floor: floorOf(t.counterId, t.serviceId),
    finishedAt: t.finishedAt ?? 0,
  };
}

/** The SKM's rules over the queue and the survey store: who may answer what, and when. */
export class SurveyService extends EventEmitter<{ answered: [SurveyRecord] }> {
  constructor(
    private readonly queue: QueueService,
    readonly store: SurveyStore,
  ) {
    super();
  }

  /** The floor a visit happened on: its counter's, else its agency's. */
  readonly floorOf = (counterId: string | null, serviceId: string): number => {
    const v = this.queue.venue;
    const c = counterId ? v.counters.find((x) => x.id === counterId) : undefined;
    if (c) return c.floor;
    const s = v.services.find((x) => x.id === serviceId);
    return v.agencies.find((a) => a.id === s?.agencyId)?.floor ?? v.floors[0]?.number ?? 1;
  };

  scopeOf(device: DeviceRecord): SurveyScope {
    const v = this.queue.venue;
    if (device.ref && v.counters.some((c) => c.id === device.ref)) return { kind: 'counter', id: device.ref };
    if (device.ref && v.agencies.some((a) => a.id === device.ref)) return { kind: 'agency', id: device.ref };
    if (device.floor !== null) return { kind: 'floor', floor: device.floor };
    return { kind: 'all' };
  }

  inScope(scope: SurveyScope, visit: SurveyVisit): boolean {
    switch (scope.kind) {
      case 'counter':
        return visit.counterId === scope.id;
      case 'agency':
        return visit.agencyId === scope.id;
      case 'floor':
        return visit.floor === scope.floor;
      case 'all':
        return true;
    }
  }

  /** Socket rooms a survey tablet listens in, and the rooms a finished visit is pushed to. */
  static roomOf(scope: SurveyScope): string {
    return scope.kind === 'counter'
      ? `survey:counter:${scope.id}`
      : scope.kind === 'agency'
        ? `survey:agency:${scope.id}`
        : scope.kind === 'floor'
          ? `survey:floor:${scope.floor}`
          : 'survey:all';
  }

  static roomsFor(visit: SurveyVisit): string[] {
    const rooms = [`survey:agency:${visit.agencyId}`, `survey:floor:${visit.floor}`, 'survey:all'];
    if (visit.counterId) rooms.push(`survey:counter:${visit.counterId}`);
    return rooms;
  }

  /** Whether the visitor's page may show the survey for this ticket now. */
  ticketState(ticketId: string): SurveyTicketState {
    const t = this.queue.engine.state.tickets.get(ticketId);
    if (!t) {
      if (this.store.has(ticketId)) return { state: 'answered', visit: null };
      throw new AntreError('TICKET_NOT_FOUND');
    }
    const visit = t.status === 'done' ? visitOf(t, this.floorOf) : null;
    if (this.store.has(ticketId)) return { state: 'answered', visit };
    if (t.day !== this.queue.day) return { state: 'expired', visit };
    return { state: t.status === 'done' ? 'open' : 'not_finished', visit };
  }

  /** Visits finished within the tablet's window in its scope and not yet answered, newest first. */
  pendingFor(device: DeviceRecord, now: number): SurveyVisit[] {
    const scope = this.scopeOf(device);
    const out: SurveyVisit[] = [];
    for (const t of this.queue.engine.state.tickets.values()) {
      if (t.status !== 'done' || (t.finishedAt ?? 0) < now - TABLET_WINDOW_MS || this.store.has(t.id)) continue;
      const v = visitOf(t, this.floorOf);
      if (this.inScope(scope, v)) out.push(v);
    }
    return out.sort((a, b) => b.finishedAt - a.finishedAt).slice(0, 10);
  }

  /**
   * Records one visitor's answer. Only for a visit finished today, once per ticket; from the
   * visitor's own page (no token) or a survey tablet standing where the visit was served. Staff
   * never answer for a visitor, and other screens may not answer at all.
   */
  async submit(body: SubmitSurveyBody, p: Principal | null, now: number): Promise<SurveyRecord> {
    authorize(p, 'survey.answer');
    const t = this.queue.engine.state.tickets.get(body.ticketId);
    if (!t) throw new AntreError(this.store.has(body.ticketId) ? 'SURVEY_ALREADY_ANSWERED' : 'TICKET_NOT_FOUND');
    if (this.store.has(t.id)) throw new AntreError('SURVEY_ALREADY_ANSWERED');
    if (t.day !== this.queue.day) throw new AntreError('SURVEY_EXPIRED');
    if (t.status !== 'done') throw new AntreError('SURVEY_NOT_FINISHED', { status: t.status });
    const visit = visitOf(t, this.floorOf);
    if (p?.kind === 'device' && !this.inScope(this.scopeOf(p.device), visit)) throw new AntreError('SURVEY_NOT_HERE');
    const firstCall = t.history.find((h) => h.action === 'called')?.at ?? t.calledAt;
    const record: SurveyRecord = {
      v: 1,
      id: newId(9),
      ticketId: t.id,
      day: t.day,
      at: now,
      agencyId: t.agencyId,
      serviceId: t.serviceId,
      counterId: t.counterId,
      officerId: t.userId,
      floor: visit.floor,
      waitMinutes: firstCall ? Math.round((firstCall - t.issuedAt) / 6000) / 10 : null,
      scores: body.scores,
      comment: body.comment ?? null,
      profile: {
        sex: body.profile?.sex ?? null,
        age: body.profile?.age ?? null,
        education: body.profile?.education ?? null,
        occupation: body.profile?.occupation ?? null,
      } as SurveyRecord['profile'],
      channel: p?.kind === 'device' ? 'tablet' : 'phone',
      deviceId: p?.kind === 'device' ? p.device.id : null,
    };
    await this.store.add(record);
    this.emit('answered', record);
    return record;
  }
}
