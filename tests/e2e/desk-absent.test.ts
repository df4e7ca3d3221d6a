import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Ticket } from '@antre/server/contract';
import { ADMIN_PASSWORD, ROOT, login, post } from '../support/server-process.ts';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';
import { startSimServer, type SimServer } from './sim-server.ts';

const PASSWORD = 'demo-uji-12345';
const SLOW = 120_000;
/** The venue's spacing rules as a real venue sets them (the plain test venue lets officers act at once). */
const SETTINGS = { minRecallSeconds: 10, minNoShowSeconds: 60, undoNoShowMinutes: 10 };

let server: SimServer;
let browser: Browser;
let admin: string;

async function issue(serviceId: string): Promise<string> {
  const r = await post(server.url, '/api/tickets', admin, { serviceId });
  expect(r.status).toBe(201);
  return r.body.number as string;
}

async function ticket(number: string): Promise<Ticket> {
  const r = await fetch(`${server.url}/api/tickets`, { headers: { authorization: `Bearer ${admin}` } });
  return ((await r.json()) as { tickets: Ticket[] }).tickets.find((t) => t.number === number && t.status !== 'transferred')!;
}

const waitNumber = (page: Page, number: string) => page.waitForSelector(`[data-testid=current-number][data-number="${number}"]`);
const tap = (page: Page, action: string) => page.click(`[data-action=${action}]:not([disabled])`);

