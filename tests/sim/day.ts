import { addDays, localTime, nextMidnight, zonedTime, type Ticket, type Venue } from '@antre/server/contract';
import { ticketWindow } from '../../server/src/engine/hours.ts';
import { walkInQuota } from '../../server/src/engine/booked.ts';
import { bookAhead } from './bookings.ts';
import { Agenda, type Officer, type SimEvent } from './agents.ts';
import { errorCode, type Api, type ApiResult } from './api.ts';
import type { Building } from './setup.ts';
import { Ledger } from './ledger.ts';
import { CounterWork, type Floor } from './officers.ts';
import type { DayPlan, Visitor } from './plan.ts';
import type { Rng } from './rng.ts';
import type { SimServer } from './server-ctl.ts';
import { DayTally } from './tally.ts';

/** Counts of what was checked, for the report. */
export interface CheckCounts {
  steps: number;
  screenComparisons: number;
  ledgerComparisons: number;
  recounts: number;
}

/**
 * Plays service days against the running server through its public API, one event at a time
 * in simulated time, and checks after every step that the server, every screen and the ledger
 * agree. Violations are collected; the first one stops the run when `failFast` is set.
 */
export class DayRunner implements Floor {
  readonly ledger = new Ledger();
  readonly checks: CheckCounts = { steps: 0, screenComparisons: 0, ledgerComparisons: 0, recounts: 0 };
  readonly violations: string[] = [];
  readonly tallies: DayTally[] = [];
  /** Wall milliseconds spent moving the clock, in API calls and in checks (not part of the report). */
  readonly wall = { clock: 0, api: 0, check: 0 };
  private clockAt = 0;
  readonly officers = new Map<string, Officer>();
  agenda = new Agenda();
  private plan!: DayPlan;
  tally!: DayTally;
  private acted = false;
  readonly closedServices = new Set<string>();
  private readonly work = new CounterWork(this);
  /** Booking codes of today's visitors who booked, by visitor number. */
  private readonly bookingCodes = new Map<number, string>();

  /** The visitors' SKM answers so far. */
  get surveys() {
    return this.work.surveys;
  }

  constructor(
    readonly venue: Venue,
    private readonly server: SimServer,
    private readonly api: Api,
    private readonly b: Building,
    readonly rng: Rng,
    private readonly opts: { killAt: number[]; failFast: boolean; log: (line: string) => void },
  ) {}

  async playDay(plan: DayPlan): Promise<void> {
    this.plan = plan;
    this.tally = new DayTally(plan.day, plan.visitors.length, plan.closed?.agencyId ?? null, plan.lateCounterId);
    this.tallies.push(this.tally);
    this.closedServices.clear();
    this.officers.clear();
    this.agenda = new Agenda();
    const at = (hhmm: string) => this.at(hhmm);
    this.agenda.add(plan.start, { kind: 'supervisor', what: 'announce' });
    if (plan.closed) this.agenda.add(plan.closed.at, { kind: 'supervisor', what: 'close-agency' });
    for (const v of plan.visitors) this.agenda.add(v.at, { kind: 'arrive', visitor: v.n, attempt: 1 });
    for (const c of plan.counters) {
      this.officers.set(c.counterId, {
        plan: c,
        token: this.b.officers.get(c.counterId)!,
        status: 'closed',
        ticketId: null,
        waking: false,
        wantsBreak: false,
        closing: false,
        leaving: false,
        epoch: 0,
      });
      const ev = (what: Extract<SimEvent, { kind: 'officer' }>['what']) => ({ kind: 'officer' as const, counterId: c.counterId, what });
      this.agenda.add(at(c.hours.open) + c.openLateMin * 60_000, ev('open'));
      for (const br of c.hours.breaks) {
        this.agenda.add(at(br.start) + this.rng.int(0, 3) * 60_000, ev('break'));
        this.agenda.add(at(br.end) + c.backLateMin * 60_000, ev('back'));
        if (c.counterId === plan.lateCounterId) this.agenda.add(at(br.end) + 20 * 60_000, { kind: 'supervisor', what: 'check-alerts' });
      }
      this.agenda.add(at(c.hours.close), ev('close'));
      this.agenda.add(at(c.hours.close) + 20 * 60_000, ev('leave'));
    }
    for (const k of this.opts.killAt) if (k >= plan.start && k < plan.end) this.agenda.add(k, { kind: 'kill' });
    this.agenda.add(plan.end, { kind: 'day-end' });
    await bookAhead(this, plan, this.bookingCodes, this.clockAt);
    for (let item = this.agenda.next(); item; item = this.agenda.next()) {
      this.acted = false;
      await this.handle(item.at, item.ev);
      if (this.acted) await this.check(item.at);
      if (item.ev.kind === 'day-end') break;
    }
  }

