/**
 * Page models and set-up for the browser day (day.test.ts): five screens of one venue in one
 * Chromium, each screen its own device with its own profile (context), as in the hall.
 */
import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, screenshot } from '../support/browser.ts';
import { post } from '../support/server-process.ts';

/** Liveness bound for "a call is on the screens": generous, this machine has 2 shared cores. */
export const LIVE_MS = 2000;
export const DEMO_PASSWORD = 'demo-uji-12345';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

export async function getJson<T = any>(url: string, path: string, token?: string): Promise<T> {
  const r = await fetch(`${url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  expect(r.status, `${path}`).toBe(200);
  return (await r.json()) as T;
}

/** Registers a device as the admin and answers its one-time pairing code. */
export async function newDevice(url: string, admin: string, body: { kind: 'kiosk' | 'display'; name: string; floor?: number; ref?: string }): Promise<string> {
  const r = await post(url, '/api/devices', admin, body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.code as string;
}

/** The touch kiosk, every step a tap. */
export class KioskScreen {
  constructor(readonly page: Page) {}
  screen() {
    return this.page.locator('[data-screen]').first().getAttribute('data-screen');
  }
  async expectScreen(name: string, timeout = 5000) {
    await expect.poll(() => this.screen(), { timeout }).toBe(name);
  }
  async tap(testId: string, next: string) {
    await this.page.getByTestId(testId).tap();
    await this.expectScreen(next);
  }
  /** The "N orang" waiting figure of the confirm screen. */
  async waiting(): Promise<number> {
    const text = (await this.page.getByTestId('waiting').textContent()) ?? '';
    return Number(text.match(/(\d+) orang/)?.[1] ?? NaN);
  }
  /** Taps "take ticket" and answers what the server said. */
  async take(): Promise<{ status: number; body: any }> {
    await expect.poll(() => this.page.getByTestId('take').isEnabled()).toBe(true);
    const [res] = await Promise.all([
      this.page.waitForResponse((r) => r.url().endsWith('/api/v1/tickets') && r.request().method() === 'POST'),
      this.page.getByTestId('take').tap(),
    ]);
    return { status: res.status(), body: await res.json() };
  }
}

/** The hall board of floor 1: newest call, recent calls, a tile per counter, waiting per agency. */
export class BoardScreen {
  /** Every line the board wrote to its console ("[antre] announcing A-003"). */
  readonly lines: string[] = [];
  constructor(readonly page: Page) {
    page.on('console', (m) => this.lines.push(m.text()));
  }
  announced(): string[] {
    return this.lines.filter((l) => l.startsWith('[antre] announcing ')).map((l) => l.slice('[antre] announcing '.length));
  }
  /** Resolves once the counter's tile shows `number` and the call is the newest or among the recent ones. */
  waitForCall(counterId: string, number: string, ms = LIVE_MS) {
    return this.page.waitForFunction(
      ([id, n]) => {
        const tile = document.querySelector(`[data-testid=counter-${id}] [data-testid=tile-number]`)?.textContent;
        const listed = [document.querySelector('[data-testid=latest-number]'), ...document.querySelectorAll('[data-testid=recent-calls] .recent-number')].some(
          (e) => e?.textContent === n,
        );
        return tile === n && listed;
      },
      [counterId, number] as const,
      { timeout: ms, polling: 'raf' },
    );
  }
  waitForTone(counterId: string, tone: string, ms = LIVE_MS) {
    return this.page.waitForSelector(`[data-testid=counter-${counterId}][data-tone=${tone}]`, { timeout: ms });
  }
  tileNumber(counterId: string) {
    return this.page.textContent(`[data-testid=counter-${counterId}] [data-testid=tile-number]`);
  }
  async waitingOf(agencyId: string): Promise<number> {
    return Number(await this.page.textContent(`[data-testid=waiting-${agencyId}] .waiting-count`));
  }
  /** Every number the board shows as called: newest, recent list and tiles. */
  shownCalled(): Promise<string[]> {
    return this.page.$$eval('[data-testid=latest-number], [data-testid=recent-calls] .recent-number, [data-testid=tile-number]', (els) =>
      els.map((e) => e.textContent ?? '').filter((t) => t !== '—'),
    );
  }
}

/** The screen above one counter. */
export class CounterScreen {
  constructor(readonly page: Page) {}
  waitForNumber(number: string, ms = LIVE_MS) {
    return this.page.waitForFunction((n) => document.querySelector('[data-testid=cs-number]')?.textContent === n, number, { timeout: ms, polling: 'raf' });
  }
  waitForTone(tone: string, ms = LIVE_MS) {
    return this.page.waitForSelector(`[data-testid=counter-display][data-tone=${tone}]`, { timeout: ms });
  }
  number() {
    return this.page.textContent('[data-testid=cs-number]');
  }
}

/** An officer's console, driven by clicks on its buttons. */
export class Desk {
  /** Every number this console called, in order. */
  readonly called: string[] = [];
  constructor(
    readonly page: Page,
    readonly counterId: string,
  ) {}

  async login(url: string, username: string) {
    await this.page.goto(`${url}/counter`);
    await this.page.fill('input[name=username]', username);
    await this.page.fill('input[name=password]', DEMO_PASSWORD);
    await this.page.click('button[type=submit]');
    await this.ready();
  }
  async ready() {
    // The same start-up bound as the other screens of the day (a login hashes a password, then the console loads its day).
    try {
      await this.page.waitForSelector('[data-action=call-next]:not([disabled])', { timeout: 15000 });
      await this.page.waitForSelector('.conn--on');
    } catch (err) {
      // What the officer saw instead, for whoever reads the failure: the screen, and its words.
      const shot = await screenshot(this.page, `day-desk-not-ready-${this.counterId}`).catch(() => 'no screenshot');
      const text = ((await this.page.textContent('body').catch(() => null)) ?? '').replace(/\s+/g, ' ').slice(0, 400);
      throw new Error(`the console of ${this.counterId} was not ready (${shot}): "${text}"`, { cause: err });
    }
  }
  /** Clicks a button and answers the server's reply to the command it sent. */
  async press(action: string, command = action): Promise<Response> {
    const [res] = await Promise.all([
      this.page.waitForResponse((r) => r.url().endsWith(`/api/v1/counters/${this.counterId}/${command}`) && r.request().method() === 'POST'),
      (async () => {
        await this.page.click(`[data-action=${action}]:not([disabled])`);
        // Absent asks once before it is sent.
        if (action === 'no-show') await this.page.click('[role=dialog] button[type=submit]:not([disabled])');
      })(),
    ]);
    return res;
  }
  /** Presses "call next": the called number, or null when another desk took the last visitor. */
  async callNext(): Promise<string | null> {
    const res = await this.press('call-next');
    const body = await res.json();
    if (res.status() === 404) {
      expect(body.error.code).toBe('QUEUE_EMPTY');
      return null;
    }
    expect(res.status(), JSON.stringify(body)).toBe(200);
    this.called.push(body.number);
    return body.number as string;
  }
  waitNumber(number: string, ms = LIVE_MS) {
    return this.page.waitForSelector(`[data-testid=current-number][data-number="${number}"]`, { timeout: ms });
  }
  async waitFree() {
    await this.page.waitForSelector('[data-testid=current-number][data-number=""]', { timeout: LIVE_MS });
  }
  async waitingTotal(): Promise<number> {
    return Number(await this.page.textContent('[data-testid=waiting-total]'));
  }
  /** Waits until the list shows someone waiting; false if the time runs out first. */
  async waitSomeoneWaiting(ms: number): Promise<boolean> {
    if (ms <= 0) return false;
    return this.page
      .waitForFunction(() => Number(document.querySelector('[data-testid=waiting-total]')?.textContent) > 0, null, { timeout: ms })
      .then(
        () => true,
        () => false,
      );
  }
  count(id: string) {
    return this.page.textContent(`[data-count="${id}"] dd`);
  }
  currentNumber() {
    return this.page.getAttribute('[data-testid=current-number]', 'data-number');
  }
  /** Sends the visitor at the desk to another service; answers the new number the console reports. */
  async transferTo(serviceId: string, note: string): Promise<string> {
    await this.page.click('[data-action=transfer]:not([disabled])');
    await this.page.selectOption('[role=dialog] select[name=toServiceId]', serviceId);
    await this.page.fill('[role=dialog] input[name=note]', note);
    const [res] = await Promise.all([
      this.page.waitForResponse((r) => r.url().endsWith(`/api/v1/counters/${this.counterId}/transfer`)),
      this.page.click('[role=dialog] button[type=submit]'),
    ]);
    expect(res.status()).toBe(200);
    const notice = await this.page.waitForSelector('.notice--ok:has-text("Dialihkan sebagai")', { timeout: LIVE_MS });
    return (await notice.textContent())!.match(/Dialihkan sebagai ([A-Z]+-\d+)/)![1]!;
  }
  /** A break of `minutes` with the first offered reason. */
  async takeBreak(minutes: number) {
    await this.page.click('[data-action=break]:not([disabled])');
    await this.page.click(`[role=dialog] .pill:has-text("${minutes}′")`);
    const [res] = await Promise.all([
      this.page.waitForResponse((r) => r.url().endsWith(`/api/v1/counters/${this.counterId}/status`)),
      this.page.click('[role=dialog] button[type=submit]'),
    ]);
    expect(res.status()).toBe(200);
    await this.page.waitForSelector('[data-testid=break-until]', { timeout: LIVE_MS });
  }
  async backToWork() {
    expect((await this.press('open', 'status')).status()).toBe(200);
    await this.ready();
  }
}

export interface Screens {
  kiosk: KioskScreen;
  board: BoardScreen;
  counter: CounterScreen;
  desks: [Desk, Desk];
  /** Uncaught errors of any page. */
  errors: string[];
  /** Saves day-<moment>-<page>.png of all five screens. */
  snap(moment: string): Promise<void>;
  close(): Promise<void>;
}

/** How much faster the screens' audio plays in the browser day (Web Audio's playbackRate: the same clips, in the same order). */
export const AUDIO_SPEED = 8;

/**
 * Runs in a screen's page before its scripts: every Web Audio clip plays `speed` times faster and
 * says it lasts that much less, so the announcer schedules, awaits and queues exactly as it does
 * at real speed, only sooner.
 */
function speedUpAudio(speed: number): void {
  if (typeof AudioBuffer === 'undefined' || typeof BaseAudioContext === 'undefined') return;
  const duration = Object.getOwnPropertyDescriptor(AudioBuffer.prototype, 'duration');
  if (!duration?.get) return;
  Object.defineProperty(AudioBuffer.prototype, 'duration', {
    configurable: true,
    get(this: AudioBuffer) {
      return (duration.get!.call(this) as number) / speed;
    },
  });
  const create = BaseAudioContext.prototype.createBufferSource;
  BaseAudioContext.prototype.createBufferSource = function (this: BaseAudioContext) {
    const source = create.call(this);
    source.playbackRate.value = speed;
    return source;
  };
}

/**
 * One Chromium, five devices: the kiosk (portrait touch screen), the floor-1 hall board (TV),
 * the display above loket-1, and two officers' desk PCs. Each has its own context (profile), so
 * pairing tokens and sessions are as separate as on real machines.
 */
export async function openScreens(
  url: string,
  admin: string,
  officers: [{ username: string; counterId: string }, { username: string; counterId: string }],
): Promise<Screens> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const errors: string[] = [];
  const device = async (viewport: { width: number; height: number }, hasTouch = false, speaks = false): Promise<Page> => {
    const context: BrowserContext = await browser.newContext({ viewport, hasTouch, locale: 'id-ID', timezoneId: 'Asia/Makassar' });
    // The hour runs on the script's clock, but the screens' voice would still take real seconds per call.
    if (speaks) await context.addInitScript(speedUpAudio, AUDIO_SPEED);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    return page;
  };
  try {
    const [kioskPage, boardPage, counterPage, desk1, desk2] = await Promise.all([
      device({ width: 1080, height: 1920 }, true),
      device({ width: 1920, height: 1080 }, false, true),
      device({ width: 1280, height: 720 }, false, true),
      device({ width: 1440, height: 900 }),
      device({ width: 1366, height: 768 }),
    ]);
    const kiosk = new KioskScreen(kioskPage);
    const board = new BoardScreen(boardPage);
    const counter = new CounterScreen(counterPage);
    const desks: [Desk, Desk] = [new Desk(desk1, officers[0].counterId), new Desk(desk2, officers[1].counterId)];
    const [kioskCode, boardCode, counterCode] = await Promise.all([
      newDevice(url, admin, { kind: 'kiosk', name: 'Kios lantai 1 (uji)', ref: 'kiosk-1' }),
      newDevice(url, admin, { kind: 'display', name: 'Layar aula lantai 1 (uji)', floor: 1 }),
      newDevice(url, admin, { kind: 'display', name: `Layar ${officers[0].counterId} (uji)`, floor: 1 }),
    ]);
    await Promise.all([
      kioskPage.goto(`${url}/kiosk?pair=${kioskCode}`).then(() => kiosk.expectScreen('welcome', 15000)),
      boardPage.goto(`${url}/display?pair=${boardCode}`).then(() => boardPage.waitForSelector('[data-testid=hall-board][data-ready=true]', { timeout: 15000 })),
      counterPage
        .goto(`${url}/display/counter/${officers[0].counterId}?pair=${counterCode}`)
        .then(() => counterPage.waitForSelector('[data-testid=counter-display][data-ready=true]', { timeout: 15000 })),
      desks[0].login(url, officers[0].username),
      desks[1].login(url, officers[1].username),
    ]);
    const pages: [string, Page][] = [
      ['kiosk', kioskPage],
      ['board', boardPage],
      ['counter', counterPage],
      ['desk1', desk1],
      ['desk2', desk2],
    ];
    return {
      kiosk,
      board,
      counter,
      desks,
      errors,
      async snap(moment) {
        await Promise.all(pages.map(([name, p]) => screenshot(p, `day-${moment}-${name}`)));
      },
      close: () => browser.close(),
    };
  } catch (e) {
    await browser.close();
    throw e;
  }
}
