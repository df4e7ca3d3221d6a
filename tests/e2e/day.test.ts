/**
 * A real browser day: the kiosk, the floor-1 hall board, the display above loket-1 and the
 * consoles of two officers (loket-1 and loket-2, both serving KTP-el) in one Chromium, against
 * the built server on the demo venue, while a seeded hour of visitors runs on the script's own
 * clock (a simulated second of the script is a minute of the day): the script never sleeps; the
 * clock moves on whenever every visitor and officer waits for it, and stands still while a screen
 * does its part. Visitors tap through the kiosk or come through the floor-2 kiosk's API; officers
 * click their buttons. Screenshots: tests/artifacts/day-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PriorityCategory, Snapshot, StaffTicket, Ticket } from '@antre/server/contract';
import { ADMIN_PASSWORD, ROOT, login, post, startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { Rng } from '../sim/rng.ts';
import { predictedOrder } from '../../server/src/engine/order.ts';
import { LIVE_MS, getJson, newDevice, openScreens, sleep, type Desk, type Screens } from './day-support.ts';
import { ScriptClock } from './script-clock.ts';

const VENUE = join(ROOT, 'server/venues/mpp-simpurusiang.json');
/** The venue's priority interleave (priority visitors called per regular one). */
const PRIORITY_RATIO = (JSON.parse(readFileSync(VENUE, 'utf8')) as { settings?: { priorityRatio?: number } }).settings?.priorityRatio ?? 2;
/** The simulated hour, 08:00–09:00 in the hall, in the script clock's milliseconds. */
const HOUR_MS = 60_000;
/** How often an idle officer looks again whether someone waits (script clock). */
const LOOK_MS = 250;
const SEED = 20261128;
const KTP = 'dukcapil-ktp-el';
const KK = 'dukcapil-kk';
const KIA = 'dukcapil-kia';
/** Two officers whose counters share KTP-el; loket-1 also takes KIA, loket-2 also KK. */
const OFFICERS: [{ username: string; counterId: string }, { username: string; counterId: string }] = [
  { username: 'petugas1', counterId: 'loket-1' },
  { username: 'petugas2', counterId: 'loket-2' },
];
const COUNTER_SERVICES: Record<string, string[]> = { 'loket-1': [KTP, KIA], 'loket-2': [KTP, KK, 'dukcapil-pindah-datang'] };

interface Visitor {
  at: number;
  serviceId: string;
  priority: PriorityCategory | null;
  via: 'kiosk' | 'api';
  /** The moment to photograph while this visitor reads the check screen, or leaves with the ticket on screen. */
  moment?: 'peak' | 'end';
}
type Special = 'recall' | 'no-show' | 'transfer';
interface Script {
  desk: Desk;
  specials: Record<number, Special>;
  breakAt?: number;
  breakMs?: number;
  rng: Rng;
}

/** The hour's visitors: a few at the door at opening, the rest peaking mid-morning; fixed by the seed. */
function visitors(rng: Rng): Visitor[] {
  const list: Visitor[] = [];
  for (let i = 0; i < 22; i++) {
    const at = i < 3 ? i * 300 : Math.round(((rng.next() + rng.next()) / 2) * HOUR_MS * 0.9);
    list.push({
      at,
      serviceId: rng.weighted([
        { item: KTP, weight: 6 },
        { item: KK, weight: 2.5 },
        { item: KIA, weight: 1.5 },
      ]),
      priority: null,
      via: 'api',
    });
  }
  list.sort((a, b) => a.at - b.at);
  list.forEach((v, i) => (v.via = i % 3 === 1 ? 'kiosk' : 'api'));
  // An elderly KTP-el visitor at the floor-2 kiosk, a pregnant KK visitor tapping the floor-1 kiosk.
  Object.assign(
    list.find((v) => v.via === 'api' && v.at >= HOUR_MS * 0.35)!,
    { serviceId: KTP, priority: 'lansia' },
  );
  // The pregnant visitor comes at the mid-morning peak: the kiosk is photographed on her check screen.
  Object.assign(
    list.find((v) => v.via === 'kiosk' && v.at >= HOUR_MS * 0.4)!,
    { serviceId: KK, priority: 'ibu_hamil', moment: 'peak' },
  );
  // The last visitor of the hour takes a ticket at the kiosk as the hour ends.
  list.push({ at: HOUR_MS - 2500, serviceId: KTP, priority: null, via: 'kiosk', moment: 'end' });
  return list;
}