/** Moves the server's clock and reloads the page, so its clock offset follows the server's. */
async function later(page: Page, ms: number): Promise<void> {
  await server.advance(ms);
  await page.reload();
  await page.waitForSelector('.conn--on');
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'counter-ui/dist/index.html'))) throw new Error('counter-ui is not built: run `npm run build -w counter-ui` first');
  server = await startSimServer({ settings: SETTINGS });
  admin = await login(server.url, 'admin', ADMIN_PASSWORD);
  browser = await launchBrowser({ touch: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.kill();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

describe('a desk with only a paired call button', () => {
  it(
    'calls next (ending the called visit as served), recalls, marks absent after asking, and undoes it',
    async () => {
      const created = await post(server.url, '/api/devices', admin, { kind: 'button', name: 'Tombol Loket 4', ref: 'loket-4' });
      expect(created.status).toBe(201);
      const [d1, d2, d3] = [await issue('sertipikat'), await issue('sertipikat'), await issue('sertipikat')];
      const page = await browser.page({ width: 390, height: 844 });
      await page.goto(`${server.url}/counter/button?pair=${created.body.code}`);
      await page.waitForSelector('.conn--on');
      await tap(page, 'call-next');
      await waitNumber(page, d1);

      // Next again: the first visitor was served, the second is called (today's main answers COUNTER_BUSY here).
      await tap(page, 'call-next');
      await waitNumber(page, d2);
      expect(await ticket(d1)).toMatchObject({ status: 'done', counterId: 'loket-4' });
      const served = await ticket(d1);
      expect(served.startedAt).toBe(served.calledAt);
      expect(served.finishedAt).toBeGreaterThanOrEqual(served.startedAt!);

      // Recall and absent wait for the venue's minimum times; the buttons say how long.
      expect(await page.isDisabled('[data-action=recall]')).toBe(true);
      expect(await page.textContent('[data-action=no-show]')).toContain('bisa dalam');
      await screenshot(page, 'button-device-called-wait');
      await later(page, 11_000);
      await tap(page, 'recall');
      await page.waitForFunction(() => document.querySelector('.notice--ok')?.textContent?.includes('dipanggil ulang'));
      expect((await ticket(d2)).recalls).toBe(1);

      await later(page, 50_000);
      await tap(page, 'no-show');
      // Asked once: nothing changes until the officer confirms.
      await page.waitForSelector('[role=alertdialog]');
      expect(await page.textContent('[role=alertdialog]')).toContain(`Tandai ${d2} tidak hadir?`);
      await screenshot(page, 'button-device-absent-confirm');
      expect((await ticket(d2)).status).toBe('called');
      await tap(page, 'confirm-no-show');
      await page.waitForSelector(`[data-testid=undo-absent][data-ticket="${d2}"]`);
      expect((await ticket(d2)).status).toBe('no_show');
      await screenshot(page, 'button-device-absent-undo');

      // The visitor turns up: undo puts them back at the head of this desk's line, before D-003.
      await tap(page, 'undo-no-show');
      await page.waitForSelector('[data-testid=undo-absent]', { state: 'detached' });
      expect(await ticket(d2)).toMatchObject({ status: 'waiting', targetCounterId: 'loket-4' });
      await tap(page, 'call-next');
      await waitNumber(page, d2);
      await tap(page, 'call-next');
      await waitNumber(page, d3);
      expect((await ticket(d2)).status).toBe('done');

      // The button's token, as a networked hardware button uses it: the same four actions, nothing more.
      const token = await page.evaluate(() => (JSON.parse(localStorage.getItem('antre.button-device')!) as { token: string }).token);
      expect((await post(server.url, '/api/counters/loket-4/finish', token)).status).toBe(403);
      expect((await post(server.url, '/api/counters/loket-4/status', token, { status: 'closed' })).status).toBe(403);
      await page.close();
    },
    SLOW,
  );
});

describe('absent at the officer console', () => {
  it(
    'refuses a recall and an absent too soon, asks before absent, and lets a supervisor undo it after the officer’s window',
    async () => {
      const a1 = await issue('ktp');
      const page = await browser.page({ width: 1366, height: 768 });
      await page.goto(`${server.url}/counter`);
      await page.fill('input[name=username]', 'petugas1');
      await page.fill('input[name=password]', PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForSelector('[data-action=call-next]:not([disabled])');
      await page.keyboard.press('KeyN');
      await waitNumber(page, a1);
      const officer = await page.evaluate(() => (JSON.parse(localStorage.getItem('antre.session')!) as { token: string }).token);

      // N then R R R and X within two seconds: nothing is marked absent.
      for (const k of ['KeyR', 'KeyR', 'KeyR']) await page.keyboard.press(k);
      const recall = await post(server.url, '/api/counters/loket-1/recall', officer);
      expect(recall.status).toBe(409);
      expect(recall.body.error.code).toBe('RECALL_TOO_SOON');
      expect(recall.body.error.message.id).toMatch(/\d+ detik/);
      const early = await post(server.url, '/api/counters/loket-1/no-show', officer);
      expect(early.body.error.code).toBe('NO_SHOW_TOO_SOON');
      await page.keyboard.press('KeyX');
      await page.waitForSelector('[role=dialog]');
      expect(await page.isDisabled('[role=dialog] button[type=submit]')).toBe(true);
      await screenshot(page, 'console-absent-too-soon');
      await page.keyboard.press('Escape');
      expect(await ticket(a1)).toMatchObject({ status: 'called', recalls: 0 });

      // A minute later the officer may mark absent, after confirming.
      await later(page, 61_000);
      await page.keyboard.press('KeyX');
      await page.waitForSelector('[role=dialog] button[type=submit]:not([disabled])');
      await page.click('[role=dialog] button[type=submit]');
      await page.waitForSelector(`[data-testid=undo-absent][data-ticket="${a1}"]`);
      await waitNumber(page, '');
      await screenshot(page, 'console-absent-undo');
      expect((await ticket(a1)).status).toBe('no_show');

      // Past the officer's window only a supervisor may undo; the visitor goes back to the head of Loket 1's line.
      await later(page, 11 * 60_000);
      const id = (await ticket(a1)).id;
      const late = await post(server.url, '/api/counters/loket-1/undo-no-show', officer, { ticketId: id });
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('UNDO_TOO_LATE');
      const supervisor = await login(server.url, 'supervisor', PASSWORD);
      const undone = await post(server.url, '/api/counters/loket-1/undo-no-show', supervisor, { ticketId: id });
      expect(undone.status).toBe(200);
      expect(undone.body).toMatchObject({ status: 'waiting', targetCounterId: 'loket-1', recalls: 0 });
      // Now a supervisor re-route is accepted (it was refused while the visitor stood absent).
      const rerouted = await post(server.url, `/api/tickets/${id}/transfer`, supervisor, { toCounterId: 'loket-2' });
      expect(rerouted.status).toBe(200);
      await page.close();
    },
    SLOW,
  );
});
