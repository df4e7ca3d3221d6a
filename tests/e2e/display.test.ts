/**
 * Hall board and counter display in Debian's Chromium against the real server (demo venue of
 * MPP Simpurusiang, 13 counters on floor 1): calls show within a second, quick calls are all
 * announced in order, the board recovers from a server restart, sound-blocked asks for a tap.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, launchBrowser, screenshot, type Browser } from '../support/browser.ts';
import { expectNothingClipped } from '../support/board-fit.ts';
import { ADMIN_PASSWORD, ROOT, login, post, startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { BOARD_UPDATE_MS } from '../../server/src/realtime/notifier.ts';

const VENUE = join(ROOT, 'server/venues/mpp-simpurusiang.json');
const ENV = { ANTRE_IGNORE_HOURS: '1' };
const LANDSCAPE = { width: 1920, height: 1080 };
const PORTRAIT = { width: 1080, height: 1920 };
/** Liveness bound for "shows within a second". */
const LIVE_MS = 1000;

/** One record of the board's announcement log (display-ui/src/voice/announcer.ts). */
interface Logged {
  key: string;
  number: string;
  counterId: string;
  recall: number;
  text: string;
  tokens: string[];
  mode: string | null;
  startedAt: number | null;
  endedAt: number | null;
  outcome: string;
}

declare global {
  interface Window {
    __antreAnnouncements?: Logged[];
  }
}

/** What a test needs to read off the hall board. */
class BoardPage {
  constructor(readonly page: Page) {}
  ready() {
    return this.page.waitForSelector('[data-testid=hall-board][data-ready=true]', { timeout: 15000 });
  }
  latest() {
    return this.page.evaluate(() => ({
      number: document.querySelector('[data-testid=latest-number]')?.textContent ?? null,
      counter: document.querySelector('[data-testid=latest-counter]')?.textContent ?? null,
    }));
  }
  recentNumbers() {
    return this.page.$$eval('[data-testid=recent-calls] .recent-number', (els) => els.map((e) => e.textContent));
  }
  tileNumber(counterId: string) {
    return this.page.$eval(`[data-testid=counter-${counterId}] [data-testid=tile-number]`, (e) => e.textContent).catch(() => null);
  }
  /** Resolves when the latest call shows `number` at `counterName`; rejects after `ms`. */
  waitForLatest(number: string, counterName: string, ms = LIVE_MS) {
    return this.page.waitForFunction(
      ([n, c]) =>
        document.querySelector('[data-testid=latest-number]')?.textContent === n && document.querySelector('[data-testid=latest-counter]')?.textContent === c,
      [number, counterName] as const,
      { timeout: ms, polling: 'raf' },
    );
  }
  announcements(): Promise<Logged[]> {
    return this.page.evaluate(() => JSON.parse(JSON.stringify(window.__antreAnnouncements ?? [])) as Logged[]);
  }
  offline() {
    return this.page
      .locator('[data-testid=offline]')
      .count()
      .then((n) => n > 0);
  }
}

let server: ServerProcess;
let browser: Browser;
let admin: string;
let board: BoardPage;
let counterPage: Page;
let venue: { counters: { id: string; name: string; floor: number; serviceIds: string[] }[]; services: { id: string; prefix: string }[] };

const api = (path: string, body?: unknown) => post(server.url, path, admin, body);

/** Issues one ticket for the counter's first service and calls it there; returns the number. */
async function callAt(counterId: string): Promise<string> {
  const counter = venue.counters.find((c) => c.id === counterId)!;
  const t = await api('/api/tickets', { serviceId: counter.serviceIds[0] });
  expect(t.status).toBe(201);
  const called = await api(`/api/counters/${counterId}/call-next`);
  expect(called.status, JSON.stringify(called.body)).toBe(200);
  return called.body.number as string;
}

const counterName = (id: string) => venue.counters.find((c) => c.id === id)!.name;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  server = await startServerProcess({ venue: VENUE, env: ENV });
  admin = await login(server.url, 'admin', ADMIN_PASSWORD);
  venue = await (await fetch(`${server.url}/api/venue`)).json();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.kill();
});

