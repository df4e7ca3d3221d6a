import { afterAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueService } from '../../server/src/queue/queue-service.ts';
import { useDisk } from '../../server/src/store/disk.ts';
import { seqIds, testVenue, TestClock } from '../../server/src/testing/builders.ts';
import type { Ticket } from '../../server/src/contract/domain.ts';
import { RecordingDisk, type LogEntry, type RecordingOptions } from './recording-disk.ts';
import { CrashModel, type CrashState } from './crash-model.ts';

// Power cuts, in the manner of ALICE (OSDI 2014) and LazyFS: record every disk operation the
// queue's stores make during a burst of concurrent commands, then rebuild every state of the data
// folder a power cut at any point may leave (only what was synced is sure; unsynced writes may be
// lost, kept or torn; directory changes not yet fsynced may or may not have happened), start the
// queue on each, and check that no answered ticket is lost and no refused one is back.

type TicketMark = { id: string; number: string; serviceId: string; day: string };
type Mark =
  { k: 'ticket'; t: TicketMark } | { k: 'call'; t: TicketMark } | { k: 'refused'; t: TicketMark | null } | { k: 'declined' } | { k: 'clock'; now: number };

const SERVICES = ['ktp', 'kk', 'sertipikat'];
const source = { kind: 'kiosk' as const, id: 'k' };
const venue = testVenue();
// At most this many states per crash point (spread over the choices); ANTRE_POWER_CUT_CAP=100000 tries them all (about 5x longer).
const CAP = Number(process.env.ANTRE_POWER_CUT_CAP ?? 48);
// The states are written to a RAM disk when there is one: the check opens thousands of them, and their own fsyncs prove nothing.
const scratch = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'antre-power-cut-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const mark = (t: Ticket): TicketMark => ({ id: t.id, number: t.number, serviceId: t.serviceId, day: t.day });
// 23:55:30 WITA: the burst runs over local midnight, so the day rolls over in the middle of it.
const START = Date.parse('2026-11-25T15:55:30Z');

/** Groups of concurrent tickets and calls, compaction every 7 commands, two journal writes that meet a full disk, and midnight. */
async function burst(opts: RecordingOptions): Promise<{ model: CrashModel; real: Map<string, Buffer> }> {
  const root = mkdtempSync(join(tmpdir(), 'antre-power-cut-run-'));
  const rec = new RecordingDisk<Mark>(opts);
  const prev = useDisk(rec);
  vi.useFakeTimers({ toFake: ['performance'] });
  try {
    const clock = new TestClock(START);
    rec.mark({ k: 'clock', now: clock.now() });
    const q = await QueueService.open({
      venue,
      daysDir: root,
      clock: clock.now,
      newId: seqIds('t'),
      openCountersOnNewDay: true,
      compactEvery: 7,
      onNotice: () => {},
    });
    const answer = (p: Promise<Ticket>, k: 'ticket' | 'call', tried: () => Ticket | null) =>
      p.then(
        (t) => rec.mark({ k, t: mark(t) }),
        (err: { code?: string }) => {
          if (err.code !== 'STORAGE_FAILED') return rec.mark({ k: 'declined' });
          const t = tried();
          rec.mark({ k: 'refused', t: k === 'ticket' && t ? mark(t) : null });
        },
      );
    const issue = (serviceId: string) => {
      let tried: Ticket | null = null;
      return answer(
        q.run((e, now) => {
          const out = e.issue({ serviceId, source }, now);
          tried = out.value;
          return out;
        }),
        'ticket',
        () => tried,
      );
    };
    const serve = (counterId: string) => [
      answer(
        q.run((e, now) => e.start(counterId, { userId: 'u' }, now)),
        'call',
        () => null,
      ),
      answer(
        q.run((e, now) => e.callNext(counterId, { userId: 'u' }, now)),
        'call',
        () => null,
      ),
    ];
    for (let g = 0; g < 12; g++) {
      rec.mark({ k: 'clock', now: clock.now() });
      // Two full disks: the first journal write of group 3 fails, then the second one from group 6 on.
      if (g === 3) rec.failWrite(/\.journal\.\d+$/);
      if (g === 6) rec.failWrite(/\.journal\.\d+$/, 1);
      // Commands arrive a turn apart, unawaited: some share a batch, others queue behind a write or a
      // compaction in flight. In the groups that meet a full disk they all arrive in the same turn.
      const together = g === 3 || g === 6;
      const commands = [
        ...Array.from({ length: 5 }, (_, i) => () => [issue(SERVICES[(g + i) % SERVICES.length]!)]),
        () => serve(g % 2 ? 'loket-1' : 'loket-2'),
        () => serve('loket-4'),
      ];
      const answers: Promise<void>[] = [];
      for (const send of commands) {
        answers.push(...send());
        if (!together) await new Promise((r) => setImmediate(r));
      }
      await Promise.all(answers);
      clock.advance(30_000);
      // The service tries the disk again at most every 100 ms (performance.now): let that pass without sleeping.
      vi.advanceTimersByTime(150);
    }
    await q.close();
    expect(rec.failedWrites).toBe(2);
    const real = new Map(readdirSync(root).map((f) => [f, readFileSync(join(root, f))]));
    return { model: new CrashModel(rec.log as LogEntry<unknown>[], root), real };
  } finally {
    vi.useRealTimers();
    useDisk(prev);
    rmSync(root, { recursive: true, force: true });
  }
}

interface Opened {
  error: string | null;
  /** Every ticket of every day in the folder. */
  tickets: Map<string, { number: string; serviceId: string; status: string; day: string }>;
  next: Ticket[];
}

let stateNo = 0;