  at(hhmm: string): number {
    return zonedTime(this.plan.day, hhmm, this.venue.timeZone);
  }

  private visitor(n: number): Visitor {
    return this.plan.visitors[n - 1]!;
  }

  fail(problems: string[]): void {
    if (!problems.length) return;
    this.violations.push(...problems);
    for (const p of problems) this.opts.log(`VIOLATION ${localTime(this.clockAt, this.venue.timeZone)} ${p}`);
    if (this.opts.failFast) throw new Error(`simulation invariant broken: ${problems.join('; ')}`);
  }

  private async moveClock(at: number): Promise<void> {
    const t0 = performance.now();
    if (at > this.clockAt) {
      await this.server.setClock(at);
      this.clockAt = at;
    }
    this.wall.clock += performance.now() - t0;
  }

  /** One server call at simulated time `at`: the clock moves first. */
  async call(at: number, method: string, path: string, token: string | null, body?: unknown): Promise<ApiResult> {
    await this.moveClock(at);
    this.acted = true;
    this.checks.steps++;
    const t0 = performance.now();
    const r = await this.api(method, path, token, body);
    this.wall.api += performance.now() - t0;
    // 507: the disk refused (a power-cut test's full disk); 503 SERVER_BUSY: the overload guard turned anonymous work away
    // (a busy machine). Both are honest refusals, nothing acknowledged; anything else 5xx is a fault.
    if (r.status >= 500 && r.status !== 507 && !(r.status === 503 && errorCode(r) === 'SERVER_BUSY'))
      this.fail([`${method} ${path} answered ${r.status}: ${JSON.stringify(r.body)}`]);
    return r;
  }

  private async handle(at: number, ev: SimEvent): Promise<void> {
    switch (ev.kind) {
      case 'arrive':
        return this.arrive(at, this.visitor(ev.visitor), ev.attempt);
      case 'officer': {
        const o = this.officers.get(ev.counterId)!;
        if (ev.epoch !== undefined && ev.epoch !== o.epoch) return;
        return this.work.act(at, o, ev.what);
      }
      case 'resume':
        return this.work.resume(at, this.officers.get(ev.counterId)!, ev.ticketId);
      case 'supervisor':
        return this.supervisor(at, ev.what);
      case 'slot':
        // An early booked visitor's slot has come: idle counters look again.
        return this.work.wakeFor(at, ev.serviceId);
      case 'kill':
        return this.kill(at);
      case 'day-end':
        return this.endDay(at);
    }
  }

  private async arrive(at: number, v: Visitor, attempt: number): Promise<void> {
    const code = this.bookingCodes.get(v.n);
    if (code) {
      this.bookingCodes.delete(v.n);
      const c = await this.call(at, 'POST', '/api/bookings/check-in', this.b.kiosks.get(v.floor)!, { code });
      const refused = errorCode(c);
      if (!refused) {
        this.fail(this.ledger.add(await this.ticket(c.body.id), v, false));
        this.tally.issued(v.agencyId);
        this.tally.booking('checkedIn');
        this.work.wakeFor(at, v.serviceId);
        if (c.body.booking.slotAt > at) this.agenda.add(c.body.booking.slotAt, { kind: 'slot', serviceId: v.serviceId });
        return;
      }
      if (refused === 'OUTSIDE_HOURS') {
        // Came before the doors open: checks in once they do.
        const w = ticketWindow(
          this.venue,
          this.venue.services.find((s) => s.id === v.serviceId)!,
          at,
        );
        if (w.opensAt && attempt < 3) {
          this.bookingCodes.set(v.n, code);
          this.agenda.add(w.opensAt + this.rng.int(0, 120) * 1000, { kind: 'arrive', visitor: v.n, attempt: attempt + 1 });
          return;
        }
      }
      // Past the window: told so, the visitor takes a walk-in ticket like anyone.
      if (refused === 'CHECKIN_TOO_LATE') this.tally.booking('late');
      else if (!['SERVICE_CLOSED', 'NO_COUNTER_OPEN', 'OUTSIDE_HOURS'].includes(refused)) this.fail([`check-in of ${code} refused with ${refused}`]);
    }
    const r = await this.call(at, 'POST', '/api/tickets', this.b.kiosks.get(v.floor)!, { serviceId: v.serviceId, priority: v.priority });
    const service = this.venue.services.find((s) => s.id === v.serviceId)!;
    const issuedHere = this.ledger.ofDay(this.plan.day).filter((t) => t.serviceId === v.serviceId && !t.transferredIn && !t.booked).length;
    const quota = walkInQuota(service);
    const code2 = errorCode(r);
    if (!code2) {
      const t = await this.ticket(r.body.id);
      this.fail(this.ledger.add(t, v, false));
      this.ledger.get(t.id).estimate = typeof r.body.estimatedWaitMinutes === 'number' ? r.body.estimatedWaitMinutes : null;
      this.tally.issued(v.agencyId);
      if (quota !== null && issuedHere >= quota) this.fail([`${t.number} issued beyond the walk-in quota of ${quota}`]);
      if (this.closedServices.has(v.serviceId)) this.fail([`${t.number} issued for ${v.serviceId}, closed today`]);
      this.work.wakeFor(at, v.serviceId);
      return;
    }
    this.tally.refused(code2);
    switch (code2) {
      case 'QUOTA_FULL':
        if (quota === null || issuedHere < quota) this.fail([`QUOTA_FULL for ${v.serviceId} after ${issuedHere} of ${quota ?? 'no'} walk-in quota`]);
        this.tally.quotaFull(v.serviceId, localTime(at, this.venue.timeZone));
        return;
      case 'SERVICE_CLOSED':
        if (!this.closedServices.has(v.serviceId)) this.fail([`SERVICE_CLOSED for ${v.serviceId}, which nobody closed`]);
        return;
      case 'OUTSIDE_HOURS': {
        // Early visitors wait at the door and come back when the service opens.
        const w = ticketWindow(this.venue, service, at);
        if (w.reason === 'before_hours' && w.opensAt && attempt < 3)
          this.agenda.add(w.opensAt + this.rng.int(0, 300) * 1000, { kind: 'arrive', visitor: v.n, attempt: attempt + 1 });
        return;
      }
      case 'NO_COUNTER_OPEN':
        if ([...this.officers.values()].some((o) => o.status === 'open' && o.plan.serviceIds.includes(v.serviceId)))
          this.fail([`NO_COUNTER_OPEN for ${v.serviceId} while a counter serving it is open`]);
        if (attempt < 4) this.agenda.add(at + this.rng.int(8, 20) * 60_000, { kind: 'arrive', visitor: v.n, attempt: attempt + 1 });
        return;
      default:
        this.fail([`ticket for ${v.serviceId} refused with ${code2}: ${JSON.stringify(r.body)}`]);
    }
  }

