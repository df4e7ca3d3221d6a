/**
 * A small simulated site for the hub's tests and bench: a seeded service day turned into the
 * change feed a real site sends (tickets through their states, counters, survey answers,
 * accountability records), and a sender that behaves as the site's does: batches from what it
 * believes the hub's next sequence is, resending from `nextSeq` when the hub says so.
 */
import { Rng } from '../../../tests/sim/rng.ts';
import type { HubBatch, HubBatchAnswer, HubEvent, HubSiteLive } from '../../../server/src/contract/hub.ts';

const WITA_MS = 8 * 3600_000;
const MIN = 60_000;
const SERVICES = ['A', 'B', 'C', 'D'] as const;
const COUNTERS = ['c-1', 'c-2', 'c-3', 'c-4', 'c-5', 'c-6'];

/** Epoch ms of a WITA wall time on a service day. */
export function witaTime(day: string, hh: number, mm = 0): number {
  return Date.parse(`${day}T00:00:00Z`) - WITA_MS + hh * 3600_000 + mm * MIN;
}

type Pending = Omit<HubEvent, 'seq'>;

/** The whole day's changes in time order, from a seed (a `variant` relives it differently). */
export function dayEvents(day: string, seed: number, visitors: number, variant = ''): Pending[] {
  const rng = new Rng(seed);
  const out: Pending[] = [];
  const open = witaTime(day, 8);
  for (const c of COUNTERS)
    out.push({ at: open - MIN, day, kind: 'counter', key: `counter:${day}:${c}`, data: { counterId: c, status: 'open', since: open - MIN } });
  const numbers = new Map<string, number>();
  for (let i = 0; i < visitors; i++) {
    const service = rng.pick(SERVICES);
    const n = (numbers.get(service) ?? 0) + 1;
    numbers.set(service, n);
    const id = `t${variant}${i}`;
    const issuedAt = Math.round(open + rng.between(0, 6 * 60) * MIN);
    const base = {
      id,
      day,
      number: `${service}-${String(n).padStart(3, '0')}`,
      serviceId: service,
      issuedAt,
      queuedAt: issuedAt,
      calledAt: null as number | null,
      startedAt: null as number | null,
      finishedAt: null as number | null,
      counterId: null as string | null,
      transferredFrom: null as string | null,
      recalls: 0,
    };
    const key = `ticket:${day}:${id}`;
    out.push({ at: issuedAt, day, kind: 'ticket', key, data: { ...base, status: 'waiting' } });
    const calledAt = issuedAt + Math.round(rng.between(1, 40) * MIN);
    const counterId = rng.pick(COUNTERS);
    const called = { ...base, status: 'called', calledAt, counterId };
    out.push({ at: calledAt, day, kind: 'ticket', key, data: called });
    if (rng.chance(0.08)) {
      const at = calledAt + 3 * MIN;
      out.push({ at, day, kind: 'ticket', key, data: { ...called, status: 'no_show' } });
      out.push({
        at,
        day,
        kind: 'accountability',
        key: `acct:${day}:${id}:no-show`,
        data: { at, action: 'no_show', ticketId: id, counterId, userId: `officer-${counterId}` },
      });
      continue;
    }
    const startedAt = calledAt + MIN;
    out.push({ at: startedAt, day, kind: 'ticket', key, data: { ...called, status: 'serving', startedAt } });
    const finishedAt = startedAt + Math.round(rng.between(4, 15) * MIN);
    if (rng.chance(0.05)) {
      const to = `${id}x`;
      out.push({ at: finishedAt, day, kind: 'ticket', key, data: { ...called, status: 'transferred', startedAt, finishedAt } });
      out.push({
        at: finishedAt,
        day,
        kind: 'ticket',
        key: `ticket:${day}:${to}`,
        data: { ...base, id: to, status: 'waiting', issuedAt: finishedAt, transferredFrom: id },
      });
      out.push({
        at: finishedAt,
        day,
        kind: 'accountability',
        key: `acct:${day}:${id}:transfer`,
        data: { at: finishedAt, action: 'transfer', ticketId: id, counterId },
      });
      continue;
    }
    out.push({ at: finishedAt, day, kind: 'ticket', key, data: { ...called, status: 'done', startedAt, finishedAt } });
    if (rng.chance(0.3)) {
      const at = finishedAt + 2 * MIN;
      out.push({
        at,
        day,
        kind: 'survey',
        key: `survey:${day}:${id}`,
        data: { id: `s${id}`, ticketId: id, day, at, scores: Array.from({ length: 9 }, () => rng.int(2, 4)) },
      });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

export interface SimSiteOptions {
  siteId: string;
  credential: string;
  hubUrl: string;
  day: string;
  seed: number;
  visitors?: number;
  feedId?: string;
  /** Site clock minus true time, ms. */
  clockSkewMs?: number;
  /** Events per batch (the hub takes at most 1000). */
  batchSize?: number;
}

/** One simulated building: its feed log and its sender. */
export class SimSite {
  readonly log: HubEvent[] = [];
  /** Wall time (performance.now) each event entered the log, for the bench's lag. */
  readonly producedAt: number[] = [];
  private pending: Pending[];
  private cursor = 0;
  hubNext = 1;
  feedId: string;
  clockSkewMs: number;
  readonly answers: HubBatchAnswer[] = [];

  constructor(readonly o: SimSiteOptions) {
    this.pending = dayEvents(o.day, o.seed, o.visitors ?? 300);
    this.feedId = o.feedId ?? `feed-${o.siteId}-1`;
    this.clockSkewMs = o.clockSkewMs ?? 0;
  }

  /** Site time of the last change made so far. */
  get lastAt(): number {
    return this.log.at(-1)?.at ?? witaTime(this.o.day, 7);
  }

  get done(): boolean {
    return this.cursor >= this.pending.length;
  }

  get totalEvents(): number {
    return this.log.length + this.pending.length - this.cursor;
  }

  /** Makes the changes of the day up to site time `t` (the site works whether or not the hub answers). */
  workUntil(t: number): number {
    let n = 0;
    const wall = performance.now();
    while (this.cursor < this.pending.length && this.pending[this.cursor]!.at <= t) {
      this.log.push({ ...this.pending[this.cursor++]!, seq: this.log.length + 1 });
      this.producedAt.push(wall);
      n++;
    }
    return n;
  }

  /**
   * The site restored from a backup taken at `seq`: its log goes back there and the rest of its
   * day is lived again differently (other visitors), so the hub sees other content at sequences it has.
   */
  restoreFromBackup(seq: number, seed: number): void {
    const kept = this.log.slice(0, seq - 1);
    const from = kept.at(-1)?.at ?? 0;
    this.log.length = 0;
    this.log.push(...kept);
    this.producedAt.length = kept.length;
    this.pending = dayEvents(this.o.day, seed, this.o.visitors ?? 300, 'r').filter((e) => e.at > from);
    this.cursor = 0;
    this.hubNext = seq;
  }

  /** The live summary the site would send now. */
  live(): HubSiteLive {
    const tickets = new Map<string, { status: string }>();
    for (const e of this.log) if (e.kind === 'ticket') tickets.set(e.key, e.data as { status: string });
    const count = (s: string) => [...tickets.values()].filter((t) => t.status === s).length;
    return {
      day: this.o.day,
      waiting: count('waiting'),
      serving: count('serving') + count('called'),
      countersOpen: COUNTERS.length,
      countersTotal: COUNTERS.length,
      issued: tickets.size,
      served: count('done'),
      noShow: count('no_show'),
      medianWaitMinutes: null,
      alerts: [],
      counters: [],
    };
  }

  /** A batch from the hub's next sequence (at most `batchSize` events). */
  batch(now: number, fromSeq = this.hubNext): HubBatch {
    const events = this.log.slice(fromSeq - 1, fromSeq - 1 + (this.o.batchSize ?? 500));
    return { siteId: this.o.siteId, feedId: this.feedId, fromSeq, events, sentAt: now + this.clockSkewMs, configVersion: 0, live: this.live() };
  }

  /** Sends one batch; follows the hub's nextSeq on success and on a gap. */
  async sendOnce(now: number, batch = this.batch(now)): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.o.hubUrl}/hub/v1/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.o.credential}` },
      body: JSON.stringify(batch),
    });
    const body = res.status === 204 ? null : await res.json();
    if (res.status === 200) {
      this.answers.push(body);
      this.hubNext = body.nextSeq;
    } else if (res.status === 409 && typeof body?.nextSeq === 'number') this.hubNext = body.nextSeq;
    return { status: res.status, body };
  }

  /** Sends until the hub has everything the site made (or a refusal other than a gap). */
  async catchUp(now: number, maxRounds = 1000): Promise<void> {
    for (let i = 0; i < maxRounds; i++) {
      const { status, body } = await this.sendOnce(now);
      if (status !== 200 && status !== 409) throw new Error(`hub refused: ${status} ${JSON.stringify(body)}`);
      if (status === 200 && this.hubNext > this.log.length) return;
    }
    throw new Error('did not catch up');
  }

  /** The latest state per key the site's log holds (what the hub must hold for it). */
  latestByKey(): Map<string, HubEvent> {
    const m = new Map<string, HubEvent>();
    for (const e of this.log) m.set(`${e.day}|${e.key}`, e);
    return m;
  }
}
