import type { Ticket, Venue } from '@antre/server/contract';
import type { Agenda, Officer, SimEvent } from './agents.ts';
import { errorCode, type ApiResult } from './api.ts';
import type { Ledger } from './ledger.ts';
import type { Rng } from './rng.ts';
import type { DayTally } from './tally.ts';
import { SurveyVisitors } from './survey-visitors.ts';

/** What the officers need of the running day. */
export interface Floor {
  readonly venue: Venue;
  readonly ledger: Ledger;
  readonly rng: Rng;
  readonly agenda: Agenda;
  readonly tally: DayTally;
  readonly officers: Map<string, Officer>;
  readonly closedServices: Set<string>;
  at(hhmm: string): number;
  call(at: number, method: string, path: string, token: string | null, body?: unknown): Promise<ApiResult>;
  fail(problems: string[]): void;
}

/**
 * The officers at their counters: open, call the next visitor, wait for them or recall, serve,
 * hold, transfer, take the break, go home. Every answer is checked against the ledger.
 */
export class CounterWork {
  private skm: SurveyVisitors | null = null;

  constructor(private readonly r: Floor) {}

  /** The visitors' SKM answers, on their own seeded stream (the day's other draws do not move). */
  get surveys(): SurveyVisitors {
    return (this.skm ??= new SurveyVisitors(this.r.rng.fork('skm')));
  }

  /** Officers watching their console notice a new visitor after a few seconds. */
  wakeFor(at: number, serviceId: string): void {
    for (const o of this.r.officers.values()) {
      if (o.status !== 'open' || o.ticketId || o.waking || !o.plan.serviceIds.includes(serviceId)) continue;
      o.waking = true;
      this.r.agenda.add(at + this.r.rng.int(5, 30) * 1000, { kind: 'officer', counterId: o.plan.counterId, what: 'wake' });
    }
  }

  schedule(at: number, o: Officer, what: 'wake' | 'show' | 'recall' | 'finish' | 'hold'): void {
    this.r.agenda.add(at, { kind: 'officer', counterId: o.plan.counterId, what, epoch: o.epoch });
  }

  async command(at: number, o: Officer, action: string, body?: unknown): Promise<ApiResult> {
    const r = await this.r.call(at, 'POST', `/api/counters/${o.plan.counterId}/${action}`, o.token, body);
    const code = errorCode(r);
    if (code) this.r.fail([`${o.plan.counterId} ${action} refused: ${code} ${JSON.stringify(r.body?.error?.message?.en ?? '')}`]);
    return r;
  }

  async setStatus(at: number, o: Officer, status: 'open' | 'closed' | 'break', reason?: string, minutes?: number): Promise<void> {
    const body = status === 'break' ? { status, reason: reason ?? 'Istirahat', minutes: minutes ?? 60 } : { status };
    const r = await this.command(at, o, 'status', body);
    if (r.status === 200) o.status = status;
    o.epoch++;
  }

  /** One thing an officer does at a moment of the day. */
  async act(at: number, o: Officer, what: Extract<SimEvent, { kind: 'officer' }>['what']): Promise<void> {
    switch (what) {
      case 'open':
        await this.setStatus(at, o, 'open');
        this.schedule(at + 5000, o, 'wake');
        o.waking = true;
        return;
      case 'wake':
        return this.wake(at, o);
      case 'show': {
        const r = await this.command(at, o, 'start');
        if (r.status !== 200) return;
        this.r.fail(this.r.ledger.update(r.body as Ticket));
        const mine = this.r.ledger.get(o.ticketId!);
        // A visitor who forgot a document is put on hold a couple of minutes in.
        if (mine.visitor.hold && !mine.heldOnce) this.schedule(at + 2 * 60_000, o, 'hold');
        else this.schedule(at + mine.visitor.serviceMs, o, 'finish');
        return;
      }
      case 'hold':
        return this.hold(at, o);
      case 'recall':
        return this.recall(at, o);
      case 'finish':
        return this.finish(at, o);
      case 'break':
        o.wantsBreak = true;
        if (!o.ticketId && o.status === 'open') await this.goOnBreak(at, o);
        return;
      case 'back':
        o.wantsBreak = false;
        if (o.status !== 'break') return;
        await this.setStatus(at, o, 'open');
        o.waking = true;
        this.schedule(at + 2000, o, 'wake');
        return;
      case 'close':
        o.closing = true;
        if (o.status === 'open' && !o.ticketId && !o.waking) await this.wake(at, o);
        return;
      case 'leave':
        o.leaving = true;
        if (o.status !== 'closed' && !o.ticketId) await this.setStatus(at, o, 'closed');
        return;
    }
  }

