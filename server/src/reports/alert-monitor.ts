import type { AlertRecord, AlertsLive } from '../contract/alert-records.js';
import type { Ticket } from '../contract/domain.js';
import { AntreError } from '../contract/errors.js';
import type { Alert } from '../contract/reports.js';
import type { Logger } from 'pino';
import type { AuthService } from '../auth/auth-service.js';
import type { PrintService } from '../printing/print-service.js';
import type { QueueService } from '../queue/queue-service.js';
import type { AntreServer } from '../realtime/socket-types.js';
import { BOARD_UPDATE_MS } from '../realtime/timing.js';
import type { AlertStore } from '../store/alert-store.js';
import { computeAlerts } from './alerts.js';
import { computeDayAlerts, withOldest } from './day-alerts.js';

/**
 * Evaluates every alert rule on the server (the ticker calls it every few seconds, whatever page
 * is open), keeps each occurrence with its begin, acknowledgement and end, and pushes the live
 * list to supervisors. An alert is written down before anyone is told of it.
 */
/** What the monitor reads: the queue, staff and devices, printers, and where to log. */
export interface AlertSources {
  queue: QueueService;
  auth: AuthService;
  printing?: PrintService;
  log: Logger;
}

export class AlertMonitor {
  private lastPush = '';
  /** Evaluations and acknowledgements run one at a time: two at once could record one alert twice. */
  private chain: Promise<unknown> = Promise.resolve();
  private soon: NodeJS.Timeout | null = null;

  constructor(
    private readonly ctx: AlertSources,
    private readonly store: AlertStore,
    private readonly io: () => AntreServer | null,
  ) {}

  async start(): Promise<void> {
    await this.store.open(this.ctx.queue.day);
    // A command can start or end an alert (a counter closes on waiting visitors): look again soon, not at the next tick;
    // just after the boards' gathered update, so a supervisor sees the alert with the tiles that explain it.
    this.ctx.queue.on('changes', () => {
      if (this.soon) return;
      this.soon = setTimeout(() => {
        this.soon = null;
        this.evaluate(this.ctx.queue.clock()).catch((err) => this.ctx.log.error({ err }, 'alert evaluation'));
      }, BOARD_UPDATE_MS + 200);
      this.soon.unref();
    });
  }

  stop(): void {
    if (this.soon) clearTimeout(this.soon);
    this.soon = null;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Every alert that holds now, from the engine's state, the plan, devices and printers. */
  compute(now: number): Alert[] {
    const e = this.ctx.queue.engine;
    const queues = e.estimator.queues(now);
    const oldestOf = (serviceIds: readonly string[], priorityOnly = false): Ticket | null => {
      let best: Ticket | null = null;
      for (const sid of serviceIds) {
        const lines = e.state.linesOf(sid);
        for (const t of priorityOnly ? [lines.priority[0]] : [lines.priority[0], lines.regular[0]]) if (t && (!best || t.queuedAt < best.queuedAt)) best = t;
      }
      return best;
    };
    const names = new Map(this.ctx.auth.users().map((u) => [u.id, u.name]));
    const service = computeAlerts({ venue: e.venue, queues, counters: e.venue.counters.map((c) => e.estimator.publicCounter(c.id)), now }).map((a) => {
      const t = oldestOf([a.serviceId]);
      return { ...a, oldest: t ? { number: t.number, priority: t.priority, since: t.queuedAt } : null, message: withOldest(a.message, t, t ? 1 : 0) };
    });
    const day = computeDayAlerts({
      venue: e.venue,
      plan: e.plan(),
      counters: e.state.counters.values(),
      called: e.state.active.values(),
      queues,
      oldestOf,
      devices: this.ctx.auth.devices(now),
      printers: this.ctx.printing?.states().filter((p) => p.uri !== 'none') ?? [],
      userName: (id) => names.get(id) ?? null,
      now,
    });
    return [...service, ...day].sort((a, b) => rank(a) - rank(b) || b.minutes - a.minutes || a.id.localeCompare(b.id));
  }

  /** One evaluation: alerts that began are recorded, those that no longer hold are ended, then supervisors hear. */
  evaluate(now: number): Promise<void> {
    return this.serial(() => this.evaluateNow(now));
  }

  private async evaluateNow(now: number): Promise<void> {
    if (this.store.day !== this.ctx.queue.day) {
      const open = this.store.records().filter((r) => r.endedAt === null);
      if (open.length) await this.store.save(this.store.records().map((r) => (r.endedAt === null ? { ...r, endedAt: now } : r)));
      await this.store.open(this.ctx.queue.day);
    }
    const alerts = this.compute(now);
    const byKey = new Map(alerts.map((a) => [a.id, a]));
    const records = this.store.records().map((r) => (r.endedAt === null && !byKey.has(r.key) ? { ...r, endedAt: now } : r));
    const open = new Set(records.filter((r) => r.endedAt === null).map((r) => r.key));
    const begun: AlertRecord[] = alerts
      .filter((a) => !open.has(a.id))
      .map((a) => ({
        id: `${a.id}@${now}`,
        key: a.id,
        kind: a.kind,
        severity: a.severity,
        serviceId: a.serviceId,
        agencyId: a.agencyId,
        counterId: a.counterId ?? null,
        officer: a.officer ?? null,
        oldest: a.oldest ?? null,
        message: a.message,
        begunAt: now,
        endedAt: null,
        ackAt: null,
        ackBy: null,
        ackByName: null,
      }));
    const ended = records.some((r, i) => r !== this.store.records()[i]);
    if (begun.length || ended) await this.store.save([...records, ...begun]);
    this.push(
      now,
      alerts,
      begun.map((r) => r.id),
    );
  }

  /** A supervisor has seen the alert: who and when are kept with it. */
  ack(recordId: string, user: { id: string; name: string }, now: number): Promise<AlertRecord> {
    return this.serial(() => this.ackNow(recordId, user, now));
  }

  private async ackNow(recordId: string, user: { id: string; name: string }, now: number): Promise<AlertRecord> {
    const records = [...this.store.records()];
    const i = records.findIndex((r) => r.id === recordId);
    if (i < 0) throw new AntreError('ALERT_NOT_FOUND', { id: recordId });
    const r = records[i]!;
    if (r.ackAt !== null) return r;
    records[i] = { ...r, ackAt: now, ackBy: user.id, ackByName: user.name };
    await this.store.save(records);
    this.push(now, this.compute(now), []);
    return records[i]!;
  }

  /** The open alerts with their current wording (minutes grow while they last). */
  live(now: number, alerts = this.compute(now)): AlertsLive {
    const byKey = new Map(alerts.map((a) => [a.id, a]));
    const active = this.store
      .records()
      .filter((r) => r.endedAt === null)
      .map((r) => {
        const a = byKey.get(r.key);
        return a ? { ...r, message: a.message, oldest: a.oldest ?? null, officer: a.officer ?? r.officer } : r;
      });
    return { now, day: this.ctx.queue.day, active };
  }

  history(day: string): AlertRecord[] {
    return this.store.history(day);
  }

  private push(now: number, alerts: Alert[], begun: string[]): void {
    const live = this.live(now, alerts);
    const key = JSON.stringify(live.active);
    if (key === this.lastPush && !begun.length) return;
    this.lastPush = key;
    this.io()
      ?.to('supervisors')
      .emit('alerts', { ...live, begun });
  }
}

function rank(a: Alert): number {
  return a.severity === 'critical' ? 0 : 1;
}