/** Starts the queue on one crash state (with the real disk) at the time of the cut and takes one more ticket of each service. */
async function openState(state: CrashState, now: number): Promise<Opened> {
  const dir = join(scratch, `s${stateNo++}`);
  mkdirSync(dir);
  for (const [name, bytes] of state.files) writeFileSync(join(dir, name), bytes);
  try {
    const q = await QueueService.open({
      venue,
      daysDir: dir,
      clock: new TestClock(now).now,
      newId: seqIds('x'),
      openCountersOnNewDay: true,
      onNotice: () => {},
    });
    const all = q.days().flatMap((d) => q.readDay(d)?.tickets ?? []);
    const tickets = new Map(all.map((t) => [t.id, { number: t.number, serviceId: t.serviceId, status: t.status, day: t.day }]));
    const next: Ticket[] = [];
    for (const serviceId of SERVICES) next.push(await q.run((e, now) => e.issue({ serviceId, source }, now)));
    await q.close();
    return { error: null, tickets, next };
  } catch (err) {
    return { error: `${(err as Error).name}: ${(err as Error).message}`, tickets: new Map(), next: [] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every crash point of the run, every state the model allows there: what was broken, and how much was checked. */
async function check(model: CrashModel, stopAfter = Infinity) {
  const log = model.log as LogEntry<Mark>[];
  const opened = new Map<string, Opened>();
  const violations: string[] = [];
  const acked: Mark[] = [];
  const refused: TicketMark[] = [];
  let states = 0;
  let points = 0;
  let now = (log.find((e) => e.k === 'mark' && e.mark.k === 'clock') as { mark: { now: number } }).mark.now;
  for (let k = 0; k <= log.length && violations.length < stopAfter; k++, points++) {
    const prev = log[k - 1];
    if (prev?.k === 'mark') {
      if (prev.mark.k === 'ticket' || prev.mark.k === 'call') acked.push(prev.mark);
      if (prev.mark.k === 'refused' && prev.mark.t) refused.push(prev.mark.t);
      if (prev.mark.k === 'clock') now = prev.mark.now;
    }
    for (const state of model.statesAt(k, CAP)) {
      states++;
      let r = opened.get(`${now} ${state.key}`);
      if (!r) opened.set(`${now} ${state.key}`, (r = await openState(state, now)));
      const bad = (what: string) => violations.push(`${state.why}: ${what}`);
      if (r.error) {
        bad(`the queue did not start (${r.error})`);
        continue;
      }
      for (const a of acked) {
        if (a.k !== 'ticket' && a.k !== 'call') continue;
        const t = r.tickets.get(a.t.id);
        if (!t || t.number !== a.t.number) bad(`ticket ${a.t.number} (${a.t.id}) was answered before the cut and is ${t ? `now ${t.number}` : 'gone'}`);
        else if (a.k === 'call' && t.status === 'waiting') bad(`the call of ${a.t.number} was answered before the cut and is undone`);
      }
      for (const f of refused) if (r.tickets.has(f.id)) bad(`ticket ${f.number} (${f.id}) was refused before the cut and is back`);
      const used = new Map<string, Set<string>>();
      // Numbers are per service and day.
      for (const t of r.tickets.values()) {
        const set = used.get(`${t.day} ${t.serviceId}`) ?? new Set();
        if (set.has(t.number)) bad(`number ${t.number} of ${t.day} is held by two tickets`);
        used.set(`${t.day} ${t.serviceId}`, set.add(t.number));
      }
      for (const a of acked)
        if (a.k === 'ticket') used.set(`${a.t.day} ${a.t.serviceId}`, (used.get(`${a.t.day} ${a.t.serviceId}`) ?? new Set()).add(a.t.number));
      for (const n of r.next) if (used.get(`${n.day} ${n.serviceId}`)?.has(n.number)) bad(`the next ticket got ${n.number}, a number already given that day`);
    }
  }
  const marks = log.flatMap((e) => (e.k === 'mark' ? [e.mark] : []));
  const ops = log.filter((e) => e.k !== 'mark').length;
  const days = new Set(marks.flatMap((m) => (m.k === 'ticket' ? [m.t.day] : []))).size;
  return {
    violations,
    states,
    distinct: opened.size,
    ops,
    points,
    days,
    ackedTickets: marks.filter((m) => m.k === 'ticket').length,
    refused: marks.filter((m) => m.k === 'refused').length,
    refusedTickets: marks.filter((m) => m.k === 'refused' && m.t).length,
  };
}

function summary(r: Awaited<ReturnType<typeof check>>, verdict: string): string {
  return `power cut: ${r.states} crash states (${r.distinct} distinct) at ${r.points} crash points of ${r.ops} operations, ${r.ackedTickets} acked tickets over ${r.days} days, ${r.refused} refused: ${verdict}`;
}

describe('power cut at any point of a burst', () => {
  it('loses no answered ticket, brings back no refused one, reuses no number, and always starts', async () => {
    const { model, real } = await burst({});
    // The recording is faithful: replayed in full, it gives the folder the run left.
    expect(model.latest()).toEqual(real);
    const r = await check(model);
    console.log(summary(r, r.violations.length ? `${r.violations.length} violations` : 'all good'));
    expect(r.ackedTickets).toBeGreaterThanOrEqual(30);
    expect(r.refusedTickets).toBeGreaterThan(0);
    expect(r.days).toBe(2);
    expect(r.violations.slice(0, 5)).toEqual([]);
  }, 120_000);

  it('finds lost tickets when the journal does not fdatasync (the check has teeth)', async () => {
    const { model } = await burst({ dropDatasync: true });
    const r = await check(model, 100);
    console.log(summary(r, `${r.violations.length} violations found, as expected, e.g. ${r.violations[0]}`));
    expect(r.violations.some((v) => /was answered before the cut and is gone/.test(v))).toBe(true);
  }, 120_000);
});
