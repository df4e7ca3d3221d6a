import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { localTime, type PublicCounter, type Ticket } from '@antre/server/contract';
import { ADMIN_PASSWORD, ROOT, login, post, startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';

const PASSWORD = 'demo-uji-12345';
const TZ = 'Asia/Makassar';
/** Browser flows on a shared CI machine: generous, so load does not fail them; each step still waits at most 30 s. */
const SLOW = 120_000;

/** The officer console as a test sees it: log in, press buttons and keys, read the desk. */
class ConsolePage {
  constructor(
    readonly page: Page,
    readonly url: string,
  ) {}

  async open(path = '/counter'): Promise<this> {
    await this.page.goto(`${this.url}${path}`);
    return this;
  }

  async login(username: string): Promise<void> {
    await this.page.fill('input[name=username]', username);
    await this.page.fill('input[name=password]', PASSWORD);
    await this.page.click('button[type=submit]');
  }

  async ready(): Promise<void> {
    await this.page.waitForSelector('[data-action=call-next]:not([disabled])');
    await this.page.waitForSelector('.conn--on');
  }

  async click(action: string): Promise<void> {
    await this.page.click(`[data-action=${action}]:not([disabled])`);
  }

  async key(code: string): Promise<void> {
    await this.page.keyboard.press(code);
  }

  async waitNumber(number: string): Promise<void> {
    await this.page.waitForSelector(`[data-testid=current-number][data-number="${number}"]`);
  }

  async notice(kind: 'ok' | 'error' | 'info'): Promise<string> {
    const el = await this.page.waitForSelector(`.notice--${kind}`);
    return (await el.textContent()) ?? '';
  }

  async waitNotice(text: string): Promise<void> {
    await this.page.waitForFunction((t) => [...document.querySelectorAll('.notice')].some((n) => n.textContent?.includes(t)), text);
  }

  async dismiss(): Promise<void> {
    await this.page.click('.notice__close');
    await this.page.waitForSelector('.notice-slot .notice', { state: 'detached' });
  }

  async count(id: string): Promise<string> {
    return (await this.page.textContent(`[data-count="${id}"] dd`)) ?? '';
  }

  async waitCount(id: string, value: string): Promise<void> {
    await this.page.waitForFunction(([i, v]) => document.querySelector(`[data-count="${i}"] dd`)?.textContent === v, [id, value] as const);
  }
}

let server: ServerProcess;
let desk: Browser;
/** A second officer's browser (its own storage), with touch for the phone layouts. */
let second: Browser;
let admin: string;

async function issue(serviceId: string, priority?: string): Promise<string> {
  const r = await post(server.url, '/api/tickets', admin, { serviceId, ...(priority ? { priority } : {}) });
  expect(r.status).toBe(201);
  return r.body.number as string;
}

async function counter(id: string): Promise<PublicCounter> {
  const r = await fetch(`${server.url}/api/counters`);
  const body = (await r.json()) as { counters: PublicCounter[] };
  return body.counters.find((c) => c.counterId === id)!;
}

async function todayTickets(): Promise<Ticket[]> {
  const r = await fetch(`${server.url}/api/tickets`, { headers: { authorization: `Bearer ${admin}` } });
  return ((await r.json()) as { tickets: Ticket[] }).tickets;
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'counter-ui/dist/index.html'))) throw new Error('counter-ui is not built: run `npm run build -w counter-ui` first');
  server = await startServerProcess();
  admin = await login(server.url, 'admin', ADMIN_PASSWORD);
  [desk, second] = await Promise.all([launchBrowser(), launchBrowser({ touch: true })]);
});

