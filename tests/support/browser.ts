import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser as PwBrowser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './server-process.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'tests/artifacts');

/** Flags that let Debian's Chromium run headless as root on a machine with no outside network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

export interface Browser {
  context: BrowserContext;
  page(viewport?: { width: number; height: number }, opts?: { touch?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * One Chromium per test worker, started on first use: each browser test gets a fresh context of
 * its own (empty storage, cookies and cache, its own viewport and touch), as a new profile would,
 * without starting a browser for every file (a start is about a second of CPU, twenty-odd times).
 * Playwright ends the browser when the worker's process exits.
 */
let shared: Promise<PwBrowser> | null = null;

async function sharedChromium(): Promise<PwBrowser> {
  const current = shared && (await shared.catch(() => null));
  if (current?.isConnected()) return current;
  shared = chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  return shared;
}

/** Debian's Chromium driven by playwright-core: a fresh context (empty profile) in the worker's browser. */
export async function launchBrowser(opts: { touch?: boolean } = {}): Promise<Browser> {
  const browser = await sharedChromium();
  const context = await browser.newContext({
    hasTouch: opts.touch ?? false,
    viewport: { width: 1280, height: 800 },
    locale: 'id-ID',
    timezoneId: 'Asia/Makassar',
  });
  return {
    context,
    async page(viewport) {
      const p = await context.newPage();
      if (viewport) await p.setViewportSize(viewport);
      return p;
    },
    async close() {
      await context.close();
    },
  };
}

/** Saves a screenshot under tests/artifacts/<name>.png (kept out of git) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}
