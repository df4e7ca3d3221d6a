import { ADMIN_PASSWORD } from '../support/server-process.ts';
import type { ScreenScope, SoakVenue } from './venue.ts';

const now = () => performance.timeOrigin + performance.now();
const sleepUntil = async (t: number) => {
  while (now() < t) await new Promise((r) => setTimeout(r, Math.max(0, t - now() - 1)));
};

/** A small seeded generator (mulberry32): the same seed gives the same services, priorities and recalls. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every request of the run goes through here, so that no failed answer goes uncounted. */
export class Http {
  readonly errors = new Map<string, number>();
  errorCount = 0;
  readonly examples: string[] = [];

  constructor(readonly url: string) {}

  async call(method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: any }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    try {
      const r = await fetch(`${this.url}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30000),
      });
      return { status: r.status, body: await r.json().catch(() => null) };
    } catch (err) {
      return { status: 0, body: { error: { code: `NETWORK ${(err as Error).message}` } } };
    }
  }

  /** Counts an answer that is not the one wanted. */
  fail(op: string, r: { status: number; body: any }): void {
    const key = `${op} ${r.status} ${r.body?.error?.code ?? ''}`.trim();
    this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
    this.errorCount++;
    if (this.examples.length < 10) this.examples.push(`${key}: ${JSON.stringify(r.body).slice(0, 200)}`);
  }

  /** A set-up step that must work: its failure ends the run before the load starts. */
  async must(method: string, path: string, token: string | null, body: unknown, want: number): Promise<any> {
    const r = await this.call(method, path, token, body);
    if (r.status !== want) throw new Error(`set-up ${method} ${path} answered ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }
}

async function pool<T, R>(items: T[], width: number, fn: (x: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

export interface Actors {
  admin: string;
  kiosks: string[];
  screens: { token: string; scope: ScreenScope }[];
  /** Officer token per counter, index for index with the venue's counters. */
  officers: string[];
}

/**
 * The venue as an admin sets it up: kiosks and hall boards registered and paired with their
 * codes (each board its own device token), one officer account per counter, every counter opened.
 */
export async function setUp(http: Http, venue: SoakVenue, scopes: ScreenScope[]): Promise<Actors> {
  const admin = (await http.must('POST', '/api/auth/login', null, { username: 'admin', password: ADMIN_PASSWORD }, 200)).token as string;
  const device = async (body: object) => {
    const created = await http.must('POST', '/api/devices', admin, body, 201);
    return (await http.must('POST', '/api/devices/pair', null, { code: created.code }, 200)).token as string;
  };
  const kiosks = pool(venue.kioskIds, 4, (ref) => device({ kind: 'kiosk', name: `Kios ${ref}`, ref }));
  const tokens = pool(scopes, 8, (s, i) =>
    device({
      kind: 'display',
      name: `Layar ${i + 1}`,
      ...(s.kind === 'floor' ? { floor: s.floor } : s.kind === 'zone' ? { ref: s.zoneId } : {}),
    }),
  );
  const password = 'soak-petugas-123';
  // Officers beside the devices: their password hashing runs on other threads than the writes.
  const officers = pool(venue.counterIds, 4, async (counterId, i) => {
    const username = `petugas-${i + 1}`;
    await http.must('POST', '/api/users', admin, { username, name: `Petugas ${i + 1}`, password, role: 'officer', counterIds: [counterId] }, 201);
    const token = (await http.must('POST', '/api/auth/login', null, { username, password }, 200)).token as string;
    await http.must('POST', `/api/counters/${counterId}/status`, token, { status: 'open' }, 200);
    return token;
  });
  const [k, t, o] = await Promise.all([kiosks, tokens, officers]);
  return { admin, kiosks: k, screens: scopes.map((scope, i) => ({ token: t[i]!, scope })), officers: o };
}

export interface LoadOptions {
  seconds: number;
  ticketsPerS: number;
  callsPerS: number;
  seed: number;
  /** Share of calls recalled once before the visitor comes (a recall is a call event too). */
  recallShare: number;
}

/** What the load generator did and saw; the calls keep their send time for the latency. */
export class Load {
  issued = 0;
  backlog = 0;
  readonly issueMs: number[] = [];
  readonly callNextMs: number[] = [];
  /** Call id (as in the `call` event) -> when its command was sent. */
  readonly calls = new Map<string, number>();
  /** Call id -> the counter that called. */
  readonly callCounter = new Map<string, string>();
  callNexts = 0;
  recalls = 0;
  queueEmpty = 0;
  /** How late tickets were sent against their schedule (ms): the generator's own health (open loop). */
  ticketLag = 0;
  /** How late an officer pressed "next" against the schedule (ms): waiting for slow answers to earlier steps. */
  counterLag = 0;
  private inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly http: Http,
    private readonly venue: SoakVenue,
    private readonly actors: Actors,
    private readonly opts: LoadOptions,
  ) {}

  private track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
    return p;
  }

  private async issue(kiosk: string, serviceId: string, priority: string | null): Promise<boolean> {
    const t0 = now();
    const r = await this.http.call('POST', '/api/tickets', kiosk, priority ? { serviceId, priority } : { serviceId });
    if (r.status !== 201) {
      this.http.fail('issue', r);
      return false;
    }
    this.issueMs.push(now() - t0);
    this.issued++;
    return true;
  }

  /** Tickets before the clock starts, two per counter, so that no counter meets an empty line. */
  async fillBacklog(): Promise<void> {
    const rnd = prng(this.opts.seed ^ 0x5eed);
    const n = this.venue.counterIds.length * 2;
    await pool(
      Array.from({ length: n }, (_, i) => i),
      8,
      async (i) => {
        if (
          await this.issue(this.actors.kiosks[i % this.actors.kiosks.length]!, this.venue.serviceIds[Math.floor(rnd() * this.venue.serviceIds.length)]!, null)
        )
          this.backlog++;
      },
    );
    this.issued = 0;
    this.issueMs.length = 0;
  }

  /** Runs both schedules for the configured time and waits for every answer. */
  async run(start: number): Promise<void> {
    await this.stretch(start, start + this.opts.seconds * 1000, 0);
  }

  /** Runs both schedules from `start` to `end` (one stretch of an alternating run; `n` varies the seed) and waits for every answer. */
  async stretch(start: number, end: number, n: number): Promise<void> {
    await Promise.all([this.tickets(start, end, n), ...this.venue.counterIds.map((_, ci) => this.counter(ci, start, end, n))]);
    await Promise.all([...this.inFlight]);
  }

  /** Open loop: ticket i is sent at start + i / rate whatever the earlier answers are doing. */
  private async tickets(start: number, end: number, n = 0): Promise<void> {
    const rnd = prng(this.opts.seed + n * 7919);
    const { kiosks } = this.actors;
    for (let i = 0; ; i++) {
      const due = start + (i * 1000) / this.opts.ticketsPerS;
      if (due >= end) return;
      const serviceId = this.venue.serviceIds[Math.floor(rnd() * this.venue.serviceIds.length)]!;
      const priority = rnd() < 0.05 ? 'lansia' : null;
      await sleepUntil(due);
      this.ticketLag = Math.max(this.ticketLag, now() - due);
      void this.track(this.issue(kiosks[i % kiosks.length]!, serviceId, priority));
    }
  }

  /**
   * One officer: call slots are spread evenly over the counters (counter ci owns slots ci,
   * ci + n, ...); in each period the officer calls, sometimes recalls, starts and finishes.
   */
  private async counter(ci: number, start: number, end: number, stretch = 0): Promise<void> {
    const rnd = prng(this.opts.seed + 1000 + ci + stretch * 7919);
    const n = this.venue.counterIds.length;
    const id = this.venue.counterIds[ci]!;
    const token = this.actors.officers[ci]!;
    const period = (n * 1000) / this.opts.callsPerS;
    const act = async (action: string, want = 200) => {
      const r = await this.http.call('POST', `/api/counters/${id}/${action}`, token, {});
      if (r.status !== want) this.http.fail(action, r);
      return r;
    };
    for (let k = 0; ; k++) {
      const due = start + ((ci + k * n) * 1000) / this.opts.callsPerS;
      if (due >= end) return;
      const recall = rnd() < this.opts.recallShare;
      await sleepUntil(due);
      this.counterLag = Math.max(this.counterLag, now() - due);
      const t0 = now();
      const r = await this.track(this.http.call('POST', `/api/counters/${id}/call-next`, token, {}));
      this.callNexts++;
      if (r.status === 404 && r.body?.error?.code === 'QUEUE_EMPTY') {
        this.queueEmpty++;
        continue;
      }
      if (r.status !== 200) {
        this.http.fail('call-next', r);
        // An earlier "next" that timed out here was still carried out: finish that visitor as the officer would.
        if (r.body?.error?.code === 'COUNTER_BUSY') await this.track(act('finish'));
        continue;
      }
      this.callNextMs.push(now() - t0);
      this.calls.set(`${r.body.id}:0`, t0);
      this.callCounter.set(`${r.body.id}:0`, id);
      if (recall) {
        await sleepUntil(due + 0.15 * period);
        const t1 = now();
        const rr = await this.track(act('recall'));
        if (rr.status === 200) {
          this.recalls++;
          this.calls.set(`${rr.body.id}:${rr.body.recalls}`, t1);
          this.callCounter.set(`${rr.body.id}:${rr.body.recalls}`, id);
        }
      }
      await sleepUntil(due + 0.3 * period);
      await this.track(act('start'));
      await sleepUntil(due + 0.7 * period);
      await this.track(act('finish'));
    }
  }
}