describe('display-ui in Chromium', () => {
  it('pairs once from the link, keeps its token across reloads, shows its floor with a WITA clock', async () => {
    const dev = await api('/api/devices', { kind: 'display', name: 'Layar lantai 1', floor: 1 });
    expect(dev.status).toBe(201);
    board = new BoardPage(await browser.page(LANDSCAPE));
    await board.page.goto(dev.body.pairingUrl);
    await board.ready();
    expect(new URL(board.page.url()).searchParams.get('pair')).toBeNull();
    const floor1 = venue.counters.filter((c) => c.floor === 1).map((c) => c.id);
    await board.page.waitForSelector(`[data-testid=counter-${floor1.at(-1)}]`);
    const tiles = await board.page.$$eval('[data-testid^=counter-]', (els) => els.map((e) => e.getAttribute('data-testid')!.slice('counter-'.length)));
    expect(tiles).toEqual(floor1);

    // The pairing code is used up; the same link on the next boot must still give the board.
    await board.page.goto(dev.body.pairingUrl);
    await board.ready();
    expect(await board.page.locator('[data-testid=pairing]').count()).toBe(0);

    const clock = await board.page.textContent('[data-testid=clock]');
    const wita = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Makassar', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    const shown = clock!.slice(0, 8).split(':').map(Number);
    const expected = wita.format(Date.now()).split(':').map(Number);
    const secs = (p: number[]) => p[0]! * 3600 + p[1]! * 60 + p[2]!;
    const diff = Math.abs(secs(shown) - secs(expected));
    expect(Math.min(diff, 86400 - diff)).toBeLessThanOrEqual(2);
  });

  it('shows a call made through the API on the board and on the counter display within 1 s', async () => {
    counterPage = await browser.page(LANDSCAPE);
    await counterPage.goto(`${server.url}/display/counter/loket-1`);
    await counterPage.waitForSelector('[data-testid=counter-display][data-ready=true]');

    const start = Date.now();
    const number = await callAt('loket-1');
    await Promise.all([
      board.waitForLatest(number, counterName('loket-1')),
      counterPage.waitForFunction((n) => document.querySelector('[data-testid=cs-number]')?.textContent === n, number, { timeout: LIVE_MS, polling: 'raf' }),
    ]);
    expect(Date.now() - start).toBeLessThan(LIVE_MS + 500);
    // The counter's tile changes with the banner, not with the board update that follows.
    expect(await board.tileNumber('loket-1')).toBe(number);
    expect(await board.page.getAttribute('[data-testid=latest-call]', 'data-fresh')).toBe('true');
    expect(await counterPage.getAttribute('[data-testid=counter-display]', 'data-tone')).toBe('called');
  });

  it('shows two quick calls and announces both in order, one at a time; a recall is announced again', async () => {
    const first = await callAt('loket-2');
    const second = await callAt('loket-3');
    await board.waitForLatest(second, counterName('loket-3'));
    expect((await board.recentNumbers())[0]).toBe(first);
    expect(await board.tileNumber('loket-2')).toBe(first);

    // The announcement queue: the first call is spoken to its end before the second starts.
    await board.page.waitForFunction((n) => (window.__antreAnnouncements ?? []).some((a) => a.number === n && a.startedAt !== null), second, {
      timeout: 20000,
    });
    const log = (await board.announcements()).filter((a) => a.number === first || a.number === second);
    expect(log.map((a) => a.number)).toEqual([first, second]);
    const digit = (n: string) => ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'][Number(n.slice(-1))]!;
    expect(Number(first.slice(-3))).toBeLessThan(10);
    expect(log[0]!.tokens).toEqual(['chime', 'nomor-antrean', 'a', digit(first), 'silakan-menuju', 'loket', 'dua']);
    expect(log[0]!.text).toBe(`Nomor antrean A ${digit(first)}, silakan menuju loket dua`);
    expect(log[1]!.tokens.slice(-2)).toEqual(['loket', 'tiga']);
    expect(log[0]!.outcome).toBe('played');
    expect(log[0]!.mode).toBe('clips');
    expect(log[1]!.startedAt!).toBeGreaterThanOrEqual(log[0]!.endedAt!);
    // A real spoken sentence, not a skipped one: chime plus words take seconds.
    expect(log[0]!.endedAt! - log[0]!.startedAt!).toBeGreaterThan(2500);

    const recalled = await api('/api/counters/loket-3/recall');
    expect(recalled.status).toBe(200);
    await board.page.waitForFunction((n) => (window.__antreAnnouncements ?? []).some((a) => a.number === n && a.recall === 1), second, { timeout: LIVE_MS });
    const again = (await board.announcements()).filter((a) => a.number === second);
    expect(again.map((a) => a.recall)).toEqual([0, 1]);
    expect(again[1]!.text).toBe(again[0]!.text);
    expect(await board.page.locator('.latest-recall').count()).toBe(1);
  });

  it('is right again within a second of the server coming back after a kill', async () => {
    const before = await callAt('loket-4');
    await board.waitForLatest(before, counterName('loket-4'));
    const { port, dataDir } = server;
    await server.kill('SIGKILL');
    await board.page.waitForSelector('[data-testid=offline]', { timeout: 5000 });
    await counterPage.waitForSelector('[data-testid=offline]', { timeout: 5000 });
    await sleep(1500);

    server = await startServerProcess({ venue: VENUE, env: ENV, port, dataDir });
    const back = Date.now();
    await board.page.waitForSelector('[data-testid=offline]', { state: 'detached', timeout: 3000 });
    const reconnectMs = Date.now() - back;
    // socket.io's back-off is capped at 0.75 s (+25 % jitter); the health poll adds up to 0.1 s.
    expect(reconnectMs).toBeLessThan(LIVE_MS + 300);

    // The picture is the server's: every tile matches GET /api/counters.
    const live = (await (await fetch(`${server.url}/api/counters`)).json()) as {
      counters: { counterId: string; ticket: { number: string } | null; status: string }[];
    };
    for (const c of live.counters.filter((x) => venue.counters.find((v) => v.id === x.counterId)?.floor === 1 && x.status === 'open')) {
      expect(await board.tileNumber(c.counterId), c.counterId).toBe(c.ticket?.number ?? '—');
    }
    admin = await login(server.url, 'admin', ADMIN_PASSWORD);
    const after = await callAt('loket-5');
    await board.waitForLatest(after, counterName('loket-5'));
    await counterPage.waitForSelector('[data-testid=offline]', { state: 'detached', timeout: 2000 });
    await board.page.waitForFunction((n) => (window.__antreAnnouncements ?? []).some((a) => a.number === n), after, { timeout: LIVE_MS });
  });

  it('asks for a tap when the browser blocks sound, and then speaks the waiting call', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'antre-noautoplay-'));
    const strict = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: LANDSCAPE,
      locale: 'id-ID',
      timezoneId: 'Asia/Makassar',
      args: CHROMIUM_ARGS.filter((a) => !a.startsWith('--autoplay-policy')),
    });
    try {
      const dev = await api('/api/devices', { kind: 'display', name: 'Layar tanpa suara', floor: 1 });
      const page = await strict.newPage();
      // Nothing may touch the page until it is unlocked: Playwright's evaluate and waitFor calls count as
      // a user gesture in Chromium and would lift the block. The board reports through its console.
      const lines: string[] = [];
      page.on('console', (m) => lines.push(m.text()));
      const seen = async (text: string, ms: number) => {
        for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (lines.some((l) => l.includes(text))) return true;
        return false;
      };
      // Reads the page over a bare DevTools session: unlike Playwright's own calls, its evaluations
      // are not user gestures, so they leave the block in place.
      const cdp = await strict.newCDPSession(page);
      const peek = async <T>(expression: string): Promise<T> =>
        (await cdp.send('Runtime.evaluate', { expression, returnByValue: true, userGesture: false })).result.value as T;
      await page.goto(dev.body.pairingUrl);
      expect(await seen('[antre] sound blocked', 15000)).toBe(true);
      const number = await callAt('loket-6');
      // The call arrives (it is on the board and waits in the announcement queue) but is not spoken
      // while sound is blocked: an absence that means something only once the call is known to be there.
      const state = () =>
        peek<{ latest: string | null; outcome: string | null }>(
          `({ latest: document.querySelector('[data-testid=latest-number]')?.textContent ?? null, outcome: (window.__antreAnnouncements ?? []).find((r) => r.number === ${JSON.stringify(number)})?.outcome ?? null })`,
        );
      let now = await state();
      for (const end = Date.now() + 5000; (now.latest !== number || now.outcome === null) && Date.now() < end; now = await state()) await sleep(50);
      expect(now).toEqual({ latest: number, outcome: 'pending' });
      expect(lines.filter((l) => l.startsWith('[antre] announcing'))).toEqual([]);
      expect(await peek<boolean>('document.querySelector("[data-testid=sound-blocked]") !== null')).toBe(true);
      await page.mouse.click(400, 400);
      expect(await seen('[antre] sound enabled', 10000)).toBe(true);
      expect(await seen(`[antre] announcing ${number}`, 10000)).toBe(true);
      const p = new BoardPage(page);
      await p.waitForLatest(number, counterName('loket-6'), 5000);
      expect(await page.$('[data-testid=sound-blocked]')).toBeNull();
    } finally {
      await strict.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it('stays readable in a busy moment with 12 counters, wide and upright (screenshots)', async () => {
    const floor1 = venue.counters.filter((c) => c.floor === 1).map((c) => c.id);
    const busy = floor1.slice(0, 12);
    await fetch(`${server.url}/api/announcements`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({
        announcements: [
          'Selamat datang di Mal Pelayanan Publik Kabupaten Luwu, Gedung Simpurusiang.',
          'Siapkan dokumen asli dan fotokopi sebelum dipanggil ke loket.',
        ],
      }),
    });
    for (const id of busy) {
      // Free every counter (start + finish whatever it holds), then give it two visitors.
      await api(`/api/counters/${id}/start`);
      await api(`/api/counters/${id}/finish`);
      await api('/api/tickets', { serviceId: venue.counters.find((c) => c.id === id)!.serviceIds[0] });
      await api('/api/tickets', { serviceId: venue.counters.find((c) => c.id === id)!.serviceIds[0] });
    }
    const called = new Map<string, string>();
    for (const id of busy.slice(0, 11)) {
      const r = await api(`/api/counters/${id}/call-next`);
      if (r.status === 200) called.set(id, r.body.number);
    }
    for (const id of busy.slice(0, 6)) await api(`/api/counters/${id}/start`);
    const onBreak = await api(`/api/counters/${busy[11]}/status`, { status: 'break', reason: 'Istirahat siang', minutes: 45 });
    expect(onBreak.status).toBe(200);
    await api(`/api/counters/${floor1[12]}/status`, { status: 'closed' });
    await board.page.waitForFunction((n) => document.querySelector('[data-testid=latest-number]')?.textContent === n, [...called.values()].at(-1)!, {
      timeout: LIVE_MS * 2,
    });
    expect(called.size).toBe(11);
    // The call is heard at once; the counters' tiles follow with the next board update (gathered,
    // at most BOARD_UPDATE_MS = 1 s later), so the bound is that second plus the liveness bound.
    const tilesShown = await board.page
      .waitForFunction(
        ([pairs, breakId]) =>
          pairs.every(([id, n]) => document.querySelector(`[data-testid=counter-${id}] [data-testid=tile-number]`)?.textContent === n) &&
          document.querySelector(`[data-testid=counter-${breakId}]`)?.getAttribute('data-tone') === 'break',
        [[...called], busy[11]!] as const,
        { timeout: BOARD_UPDATE_MS + LIVE_MS },
      )
      .then(
        () => true,
        () => false,
      );
    // On a miss, the tiles that differ are named below; either way the wait itself must have succeeded.
    for (const [id, number] of called) expect(await board.tileNumber(id), id).toBe(number);
    expect(tilesShown, 'tiles and the break shown within the board update and the liveness bound').toBe(true);
    expect(await board.page.getAttribute(`[data-testid=counter-${busy[11]}]`, 'data-tone')).toBe('break');
    expect(await board.page.textContent(`[data-testid=counter-${busy[11]}]`)).toMatch(/Istirahat s\.d\. \d\d:\d\d/);

    // Started counters turn from "called" to "serving".
    await board.page.waitForFunction(
      (ids) => ids.every((id) => document.querySelector(`[data-testid=counter-${id}]`)?.getAttribute('data-tone') === 'serving'),
      busy.slice(0, 6),
      { timeout: 4000 },
    );
    expect(await board.page.getAttribute(`[data-testid=counter-${busy[7]}]`, 'data-tone')).toBe('called');

    await screenshot(board.page, 'display-board-landscape-call');
    await board.page.setViewportSize(PORTRAIT);
    await sleep(300);
    await screenshot(board.page, 'display-board-portrait-call');
    await expectNothingClipped(board.page);

    await counterPage.setViewportSize(LANDSCAPE);
    await screenshot(counterPage, 'display-counter');
    expect(await counterPage.textContent('[data-testid=cs-name]')).toBe('Loket 1');
    expect(await counterPage.getAttribute('[data-testid=counter-display]', 'data-tone')).toBe('serving');
    const breakPage = await browser.page(PORTRAIT);
    await breakPage.goto(`${server.url}/display/counter/${busy[11]}`);
    await breakPage.waitForSelector('[data-testid=counter-display][data-ready=true][data-tone=break]');
    await screenshot(breakPage, 'display-counter-break-portrait');

    // After the highlight: the steady picture, both ways, and nothing that must be read is clipped.
    await board.page.waitForSelector('[data-testid=latest-call][data-fresh=false]', { timeout: 15000 });
    await screenshot(board.page, 'display-board-portrait');
    await board.page.setViewportSize(LANDSCAPE);
    await sleep(300);
    await screenshot(board.page, 'display-board-landscape');
    await expectNothingClipped(board.page);
  });
});
