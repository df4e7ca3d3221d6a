import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { PublicVenue } from '@antre/server/contract';
import { ADMIN_PASSWORD, ROOT, login, post, startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';

let server: ServerProcess;
let browser: Browser;
let admin: string;
let venue: PublicVenue;

/** The survey tablet as a visitor uses it: wait for my number, touch it, nine taps, send. */
class SurveyTablet {
  constructor(readonly page: Page) {}

  async visitCard(ticketId: string) {
    return this.page.waitForSelector(`[data-testid=survey-visit][data-ticket="${ticketId}"]`, { timeout: 5000 });
  }

  /** Answers U1..U9 with the given scores, one tap each. */
  async answer(scores: number[], shoot?: (step: number) => Promise<void>): Promise<void> {
    for (const [i, score] of scores.entries()) {
      const q = await this.page.waitForSelector(`[data-testid=question-U${i + 1}]`);
      await shoot?.(i);
      await (await q.waitForSelector(`button[data-score="${score}"]`)).tap();
    }
  }
}

/** A visitor served from ticket to finish at the counter; returns the ticket. */
async function visit(serviceId: string, counterId: string): Promise<{ id: string; number: string }> {
  const t = await post(server.url, '/api/tickets', admin, { serviceId });
  expect(t.status, JSON.stringify(t.body)).toBe(201);
  const called = await post(server.url, `/api/counters/${counterId}/call-next`, admin, {});
  expect(called.body.id, JSON.stringify(called.body)).toBe(t.body.id);
  expect((await post(server.url, `/api/counters/${counterId}/finish`, admin, {})).status).toBe(200);
  return t.body;
}

const adminGet = (path: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${admin}` } });

beforeAll(async () => {
  for (const ui of ['kiosk-ui', 'counter-ui'])
    if (!existsSync(join(ROOT, ui, 'dist/index.html'))) throw new Error(`${ui} is not built: run \`npm run build -w ${ui}\` first`);
  server = await startServerProcess({ venue: join(ROOT, 'server/venues/mpp-simpurusiang.json'), env: { ANTRE_IGNORE_HOURS: '1' } });
  admin = await login(server.url, 'admin', ADMIN_PASSWORD);
  venue = (await (await fetch(`${server.url}/api/venue`)).json()) as PublicVenue;
  browser = await launchBrowser({ touch: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.kill();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

describe('SKM survey in the browser', () => {
  it('a visit finished at a counter shows on its paired tablet, nine taps send it, the supervisor sees it, a second answer is refused', async () => {
    const counter = venue.counters[0]!;
    const serviceId = counter.serviceIds[0]!;
    const device = await post(server.url, '/api/devices', admin, { kind: 'survey', name: `Tablet ${counter.name}`, ref: counter.id });
    expect(device.status).toBe(201);
    expect(device.body.pairingUrl).toContain('/survey?pair=');

    const tablet = new SurveyTablet(await browser.page({ width: 1280, height: 800 }));
    await tablet.page.goto(`${server.url}/survey?pair=${device.body.code}&idle=120`);
    await tablet.page.waitForSelector('[data-screen=survey-idle]');
    await tablet.page.waitForSelector('text=Belum ada kunjungan yang baru selesai di sini.');

    const v = await visit(serviceId, counter.id);
    const card = await tablet.visitCard(v.id);
    expect(await card.textContent()).toContain(v.number);
    await screenshot(tablet.page, 'survey-tablet-1-visit');
    await card.tap();
    await tablet.answer([4, 3, 3, 4, 3, 4, 4, 2, 3], async (i) => {
      if (i === 2) await screenshot(tablet.page, 'survey-tablet-2-question');
    });
    await tablet.page.fill('[data-testid=survey-comment]', 'Petugas ramah, tetapi antrean panjang.');
    await screenshot(tablet.page, 'survey-tablet-3-finish');
    await (await tablet.page.waitForSelector('[data-testid=survey-submit]')).tap();
    await tablet.page.waitForSelector('[data-testid=survey-thanks]');
    await screenshot(tablet.page, 'survey-tablet-4-thanks');
    // Back to idle by itself, the answered visit gone.
    await tablet.page.waitForSelector('[data-screen=survey-idle]', { timeout: 10000 });
    expect(await tablet.page.$(`[data-ticket="${v.id}"]`)).toBeNull();

    // A second answer for the same ticket is refused: from the tablet, and from the visitor's phone.
    const again = await tablet.page.evaluate(async (ticketId) => {
      const token = localStorage.getItem('antre.survey.token');
      const r = await fetch('/api/surveys', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ ticketId, scores: [1, 1, 1, 1, 1, 1, 1, 1, 1] }),
      });
      return { status: r.status, code: ((await r.json()) as { error?: { code?: string } }).error?.code };
    }, v.id);
    expect(again).toEqual({ status: 409, code: 'SURVEY_ALREADY_ANSWERED' });
    const phone = await post(server.url, '/api/surveys', null, { ticketId: v.id, scores: [1, 1, 1, 1, 1, 1, 1, 1, 1] });
    expect(phone.body.error.code).toBe('SURVEY_ALREADY_ANSWERED');

    // The supervisor's SKM page (this month by default) and its CSVs include the answer.
    const sup = await browser.page({ width: 1366, height: 768 });
    await sup.goto(`${server.url}/counter/supervisor/skm`);
    await sup.fill('input[name=username]', 'admin');
    await sup.fill('input[name=password]', ADMIN_PASSWORD);
    await sup.click('button[type=submit]');
    await sup.waitForSelector('[data-testid=skm-respondents]');
    expect(await sup.textContent('[data-testid=skm-respondents]')).toBe('1');
    // 32/9 x 25 = 83.33: band B.
    expect(await sup.textContent('[data-testid=skm-converted]')).toBe('83,33');
    expect(await sup.textContent('[data-testid=skm-band]')).toContain('B');
    expect(await sup.textContent('[data-testid=nrr-U8]')).toBe('2,00');
    expect(await sup.textContent('.skm-comments')).toContain('Petugas ramah, tetapi antrean panjang.');
    const day = (await (await fetch(`${server.url}/api/health`)).json()).day as string;
    const answers = await (await adminGet(`/api/surveys/answers.csv?from=${day}&to=${day}`)).text();
    const rows = answers.trim().split('\r\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(';tablet;');
    expect(rows[1]).toContain(';4;3;3;4;3;4;4;2;3;Petugas ramah, tetapi antrean panjang.;');
    const summary = await (await adminGet(`/api/surveys/results.csv?from=${day}&to=${day}`)).text();
    expect(summary).toContain('Responden;1\r\n');
    expect(summary).toContain('IKM konversi;83,33\r\n');
    await sup.close();
    await tablet.page.close();
  });

  it('the visitor rates the visit on their phone, and the results page and printed report show the period', async () => {
    // A morning of visits at three agencies, answered on phones, a little worse where the wait was long.
    const spots = venue.counters.slice(0, 6);
    const patterns = [
      [4, 4, 3, 4, 4, 4, 4, 3, 4],
      [3, 3, 2, 4, 3, 3, 4, 2, 3],
      [3, 4, 3, 4, 3, 3, 3, 3, 3],
      [2, 3, 2, 4, 3, 3, 3, 2, 3],
    ];
    const comments = ['Ruang tunggu nyaman.', 'Mohon tambah loket saat jam sibuk.', '', 'Persyaratan sudah jelas di kios.'];
    const sexes = ['L', 'P', null, 'P'];
    for (let i = 0; i < 16; i++) {
      const c = spots[i % spots.length]!;
      const v = await visit(c.serviceIds[0]!, c.id);
      const r = await post(server.url, '/api/surveys', null, {
        ticketId: v.id,
        scores: patterns[i % 4],
        comment: comments[i % 4] || undefined,
        profile: sexes[i % 4] ? { sex: sexes[i % 4], age: ['20_29', '30_39', '40_49'][i % 3], education: 'sma', occupation: 'swasta' } : undefined,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    // The phone: a finished visit shows the survey under the ticket.
    const c = venue.counters[1]!;
    const v = await visit(c.serviceIds[0]!, c.id);
    const phone = await browser.page({ width: 390, height: 844 });
    await phone.goto(`${server.url}/t/${v.id}`);
    await phone.waitForSelector('[data-testid=phone-survey][data-state=open]');
    await screenshot(phone, 'survey-phone-1-open');
    await new SurveyTablet(phone).answer([4, 4, 4, 4, 4, 3, 4, 3, 4]);
    await (await phone.waitForSelector('[data-testid=survey-submit]')).tap();
    await phone.waitForSelector('[data-testid=phone-survey][data-state=answered]');
    await phone.close();

    // A tablet at the exit of floor 1, upright: every visit finished on the floor waits there for its visitor.
    const exit = await post(server.url, '/api/devices', admin, { kind: 'survey', name: 'Tablet pintu keluar', floor: 1 });
    const floorTablet = new SurveyTablet(await browser.page({ width: 800, height: 1280 }));
    await floorTablet.page.goto(`${server.url}/survey?pair=${exit.body.code}`);
    await floorTablet.page.waitForSelector('[data-screen=survey-idle]');
    const onFloor1 = venue.counters.filter((x) => x.floor === 1).slice(0, 3);
    const waiting = [];
    for (const x of onFloor1) waiting.push(await visit(x.serviceIds[0]!, x.id));
    for (const w of waiting) await floorTablet.visitCard(w.id);
    await screenshot(floorTablet.page, 'survey-tablet-5-floor-portrait');
    await floorTablet.page.close();

    const sup = await browser.page({ width: 1366, height: 768 });
    await sup.goto(`${server.url}/counter/supervisor/skm`);
    await sup.waitForSelector('[data-testid=skm-respondents]');
    expect(await sup.textContent('[data-testid=skm-respondents]')).toBe('18');
    await screenshot(sup, 'survey-results-1366');
    await sup.screenshot({ path: join(ROOT, 'tests/artifacts/survey-results-1366-full.png'), fullPage: true });
    const href = await sup.getAttribute('[data-testid=skm-print-link]', 'href');
    expect(href).toMatch(/^\/counter\/supervisor\/skm\/print\?from=\d{4}-\d\d-01&to=/);
    const report = await browser.page({ width: 900, height: 1270 });
    await report.goto(`${server.url}${href}`);
    await report.waitForSelector('[data-testid=skm-report]');
    const text = (await report.textContent('[data-testid=skm-report]')) ?? '';
    expect(text).toContain('LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT');
    expect(text).toContain('V. Rencana tindak lanjut');
    await report.screenshot({ path: join(ROOT, 'tests/artifacts/survey-report.png'), fullPage: true });
    await report.close();
    await sup.close();
  });
});