let server: ServerProcess;
let screens: Screens | undefined;
let admin: string;

beforeAll(async () => {
  // The real venue with its hour compressed into seconds: no minimum wait before a recall or an absent.
  const dataDir = mkdtempSync(join(tmpdir(), 'antre-e2e-day-'));
  const venue = JSON.parse(readFileSync(VENUE, 'utf8')) as { settings?: object };
  venue.settings = { ...venue.settings, minRecallSeconds: 0, minNoShowSeconds: 0 };
  writeFileSync(join(dataDir, 'venue.json'), JSON.stringify(venue));
  server = await startServerProcess({ dataDir, venue: join(dataDir, 'venue.json'), built: true, env: { ANTRE_IGNORE_HOURS: '1' } });
  admin = await login(server.url, 'admin', ADMIN_PASSWORD);
});

afterAll(async () => {
  await screens?.close();
  await server?.kill();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

/** Polls two readings until they agree, then asserts it (so a failure shows both values). */
async function agree<T>(what: string, read: () => Promise<[T, T]>, ms = LIVE_MS): Promise<void> {
  const end = Date.now() + ms;
  let [a, b] = await read();
  while (JSON.stringify(a) !== JSON.stringify(b) && Date.now() < end) {
    await sleep(50);
    [a, b] = await read();
  }
  expect(a, what).toEqual(b);
}

const waitingAt = (tickets: StaffTicket[], counterId: string) =>
  tickets.filter((t) => t.status === 'waiting' && (t.targetCounterId ? t.targetCounterId === counterId : COUNTER_SERVICES[counterId]!.includes(t.serviceId)))
    .length;

describe('a real browser day', () => {
  it('kiosk, hall board, counter display and two consoles through a seeded hour', { timeout: 240_000 }, async () => {
    const began = Date.now();
    const rng = new Rng(SEED);
    const plan = visitors(rng.fork('visitors'));
    const kiosk2 = (
      await post(server.url, '/api/devices/pair', null, {
        code: await newDevice(server.url, admin, { kind: 'kiosk', name: 'Kios lantai 2 (uji)', ref: 'kiosk-2' }),
      })
    ).body.token as string;
    screens = await openScreens(server.url, admin, OFFICERS);
    const { kiosk, board, counter, desks } = screens;
    const queueWaiting = async (serviceId: string) =>
      (await getJson<{ queues: { serviceId: string; waiting: number }[] }>(server.url, '/api/queues')).queues.find((q) => q.serviceId === serviceId)!.waiting;
    const snapshot = () => getJson<Snapshot>(server.url, '/api/snapshot', admin);
    const dukcapilWaiting = (s: Snapshot) => s.queues.filter((q) => q.agencyId === 'dukcapil').reduce((n, q) => n + q.waiting, 0);

    let camera = Promise.resolve();
    const moment = (name: string) => (camera = camera.then(() => screens!.snap(name)));
    /** The screens that show waiting people agree with the server. */
    const waitingAgrees = async () => {
      await agree('board: waiting at Dukcapil', async () => [await board.waitingOf('dukcapil'), dukcapilWaiting(await snapshot())], LIVE_MS * 2);
      for (const d of desks)
        await agree(`${d.counterId}: waiting list`, async () => [await d.waitingTotal(), waitingAt((await snapshot()).tickets!, d.counterId)], LIVE_MS * 2);
    };

    await waitingAgrees();
    await moment('start');
    console.info(`[day] screens ready after ${Date.now() - began} ms`);

    const hour = new ScriptClock();
    const clock = () => hour.now();
    const hourBegan = Date.now();
    let stopped = false;
    const task = (f: () => Promise<void>) =>
      hour.task(f).catch((e) => {
        stopped = true;
        throw e;
      });
    const issued: { number: string; id: string; via: string }[] = [];
    const latencies: number[] = [];
    let transferred: { from: string; to: string } | null = null;

    const kioskVisitors = task(async () => {
      for (const v of plan.filter((x) => x.via === 'kiosk')) {
        await hour.until(v.at);
        if (stopped) return;
        await kiosk.tap('start', 'agencies');
        await kiosk.tap('agency-dukcapil', 'services');
        // The list and the check screen show the line as the server has it, while it moves.
        await agree(`kiosk list: ${v.serviceId} waiting`, async () => [
          (await kiosk.page.getByTestId(`service-${v.serviceId}`).textContent())?.match(/(\d+) orang menunggu/)?.[1],
          String(await queueWaiting(v.serviceId)),
        ]);
        await kiosk.tap(`service-${v.serviceId}`, 'confirm');
        if (v.priority) await kiosk.page.getByTestId(`priority-${v.priority}`).tap();
        await agree(`kiosk check screen: ${v.serviceId} waiting`, async () => [await kiosk.waiting(), await queueWaiting(v.serviceId)]);
        if (v.moment === 'peak') {
          await waitingAgrees();
          await moment('peak');
        }
        const { status, body } = await kiosk.take();
        expect(status, JSON.stringify(body)).toBe(201);
        await kiosk.expectScreen('ticket');
        expect(await kiosk.page.getByTestId('ticket-number').textContent()).toBe(body.number);
        expect((await getJson(server.url, `/api/tickets/${body.id}`)).number).toBe(body.number);
        issued.push({ number: body.number, id: body.id, via: 'kiosk' });
        if (v.moment !== 'end') await kiosk.tap('done', 'welcome');
      }
    });

    const apiVisitors = task(async () => {
      for (const v of plan.filter((x) => x.via === 'api')) {
        await hour.until(v.at);
        if (stopped) return;
        const r = await post(server.url, '/api/tickets', kiosk2, { serviceId: v.serviceId, priority: v.priority });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        issued.push({ number: r.body.number, id: r.body.id, via: 'api' });
      }
    });

    /** A call is on the console, on the hall board and (for loket-1) above the counter within the bound. */
    const seen = async (desk: Desk, number: string) => {
      const start = Date.now();
      await Promise.all([
        desk.waitNumber(number),
        board.waitForCall(desk.counterId, number),
        desk.counterId === OFFICERS[0].counterId ? counter.waitForNumber(number) : null,
      ]);
      latencies.push(Date.now() - start);
    };

    /**
     * Whether someone waits for this desk before `until`: the server says so at once, then the
     * console must show it within the liveness bound; while nobody waits, the officer looks again
     * a moment later on the script's clock.
     */
    const someoneWaiting = async (desk: Desk, until: number): Promise<boolean> => {
      while (clock() < until) {
        if (waitingAt((await snapshot()).tickets!, desk.counterId) > 0 && (await desk.waitSomeoneWaiting(LIVE_MS))) return true;
        await hour.sleep(LOOK_MS);
      }
      return false;
    };

    const officer = (s: Script) =>
      task(async () => {
        const { desk } = s;
        let calls = 0;
        let breakDone = s.breakAt === undefined;
        while (!stopped && clock() < HOUR_MS) {
          if (!breakDone && clock() >= s.breakAt!) {
            breakDone = true;
            await desk.takeBreak(15);
            await Promise.all([board.waitForTone(desk.counterId, 'break'), desk.counterId === OFFICERS[0].counterId ? counter.waitForTone('break') : null]);
            await moment('break');
            await hour.sleep(s.breakMs!);
            await desk.backToWork();
            await Promise.all([board.waitForTone(desk.counterId, 'idle'), desk.counterId === OFFICERS[0].counterId ? counter.waitForTone('idle') : null]);
            continue;
          }
          if (!(await someoneWaiting(desk, breakDone ? HOUR_MS : Math.min(HOUR_MS, s.breakAt!)))) continue;
          const number = await desk.callNext();
          if (!number) continue; // the other desk called the last one waiting
          await seen(desk, number);
          const special = s.specials[calls++];
          await hour.sleep(s.rng.between(600, 1400)); // the visitor walks to the desk
          if (special === 'recall') {
            expect((await desk.press('recall')).status()).toBe(200);
            await desk.page.waitForSelector('[data-testid=recalls]:has-text("1/2")', { timeout: LIVE_MS });
            await counter.page.waitForSelector('.cs-recall', { timeout: LIVE_MS });
            await moment('call');
            await hour.sleep(s.rng.between(600, 1400));
          } else if (special === 'no-show') {
            expect((await desk.press('no-show')).status()).toBe(200);
            await desk.waitFree();
            continue;
          } else if (special === 'transfer') {
            const to = await desk.transferTo(KK, 'perlu KK baru dulu');
            transferred = { from: number, to };
            await desk.waitFree();
            await desks[1].page.waitForSelector(`[data-ticket="${to}"]`, { timeout: LIVE_MS });
            continue;
          }
          expect((await desk.press('start')).status()).toBe(200);
          await desk.page.waitForSelector('[data-testid=timer-serving]', { timeout: LIVE_MS });
          await hour.sleep(Math.min(s.rng.between(6000, 9000), HOUR_MS - clock()));
          if (clock() >= HOUR_MS) break; // the hour ends with this visitor at the desk
          expect((await desk.press('finish')).status()).toBe(200);
          await desk.waitFree();
        }
      });

    const results = await Promise.allSettled([
      kioskVisitors,
      apiVisitors,
      officer({ desk: desks[0], specials: { 1: 'recall', 2: 'transfer' }, breakAt: HOUR_MS * 0.55, breakMs: 10_000, rng: rng.fork('desk1') }),
      officer({ desk: desks[1], specials: { 2: 'no-show' }, rng: rng.fork('desk2') }),
    ]);
    for (const r of results) if (r.status === 'rejected') throw r.reason;
    await moment('end');
    console.info(`[day] the hour took ${Date.now() - hourBegan} ms of real time`);
    console.info(
      `[day] ${issued.length} visitors, calls ${desks.map((d) => d.called.length).join('+')}, call-to-screens ms max ${Math.max(...latencies)} median ${latencies.sort((a, b) => a - b)[latencies.length >> 1]}`,
    );

    // --- The end of the hour: what the screens show is what the server has. ---
    expect(issued.length).toBe(plan.length);
    expect(issued.filter((i) => i.via === 'kiosk').length).toBeGreaterThanOrEqual(6);
    const all = (await getJson<{ tickets: Ticket[] }>(server.url, '/api/tickets', admin)).tickets;
    const byNumber = new Map(all.map((t) => [t.number, t]));

    // No double call: each desk's calls are its own, and the server called every ticket at most once.
    const [c1, c2] = desks.map((d) => d.called);
    expect(c1!.filter((n) => c2!.includes(n))).toEqual([]);
    expect(new Set([...c1!, ...c2!]).size).toBe(c1!.length + c2!.length);
    for (const t of all) expect(t.history.filter((h) => h.action === 'called').length, t.number).toBeLessThanOrEqual(1);
    const calls = all.flatMap((t) =>
      t.history.filter((h) => h.action === 'called' || h.action === 'recalled').map((h) => ({ at: h.at, number: t.number, counterId: h.counterId })),
    );
    calls.sort((a, b) => a.at - b.at);
    expect(
      all
        .filter((t) => t.calledAt !== null)
        .map((t) => t.number)
        .sort(),
    ).toEqual([...c1!, ...c2!].sort());
    for (const c of calls) expect(c.counterId, c.number).toBe(c1!.includes(c.number) ? OFFICERS[0].counterId : OFFICERS[1].counterId);
    expect(calls.length).toBeGreaterThanOrEqual(10);

    // The elderly visitor went ahead of every regular KTP-el visitor who was still waiting when they came.
    const elder = all.find((t) => t.priority === 'lansia')!;
    expect(elder.calledAt, 'the priority visitor was called').not.toBeNull();
    const overtaken = all.filter(
      (t) => t.serviceId === KTP && !t.priority && t.queuedAt < elder.queuedAt && (t.calledAt === null || t.calledAt > elder.queuedAt),
    );
    expect(overtaken.length, 'someone was waiting when the priority visitor came').toBeGreaterThan(0);
    for (const t of overtaken) expect(t.calledAt === null || t.calledAt > elder.calledAt!, `${t.number} before ${elder.number}`).toBe(true);

    // The transfer: the old number is closed; the new KK number keeps the visitor's first arrival as its
    // place, and loket-2's list shows the KK line in that order (loket-2 takes KTP-el first, so it may still wait).
    expect(transferred).not.toBeNull();
    const { from, to } = transferred!;
    expect(byNumber.get(from)).toMatchObject({ status: 'transferred', transferredTo: byNumber.get(to)!.id });
    expect(byNumber.get(to)).toMatchObject({ serviceId: KK, transferredFrom: byNumber.get(from)!.id, queuedAt: byNumber.get(from)!.queuedAt });
    if (byNumber.get(to)!.status !== 'waiting') expect(byNumber.get(to)!.counterId).toBe(OFFICERS[1].counterId);
    // The list is in the order call next will take it: the engine's interleave of priority and regular visitors.
    await agree('loket-2: the KK line in call order', async () => {
      const snap = await snapshot();
      const line = snap
        .tickets!.filter((t) => t.serviceId === KK && t.status === 'waiting' && !t.targetCounterId)
        .sort((a, b) => a.queuedAt - b.queuedAt || a.issuedAt - b.issuedAt);
      const streak = snap.queues.find((q) => q.serviceId === KK)?.priorityStreak ?? 0;
      const order = predictedOrder(
        line.filter((t) => t.priority),
        line.filter((t) => !t.priority),
        streak,
        PRIORITY_RATIO,
      );
      return [
        await desks[1].page.$$eval(`.wl__group[data-service="${KK}"] [data-ticket]`, (els) => els.map((e) => e.getAttribute('data-ticket'))),
        order.slice(0, 8).map((t) => t.number),
      ];
    });

    // Each desk, the board tile and the counter display show the counter's ticket as the server holds it.
    for (const d of desks) {
      await agree(`${d.counterId}: console`, async () => [
        await d.currentNumber(),
        (await snapshot()).counters.find((c) => c.counterId === d.counterId)!.ticket?.number ?? '',
      ]);
      await agree(`${d.counterId}: board tile`, async () => [
        await board.tileNumber(d.counterId),
        (await snapshot()).counters.find((c) => c.counterId === d.counterId)!.ticket?.number ?? '—',
      ]);
    }
    await agree('counter display', async () => [
      await counter.number(),
      (await snapshot()).counters.find((c) => c.counterId === OFFICERS[0].counterId)!.ticket?.number ?? '—',
    ]);
    await waitingAgrees();

    // Served, absent, transferred: the officers' own counts are the server's.
    for (const d of desks) {
      const mine = all.filter((t) => t.history.some((h) => h.counterId === d.counterId));
      const did = (action: string) => mine.filter((t) => t.history.some((h) => h.counterId === d.counterId && h.action === action)).length;
      await agree(`${d.counterId}: served`, async () => [await d.count('served'), String(did('finished'))]);
      await agree(`${d.counterId}: called`, async () => [await d.count('called'), String(d.called.length)]);
      await agree(`${d.counterId}: absent`, async () => [await d.count('no-show'), String(did('no_show'))]);
      await agree(`${d.counterId}: transferred`, async () => [await d.count('transferred'), String(did('transferred_out'))]);
    }
    expect(all.filter((t) => t.status === 'no_show').length).toBe(1);
    expect(all.filter((t) => t.status === 'done').length).toBeGreaterThanOrEqual(5);

    // Nobody still waits whom the board (or a desk) has called.
    const end = await snapshot();
    const waiting = new Set(end.tickets!.filter((t) => t.status === 'waiting').map((t) => t.number));
    expect(waiting.size, 'the morning queue is not empty').toBeGreaterThan(0);
    expect((await board.shownCalled()).filter((n) => waiting.has(n))).toEqual([]);
    expect([...c1!, ...c2!].filter((n) => waiting.has(n))).toEqual([]);

    // The board announced every call and the recall, one after the other in the order they were made.
    console.info(`[day] end checks done at ${Date.now() - began} ms; ${calls.length} calls, ${board.announced().length} announced so far`);
    // The hour's calls came faster than they can be spoken: the board speaks them one at a time, so
    // the rest may take an announcement's length each (about 6 s of clips; 8 s with the voice's slack).
    const unspoken = calls.length - board.announced().length;
    await expect.poll(() => board.announced().length, { timeout: 10_000 + Math.max(0, unspoken) * 8_000, interval: 250 }).toBeGreaterThanOrEqual(calls.length);
    console.info(`[day] all announced at ${Date.now() - began} ms`);
    // Two desks may call in the same millisecond: only such a tie may be spoken either way round.
    const spoken = board.announced();
    const order = [...calls].sort((a, b) => a.at - b.at || spoken.indexOf(a.number) - spoken.indexOf(b.number));
    expect(spoken).toEqual(order.map((c) => c.number));

    expect(screens.errors).toEqual([]);
  });
});