  /** The full ticket as staff see it (the kiosk's answer is the visitor's view). */
  private async ticket(id: string): Promise<Ticket> {
    const t = this.b.supervisorScreen.tickets.get(id);
    if (t) return t as Ticket; // a supervisor's screen holds whole records
    const r = await this.api('GET', '/api/tickets', this.b.supervisorToken);
    const found = (r.body.tickets as Ticket[]).find((x) => x.id === id);
    if (!found) throw new Error(`ticket ${id} was acknowledged but is not in the day's list`);
    return found;
  }

  private async supervisor(at: number, what: 'close-agency' | 'announce' | 'check-alerts'): Promise<void> {
    if (what === 'announce') {
      // The morning: staff log in again (yesterday's sessions ended overnight), then the announcement.
      await this.moveClock(at);
      await this.b.signIn();
      for (const o of this.officers.values()) o.token = this.b.officers.get(o.plan.counterId)!;
    }
    const token = this.b.supervisorToken;
    if (what === 'announce') {
      const text = `Selamat datang di MPP Kabupaten Luwu, ${this.plan.day}. Siapkan dokumen asli dan fotokopi sebelum dipanggil.`;
      const r = await this.call(at, 'PUT', '/api/announcements', token, { announcements: [text] });
      if (r.status !== 200) this.fail([`announcement refused: ${JSON.stringify(r.body)}`]);
      return;
    }
    if (what === 'close-agency') {
      const closed = this.plan.closed!;
      for (const s of this.venue.services.filter((x) => x.agencyId === closed.agencyId)) {
        const r = await this.call(at, 'POST', `/api/services/${s.id}/status`, token, { closedToday: true, reason: closed.reason });
        if (r.status !== 200) this.fail([`closing ${s.id} refused: ${JSON.stringify(r.body)}`]);
        else this.closedServices.add(s.id);
      }
      return;
    }
    // Twenty minutes after the break, one officer is still not back: is the supervisor told?
    const late = this.officers.get(this.plan.lateCounterId);
    if (!late) return;
    const r = await this.call(at, 'GET', '/api/alerts', token);
    const alerts = (r.body?.alerts ?? []) as { kind: string; serviceId: string }[];
    // Stranded: people wait, no counter of the service is open, and nobody was called for the idle limit.
    const idleMs = this.venue.settings.idleAlertMinutes * 60_000;
    const stranded = late.plan.serviceIds.filter((s) => {
      const waiting = this.ledger.waiting([s]);
      if (!waiting.length || [...this.officers.values()].some((o) => o.status === 'open' && o.plan.serviceIds.includes(s))) return false;
      const lastCall = Math.max(
        0,
        ...this.ledger
          .ofDay(this.plan.day)
          .filter((t) => t.serviceId === s && t.calledAt !== null)
          .map((t) => t.calledAt!),
      );
      const oldest = Math.min(...waiting.map((t) => t.issuedAt));
      return at - Math.max(lastCall, oldest) >= idleMs;
    });
    for (const s of stranded) {
      if (!alerts.some((a) => a.serviceId === s && (a.kind === 'idle_queue' || a.kind === 'waiting_no_counter')))
        this.fail([
          `visitors wait for ${s}, its officer is ${late.status} 20 min after the break and nobody was called for ${this.venue.settings.idleAlertMinutes} min, and the supervisor has no alert`,
        ]);
    }
    this.tally.alertCheck(late.status === 'break', stranded.length, alerts.filter((a) => stranded.includes(a.serviceId)).length);
  }

