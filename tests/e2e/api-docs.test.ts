import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  server = await startServerProcess();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.kill();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

describe('the API reference page', () => {
  it('renders under the strict CSP with nothing from outside, links every route and error code, fits 1366x768', async () => {
    const page = await browser.page({ width: 1366, height: 768 });
    const problems: string[] = [];
    const outside: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('request', (r) => !r.url().startsWith(server.url) && outside.push(r.url()));
    const res = await page.goto(`${server.url}/api/v1/docs`, { waitUntil: 'networkidle' });
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(problems).toEqual([]);
    expect(outside).toEqual([]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Antre API v1');
    // The reference of a call an integrator starts with, and an error code it links to.
    const callNext = page.locator('section#counters\\.action');
    await expect(callNext.locator('h3').textContent()).resolves.toContain('/api/v1/counters/{counterId}/{action}');
    await page.evaluate(() => document.getElementById('counters.action')?.scrollIntoView());
    await screenshot(page, 'api-docs-counter-action-1366x768');
    await callNext.locator('a[href="#error-QUEUE_EMPTY"]').click();
    await expect(page.locator('tr#error-QUEUE_EMPTY').isVisible()).resolves.toBe(true);
    await page.goto(`${server.url}/api/v1/docs`, { waitUntil: 'networkidle' });
    // Readable at a staff PC's size: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await screenshot(page, 'api-docs-1366x768');
    await page.close();
  }, 60_000);
});