afterAll(async () => {
  await Promise.all([desk?.close(), second?.close()]);
  await server?.kill();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

describe('officer console', () => {
  it(
    'an officer logs in, calls, recalls, finishes, holds, transfers, takes a break and comes back',
    async () => {
      const a1 = await issue('ktp');
      const a2 = await issue('ktp', 'lansia');
      const b1 = await issue('kk');
      const c = new ConsolePage(await desk.page({ width: 1440, height: 900 }), server.url);
      await c.open();
      await c.login('petugas1');
      await c.ready();
      // One assigned counter: no picker, straight to the desk.
      expect(await c.page.textContent('[data-testid=counter-name]')).toBe('Loket 1');
      await c.page.waitForFunction(() => document.querySelector('[data-testid=waiting-total]')?.textContent === '3');
      expect(await c.page.isVisible(`[data-ticket="${a2}"] [data-priority=lansia]`)).toBe(true);

      // Call with the big button: the priority visitor comes first.
      await c.click('call-next');
      await c.waitNumber(a2);
      expect((await counter('loket-1')).ticket).toMatchObject({ number: a2, status: 'called' });
      expect(await c.notice('ok')).toContain(`${a2} dipanggil`);
      await screenshot(c.page, 'console-desk-called');

      // Recall with the keypad "." key, start with "0": the server records both.
      await c.key('NumpadDecimal');
      await c.page.waitForSelector('[data-testid=recalls]:has-text("1/2")');
      await c.key('Numpad0');
      await c.page.waitForSelector('[data-testid=timer-serving]');
      expect((await counter('loket-1')).ticket?.status).toBe('serving');
      const t0 = await c.page.textContent('[data-testid=timer-serving]');
      await c.page.waitForFunction((v) => document.querySelector('[data-testid=timer-serving]')?.textContent !== v, t0, { timeout: 3000 });
      await screenshot(c.page, 'console-desk-serving');

      // Finish with "-": the desk is free and my counts say one served.
      await c.key('NumpadSubtract');
      await c.page.waitForSelector('[data-testid=current-number][data-number=""]');
      await c.waitCount('served', '1');

      // Next visitor with keypad Enter; park them (hold with a note), then resume with "2" and call them back first.
      await c.key('NumpadEnter');
      await c.waitNumber(a1);
      await c.key('NumpadDivide');
      await c.page.fill('[role=dialog] input[name=note]', 'fotokopi KK');
      await c.page.keyboard.press('Enter');
      await c.page.waitForSelector(`[data-held="${a1}"]`);
      expect(await c.page.textContent(`[data-held="${a1}"]`)).toContain('fotokopi KK');
      await c.key('Numpad2');
      await c.page.waitForSelector(`[data-held="${a1}"]`, { state: 'detached' });
      await c.page.waitForSelector(`.wl__group--reserved [data-ticket="${a1}"]`);
      await c.key('NumpadAdd');
      await c.waitNumber(a1);

      // Transfer to another service with a note: the visitor gets a new number in that line.
      await c.key('Numpad1');
      await c.page.waitForSelector('[role=dialog]');
      await c.page.selectOption('select[name=toServiceId]', 'kk');
      await c.page.fill('[role=dialog] input[name=note]', 'perlu KK baru');
      await screenshot(c.page, 'console-transfer-dialog');
      await c.page.click('[role=dialog] button[type=submit]');
      await c.waitNotice('Dialihkan sebagai');
      await c.page.waitForSelector('[data-testid=current-number][data-number=""]');
      const moved = (await todayTickets()).find((t) => t.transferredFrom && t.serviceId === 'kk')!;
      expect(moved).toMatchObject({ status: 'waiting', note: 'perlu KK baru' });
      expect(await c.notice('ok')).toContain(`Dialihkan sebagai ${moved.number}`);
      await c.page.waitForSelector(`[data-ticket="${moved.number}"]`);
      await c.waitCount('transferred', '1');

      // Break for 30 minutes: the desk says until when (WITA, from the server's own return time).
      await c.key('Numpad4');
      await c.page.click('[role=dialog] .pill:has-text("30")');
      await c.page.click('[role=dialog] button[type=submit]');
      await c.page.waitForSelector('[data-testid=break-until]');
      const onBreak = await counter('loket-1');
      expect(onBreak.status).toBe('break');
      expect(onBreak.breakUntil! - Date.now()).toBeGreaterThan(29 * 60000);
      expect(await c.page.textContent('[data-testid=break-until]')).toBe(`Istirahat sampai ${localTime(onBreak.breakUntil!, TZ)}`);
      await c.dismiss();
      await screenshot(c.page, 'console-desk-break');

      // Back to work with the big button, then serve the line out until the server says nobody waits.
      // The transferred visitor keeps the place of their first ticket, so they come before B-001.
      await c.click('open');
      await c.ready();
      expect((await counter('loket-1')).status).toBe('open');
      await c.click('call-next');
      await c.waitNumber(moved.number);
      await c.key('KeyX'); // absent, asked once
      await c.page.click('[role=dialog] button[type=submit]');
      await c.page.waitForSelector('[data-testid=current-number][data-number=""]');
      await c.key('Enter');
      await c.waitNumber(b1);
      await c.key('KeyS');
      await c.page.waitForSelector('[data-testid=current-number][data-number=""]');
      await c.key('NumpadEnter');
      // Nobody waiting is a calm fact, not a red error.
      const refusal = await c.notice('info');
      expect(refusal).toContain('Tidak ada antrean');
      expect(refusal).toContain('Nobody waiting');
      expect(await c.page.getAttribute('.notice--info', 'data-code')).toBe('QUEUE_EMPTY');
      expect(await c.page.$('.notice--error')).toBeNull();
      await screenshot(c.page, 'console-desk-refusal');

      // My counts for today, read from the audit trail.
      await c.waitCount('served', '2');
      expect(await c.count('called')).toBe('4');
      expect(await c.count('no-show')).toBe('1');
      expect(await c.count('held')).toBe('1');

      // English switch.
      await c.page.click('.topbar button:has-text("English")');
      await c.page.waitForSelector('[data-action=call-next]:has-text("Call next")');
      await c.page.click('.topbar button:has-text("Bahasa Indonesia")');
      await c.page.close();
    },
    SLOW,
  );

  it(
    'two officers pressing call next at the same moment get different tickets',
    async () => {
      const p1 = new ConsolePage(await desk.page({ width: 1280, height: 800 }), server.url);
      const p2 = new ConsolePage(await second.page({ width: 1280, height: 800 }), server.url);
      await p1.open();
      await p2.open();
      await p2.login('petugas2');
      await Promise.all([p1.ready(), p2.ready()]);
      for (let round = 0; round < 3; round++) {
        const issued = [await issue('ktp'), await issue('ktp')];
        await Promise.all([
          p1.page.waitForSelector('[data-testid=waiting-total]:has-text("2")'),
          p2.page.waitForSelector('[data-testid=waiting-total]:has-text("2")'),
        ]);
        // Both at once: each console sends its command without waiting for the other.
        await Promise.all([p1.key('NumpadEnter'), p2.key('NumpadEnter')]);
        const read = (p: ConsolePage) =>
          p.page
            .waitForSelector(`[data-testid=current-number]:is(${issued.map((n) => `[data-number="${n}"]`).join(',')})`)
            .then((e) => e.getAttribute('data-number'));
        const [n1, n2] = await Promise.all([read(p1), read(p2)]);
        expect(n1).not.toBe(n2);
        expect([n1, n2].sort()).toEqual([...issued].sort());
        const [c1, c2] = await Promise.all([counter('loket-1'), counter('loket-2')]);
        expect([c1.ticket?.number, c2.ticket?.number]).toEqual([n1, n2]);
        await Promise.all([p1.key('NumpadSubtract'), p2.key('NumpadSubtract')]);
        await Promise.all([p1, p2].map((p) => p.page.waitForSelector('[data-testid=current-number][data-number=""]')));
      }
      await p1.page.close();
      await p2.page.close();
    },
    SLOW,
  );

  it(
    'an officer cannot act on another counter, and the API refuses it too',
    async () => {
      const other = new ConsolePage(await second.page({ width: 1280, height: 800 }), server.url);
      await other.open();
      await other.page.click('.topbar button:has-text("Keluar")');
      await other.login('petugas3');
      await other.ready();
      // A link to someone else's counter: the console refuses it and offers only the officer's own.
      await other.open('/counter?counter=loket-1');
      const alert = await other.page.waitForSelector('[data-code=NOT_YOUR_COUNTER]');
      expect(await alert.textContent()).toContain('Loket ini bukan tugas Anda');
      expect(await other.page.$$eval('[data-counter]', (els) => els.map((e) => e.getAttribute('data-counter')))).toEqual(['loket-3']);
      await screenshot(other.page, 'console-picker-refused');

      // The same officer's token, sent straight to the API from the page.
      await issue('ktp');
      const res = await other.page.evaluate(async () => {
        const { token } = JSON.parse(localStorage.getItem('antre.session')!) as { token: string };
        const r = await fetch('/api/counters/loket-1/call-next', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: '{}',
        });
        return { status: r.status, body: await r.json() };
      });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('NOT_YOUR_COUNTER');
      expect((await counter('loket-1')).ticket).toBeNull();

      // A supervisor may use the console at any counter: the same link opens Loket 1, the picker lists all.
      await other.page.click('.topbar button:has-text("Keluar")');
      await other.login('supervisor');
      await other.ready();
      expect(await other.page.textContent('[data-testid=counter-name]')).toBe('Loket 1');
      await other.page.click('.topbar button:has-text("Ganti loket")');
      await other.page.waitForSelector('[data-counter=loket-1]');
      expect(await other.page.$$eval('[data-counter]', (els) => els.length)).toBe(4);
      await other.page.close();
    },
    SLOW,
  );

  it(
    'returns to the login screen when the server refuses the session token',
    async () => {
      const c = new ConsolePage(await desk.page({ width: 1280, height: 800 }), server.url);
      await c.open();
      await c.ready();
      const token = await c.page.evaluate(() => (JSON.parse(localStorage.getItem('antre.session')!) as { token: string }).token);
      const r = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      expect(r.status).toBe(204);
      await c.key('NumpadEnter');
      await c.page.waitForSelector('input[name=username]');
      expect(await c.page.textContent('.login')).toContain('Sesi Anda berakhir');
      expect(await c.page.evaluate(() => localStorage.getItem('antre.session'))).toBeNull();
      await c.page.close();
    },
    SLOW,
  );

  it(
    'the phone layout calls, recalls and finishes with one huge button',
    async () => {
      const number = await issue('skck');
      const c = new ConsolePage(await second.page({ width: 390, height: 844 }), server.url);
      await c.open('/counter/button');
      await c.page.evaluate(() => localStorage.clear());
      await c.open('/counter/button');
      await c.login('petugas3');
      await c.ready();
      const box = await c.page.locator('.bigbtn__call').boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      expect(box!.height).toBeGreaterThan(200);
      await c.page.tap('[data-action=call-next]');
      await c.waitNumber(number);
      await c.page.tap('[data-action=recall]');
      await c.page.waitForFunction(() => document.querySelector('.notice--ok')?.textContent?.includes('dipanggil ulang'));
      await c.dismiss();
      await screenshot(c.page, 'console-phone-called');
      await c.page.tap('[data-action=finish]');
      await c.page.waitForSelector('[data-testid=current-number][data-number=""]');
      expect((await todayTickets()).find((t) => t.number === number)).toMatchObject({ status: 'done', recalls: 1 });
      await c.page.close();
    },
    SLOW,
  );

  it(
    'a phone paired as a call button, and the documented HTTP call with its token',
    async () => {
      const created = await post(server.url, '/api/devices', admin, { kind: 'button', name: 'Tombol Loket 4', ref: 'loket-4' });
      expect(created.status).toBe(201);
      const number = await issue('sertipikat');
      const page = await second.page({ width: 390, height: 844 });
      await page.goto(`${server.url}${new URL(created.body.pairingUrl).pathname}?pair=${created.body.code}`);
      const c = new ConsolePage(page, server.url);
      await c.ready();
      expect(await page.textContent('[data-testid=counter-name]')).toBe('Loket 4');
      expect(await page.$('[data-action=finish]')).toBeNull();
      await c.key('NumpadEnter');
      await c.waitNumber(number);
      await screenshot(page, 'console-phone-button-device');

      // The token a networked button uses: call-next, recall and absent for its one counter, nothing else.
      const token = await page.evaluate(() => (JSON.parse(localStorage.getItem('antre.button-device')!) as { token: string }).token);
      const recall = await post(server.url, '/api/counters/loket-4/recall', token);
      expect(recall.status).toBe(200);
      expect(recall.body.recalls).toBe(1);
      expect((await post(server.url, '/api/counters/loket-4/finish', token)).status).toBe(403);
      expect((await post(server.url, '/api/counters/loket-1/call-next', token)).body.error.code).toBe('NOT_YOUR_COUNTER');
      // Next from the button ends the called visitor's visit as served (the desk has no other way on).
      const next = await post(server.url, '/api/counters/loket-4/call-next', token);
      expect(next).toMatchObject({ status: 200, body: { number, status: 'done' } });
      expect((await post(server.url, '/api/counters/loket-4/call-next', token)).body.error.code).toBe('QUEUE_EMPTY');
      expect((await todayTickets()).find((t) => t.number === number)).toMatchObject({ status: 'done' });
      await page.close();
    },
    SLOW,
  );
});

describe('officer console on the real venue (screenshots)', () => {
  let real: ServerProcess;
  afterAll(async () => {
    await real?.kill();
    if (real) rmSync(real.dataDir, { recursive: true, force: true });
  });

  it(
    'desk and phone at MPP Simpurusiang look right',
    async () => {
      real = await startServerProcess({ venue: join(ROOT, 'server/venues/mpp-simpurusiang.json'), env: { ANTRE_IGNORE_HOURS: '1' } });
      const token = await login(real.url, 'admin', ADMIN_PASSWORD);
      // The demo staff are created once the server already answers: wait for them before an officer logs in.
      await expect
        .poll(
          async () => {
            const r = await fetch(`${real.url}/api/users`, { headers: { authorization: `Bearer ${token}` } });
            return ((await r.json()) as { users?: { username: string }[] }).users?.some((u) => u.username === 'petugas2') ?? false;
          },
          { timeout: 30_000 },
        )
        .toBe(true);
      const plan: [string, string | null][] = [
        ['dukcapil-ktp-el', null],
        ['dukcapil-kk', null],
        ['dukcapil-ktp-el', 'lansia'],
        ['dukcapil-pindah-datang', null],
        ['dukcapil-ktp-el', null],
        ['dukcapil-kk', 'ibu_hamil'],
        ['dukcapil-ktp-el', null],
        ['dukcapil-kk', null],
        ['dukcapil-ktp-el', 'disabilitas'],
        ['dukcapil-ktp-el', null],
      ];
      for (const [serviceId, priority] of plan) expect((await post(real.url, '/api/tickets', token, { serviceId, priority })).status).toBe(201);
      const c = new ConsolePage(await desk.page({ width: 1440, height: 900 }), real.url);
      await c.open();
      await c.page.evaluate(() => localStorage.clear());
      await c.open();
      await c.login('petugas2');
      await c.ready();
      await c.key('NumpadEnter');
      await c.page.waitForSelector('[data-testid=current-number]:not([data-number=""])');
      await c.key('Numpad0');
      await c.page.waitForSelector('[data-testid=timer-serving]');
      await c.dismiss();
      await screenshot(c.page, 'console-real-desk');
      await c.page.setViewportSize({ width: 1024, height: 768 });
      await screenshot(c.page, 'console-real-desk-1024');
      await c.page.click('.topbar button:has-text("English")');
      await c.page.setViewportSize({ width: 390, height: 844 });
      await c.page.waitForSelector('.bigbtn__call');
      await screenshot(c.page, 'console-real-phone-en');
      await c.page.click('.bar__menu button:has-text("Bahasa Indonesia")');
      await c.page.close();
    },
    SLOW,
  );
});