  /** A power cut: SIGKILL, start again, every screen must come back by itself, nothing acknowledged lost. */
  private async kill(at: number): Promise<void> {
    const before = this.b.screens.map((s) => s.snapshots);
    await this.server.kill();
    await this.server.start(this.clockAt);
    await Promise.all(this.b.screens.map((s, i) => s.ready(before[i]! + 1)));
    this.opts.log(`  ${localTime(at, this.venue.timeZone)} server killed (SIGKILL) and restarted; ${this.b.screens.length} screens back`);
    this.acted = true;
    await this.recount('after restart');
  }

  /** Every ticket of the day on the server against the ledger. */
  async recount(what: string): Promise<void> {
    const r = await this.api('GET', '/api/tickets', this.b.supervisorToken);
    this.checks.recounts++;
    this.fail(this.ledger.compare(this.plan.day, r.body.tickets as Ticket[], what));
  }

  private async endDay(at: number): Promise<void> {
    for (const o of this.officers.values()) {
      if (o.ticketId) {
        const mine = this.ledger.get(o.ticketId);
        const r = await this.work.command(at, o, mine.status === 'serving' ? 'finish' : 'no-show');
        if (r.status === 200) this.fail(this.ledger.update(r.body as Ticket));
        if (mine.status === 'done') this.tally.served(mine, at);
        else this.tally.noShow();
        o.ticketId = null;
      }
      if (o.status !== 'closed') await this.work.setStatus(at, o, 'closed');
    }
    await this.recount('end of day');
  }

  /** Midnight: the day rolls over, whoever still waits is expired, the server's report agrees with the ledger. */
  async rollover(): Promise<void> {
    const day = this.plan.day;
    const midnight = nextMidnight(this.clockAt, this.venue.timeZone) + 30_000;
    const newDay = await this.server.setClock(midnight);
    this.clockAt = midnight;
    if (newDay !== addDays(day, 1)) this.fail([`after midnight the server is on ${newDay}, not ${addDays(day, 1)}`]);
    this.tally.expired(this.ledger.expire(day));
    await this.check(midnight);
    const r = await this.api('GET', `/api/reports?from=${day}`, this.b.supervisorToken);
    this.fail(this.tally.compareWithServer(r.body?.total, this.ledger.ofDay(day)));
  }

  get clock(): number {
    return this.clockAt;
  }

  /** After every step: each screen shows exactly the server's state, and the server holds what the ledger expects. */
  async check(at: number): Promise<void> {
    const t0 = performance.now();
    // The clock is told again that it stands at `at`: the server sends the board update it is
    // gathering, as a moment of real time would, before the screens are compared.
    await this.server.setClock(this.clockAt);
    const results = await Promise.all(this.b.screens.map((s) => s.compare()));
    this.wall.check += performance.now() - t0;
    this.checks.screenComparisons += results.length;
    this.fail(results.flatMap((r) => r.diffs));
    const snap = results[this.b.screens.indexOf(this.b.supervisorScreen)]!.snapshot;
    const live = this.ledger.live(snap.day);
    this.checks.ledgerComparisons++;
    const problems: string[] = [];
    const server = new Map((snap.tickets ?? []).map((t) => [t.id, t]));
    for (const mine of live) {
      const s = server.get(mine.id);
      if (!s) problems.push(`live ticket ${mine.number} is not on the server`);
      else if (s.status !== mine.status || s.counterId !== mine.counterId)
        problems.push(`${mine.number}: server ${s.status}@${s.counterId}, expected ${mine.status}@${mine.counterId}`);
    }
    if (server.size !== live.length) problems.push(`server holds ${server.size} live tickets, the ledger ${live.length}`);
    this.fail(problems.map((p) => `${localTime(at, this.venue.timeZone)} ${p}`));
  }
}