  async goOnBreak(at: number, o: Officer): Promise<void> {
    const br = o.plan.hours.breaks.find((x) => at < this.r.at(x.end)) ?? o.plan.hours.breaks[0]!;
    const minutes = Math.max(1, Math.round((this.r.at(br.end) - at) / 60_000));
    await this.setStatus(at, o, 'break', br.reason ?? 'Istirahat', minutes);
    o.wantsBreak = false;
  }

  async wake(at: number, o: Officer): Promise<void> {
    o.waking = false;
    if (o.status !== 'open' || o.ticketId) return;
    if (o.wantsBreak) return this.goOnBreak(at, o);
    if (o.leaving) return this.setStatus(at, o, 'closed');
    if (!this.r.ledger.callable(o.plan.counterId, o.plan.serviceIds, at).length) {
      if (o.closing) await this.setStatus(at, o, 'closed');
      return;
    }
    const r = await this.command(at, o, 'call-next');
    if (r.status !== 200) return;
    const t = r.body as Ticket;
    this.r.fail(this.r.ledger.called(t, o.plan.counterId, o.plan.serviceIds));
    this.r.tally.called();
    o.ticketId = t.id;
    o.epoch++;
    const v = this.r.ledger.get(t.id).visitor;
    if (v.shows) this.schedule(at + v.walkMs, o, 'show');
    else this.schedule(at + 60_000, o, 'recall');
  }

  async recall(at: number, o: Officer): Promise<void> {
    const mine = this.r.ledger.get(o.ticketId!);
    if (mine.recalls < this.r.venue.settings.maxRecalls) {
      const r = await this.command(at, o, 'recall');
      if (r.status === 200) this.r.fail(this.r.ledger.update(r.body as Ticket));
      this.schedule(at + 60_000, o, 'recall');
      return;
    }
    const r = await this.command(at, o, 'no-show');
    if (r.status === 200) this.r.fail(this.r.ledger.update(r.body as Ticket));
    this.r.tally.noShow();
    await this.released(at, o);
  }

  async finish(at: number, o: Officer): Promise<void> {
    const mine = this.r.ledger.get(o.ticketId!);
    const to = mine.visitor.transferTo;
    if (to && !mine.transferredIn && !this.r.closedServices.has(to)) {
      const r = await this.command(at, o, 'transfer', { toServiceId: to });
      if (r.status === 200) {
        const moved = r.body as Ticket;
        mine.status = 'transferred';
        mine.finishedAt = at;
        this.r.fail(this.r.ledger.add(moved, { ...mine.visitor, serviceId: to, transferTo: null }, true));
        this.r.tally.transferred();
        this.wakeFor(at, to);
      }
    } else {
      const r = await this.command(at, o, 'finish');
      if (r.status === 200) this.r.fail(this.r.ledger.update(r.body as Ticket));
      this.r.tally.served(mine, at);
      const answer = r.status === 200 ? this.surveys.answerFor(r.body as Ticket, at) : null;
      if (answer) this.surveys.heard(answer.ticketId, await this.r.call(at, 'POST', '/api/surveys', null, answer));
    }
    await this.released(at, o);
  }

  async hold(at: number, o: Officer): Promise<void> {
    const mine = this.r.ledger.get(o.ticketId!);
    const r = await this.command(at, o, 'hold', { note: 'Dokumen belum lengkap' });
    if (r.status !== 200) return;
    this.r.fail(this.r.ledger.update(r.body as Ticket));
    mine.heldOnce = true;
    this.r.tally.held();
    const back = mine.visitor.hold?.backAfterMs;
    if (back) this.r.agenda.add(at + back, { kind: 'resume', counterId: o.plan.counterId, ticketId: mine.id });
    await this.released(at, o);
  }

  /** The visitor is back with the document: the officer puts the held ticket back, for this counter only. */
  async resume(at: number, o: Officer, ticketId: string): Promise<void> {
    if (o.status === 'closed') return; // the officer went home; the ticket stays held and expires at midnight
    const r = await this.command(at, o, 'resume', { ticketId });
    if (r.status !== 200) return;
    this.r.fail(this.r.ledger.update(r.body as Ticket));
    this.r.tally.resumed();
    this.wakeFor(at, this.r.ledger.get(ticketId).serviceId);
  }

  /** The counter is free again: a break, home time, or the next visitor after a short pause. */
  async released(at: number, o: Officer): Promise<void> {
    o.ticketId = null;
    o.epoch++;
    if (o.wantsBreak) return this.goOnBreak(at, o);
    if (o.leaving) return this.setStatus(at, o, 'closed');
    o.waking = true;
    this.schedule(at + this.r.rng.int(5, 20) * 1000, o, 'wake');
  }
}
