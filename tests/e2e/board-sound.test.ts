import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ADMIN_PASSWORD, ROOT, login, post, startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { CHROMIUM, CHROMIUM_ARGS, screenshot } from '../support/browser.ts';

const SLOW = 120_000;
let server: ServerProcess;
let admin: string;
let strict: BrowserContext;
let profile: string;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What covers the board's calls and tiles, read in one go (any page call may count as the tap that unlocks sound). */
function coverage(page: Page) {
  return page.evaluate(() => {
    const covered: string[] = [];
    for (const el of document.querySelectorAll('[data-testid=latest-number], [data-testid=tile-number], .recent-number, [data-testid^=counter-]')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      for (const [fx, fy] of [
        [0.5, 0.5],
        [0.1, 0.5],
        [0.9, 0.5],
      ] as const) {
        const top = document.elementFromPoint(r.left + r.width * fx, r.top + r.height * fy);
        if (top && !el.contains(top) && !top.contains(el))
          covered.push(`${el.getAttribute('data-testid') ?? el.className} "${el.textContent}" under ${top.className || top.tagName}`);
      }
    }
    const mark = document.querySelector('[data-testid=sound-blocked]')?.getBoundingClientRect();
    return {
      covered,
      mark: mark ? (mark.width * mark.height) / (window.innerWidth * window.innerHeight) : null,
      text: document.body.innerText,
      latest: document.querySelector('[data-testid=latest-number]')?.textContent ?? null,
    };
  });
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'display-ui/dist/index.html'))) throw new Error('display-ui is not built: run `npm run build -w display-ui` first');
  server = await startServerProcess();
  admin = await login(server.url, 'admin', ADMIN_PASSWORD);
  profile = mkdtempSync(join(tmpdir(), 'antre-noautoplay-'));
  // Without the autoplay flag: the browser blocks sound until someone taps the TV.
  strict = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1920, height: 1080 },
    locale: 'id-ID',
    timezoneId: 'Asia/Makassar',
    args: CHROMIUM_ARGS.filter((a) => !a.startsWith('--autoplay-policy')),
  });
});

afterAll(async () => {
  await strict?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  await server?.kill();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

describe('a hall TV whose sound is blocked', () => {
  for (const [name, viewport] of [
    ['landscape', { width: 1920, height: 1080 }],
    ['portrait', { width: 1080, height: 1920 }],
  ] as const) {
    it(
      `shows every call and tile to the public, with only a small staff mark and no technical text (${name})`,
      async () => {
        const dev = await post(server.url, '/api/devices', admin, { kind: 'display', name: `TV ${name}`, floor: 1 });
        const page = await strict.newPage();
        await page.setViewportSize(viewport);
        const lines: string[] = [];
        page.on('console', (m) => lines.push(m.text()));
        await page.goto(dev.body.pairingUrl);
        for (const end = Date.now() + 15000; Date.now() < end && !lines.some((l) => l.includes('[antre] sound blocked'));) await sleep(50);
        expect(lines.some((l) => l.includes('[antre] sound blocked'))).toBe(true);
        // Calls arrive while sound is blocked (nothing may touch the page before it is read).
        let last = '';
        for (const counterId of ['loket-1', 'loket-2', 'loket-3']) {
          const serviceId = counterId === 'loket-3' ? 'skck' : 'ktp';
          expect((await post(server.url, '/api/tickets', admin, { serviceId })).status).toBe(201);
          const called = await post(server.url, `/api/counters/${counterId}/call-next`, admin);
          if (called.status === 200) last = called.body.number;
          else expect(called.body.error.code).toBe('COUNTER_BUSY'); // from the landscape run: finish and call again
          if (called.status !== 200) {
            await post(server.url, `/api/counters/${counterId}/finish`, admin);
            last = (await post(server.url, `/api/counters/${counterId}/call-next`, admin)).body.number;
          }
        }
        await sleep(2500);
        await screenshot(page, `board-sound-blocked-${name}`);
        const seen = await coverage(page);
        expect(seen.latest).toBe(last);
        expect(seen.covered).toEqual([]);
        expect(seen.mark).not.toBeNull();
        expect(seen.mark!).toBeLessThan(0.005);
        expect(seen.text).not.toContain('autoplay');
        expect(seen.text).not.toContain('Chromium');
        await page.close();
      },
      SLOW,
    );
  }
});
