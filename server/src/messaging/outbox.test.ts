import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../testing/builders.js';
import { OutboxStore } from '../store/outbox-store.js';
import { HttpSmsChannel, httpSmsConfig } from './http-sms.js';
import { Outbox, type NewMessage } from './outbox.js';
import { FakeCloudApi } from './testing/fake-cloud-api.js';
import { FakeSmsGateway } from './testing/fake-sms-gateway.js';
import { WhatsappCloudChannel, whatsappCloudConfig } from './whatsapp-cloud.js';

const api = new FakeCloudApi();
const gw = new FakeSmsGateway();
let dir: string;
let clock: TestClock;
let wa: WhatsappCloudChannel;
let sms: HttpSmsChannel;
const opened: Outbox[] = [];

beforeAll(async () => {
  const baseUrl = await api.start();
  const smsUrl = await gw.start();
  wa = new WhatsappCloudChannel(
    whatsappCloudConfig.parse({
      kind: 'whatsapp-cloud',
      baseUrl,
      phoneNumberId: '106540352242922',
      accessToken: api.token,
      templates: { called: 'antre_called', almost_turn: 'antre_almost' },
    }),
  );
  sms = new HttpSmsChannel(httpSmsConfig.parse({ kind: 'http-sms', url: `${smsUrl}/send` }));
});
afterAll(async () => {
  await api.stop();
  await gw.stop();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'antre-outbox-'));
  clock = new TestClock();
  api.mode = 'ok';
  gw.mode = 'ok';
  api.received.length = 0;
  gw.received.length = 0;
});
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(channels = [wa, sms], over: object = {}): Promise<Outbox> {
  const store = new OutboxStore(dir);
  await store.load();
  const o = new Outbox(store, channels, {
    clock: clock.now,
    log: pino({ level: 'silent' }),
    timeZone: 'Asia/Makassar',
    autoRun: false,
    attemptTimeoutMs: 300,
    backoffMs: 30_000,
    attemptsPerChannel: 3,
    ...over,
  });
  opened.push(o);
  return o;
}

const called = (over: Partial<NewMessage> = {}): NewMessage => ({
  to: '6281234567890',
  kind: 'called',
  params: ['A-007', 'Loket 5'],
  text: 'MPP: antrean A-007, silakan ke Loket 5 sekarang.',
  ref: { ticketId: 't1' },
  ttlMs: 3600_000,
  ...over,
});

describe('outbox', () => {
  it('is on disk before it is acknowledged, and survives a restart unsent', async () => {
    api.mode = 'down';
    gw.mode = 'down';
    const o = await open();
    await o.enqueue([called()]);
    await o.close();
    opened.length = 0;
    // a new process on the same folder finds the message and sends it once the provider is back
    api.mode = 'ok';
    const o2 = await open();
    expect(o2.pending()).toBe(1);
    await o2.runDue();
    expect(api.texts()).toEqual([['A-007', 'Loket 5']]);
    expect(o2.pending()).toBe(0);
    expect(Object.values(o2.sentCounts())[0]).toEqual({ 'whatsapp-cloud': 1 });
  });

  it('retries a failing provider with growing pauses, then hands the message to the next channel', async () => {
    api.mode = 'server-error';
    const o = await open();
    await o.enqueue([called()]);
    await o.runDue();
    expect(api.hits).toBeGreaterThan(0);
    const hits = api.hits;
    await o.runDue(); // not due yet: no new try before the pause is over
    expect(api.hits).toBe(hits);
    clock.advance(29_000);
    await o.runDue();
    expect(api.hits).toBe(hits);
    clock.advance(1_000);
    await o.runDue(); // second try after 30 s
    expect(api.hits).toBe(hits + 1);
    clock.advance(59_000);
    await o.runDue();
    expect(api.hits).toBe(hits + 1);
    clock.advance(1_000);
    await o.runDue(); // third try after 60 s more fails: SMS takes it at once
    expect(api.hits).toBe(hits + 2);
    expect(gw.received).toHaveLength(1);
    expect(JSON.parse(gw.received[0]!.body).message).toContain('Loket 5');
    expect(o.pending()).toBe(0);
  });

  it('a rate limit (130429) pauses the channel for every message, without counting as a failure', async () => {
    api.mode = 'rate-limited';
    const o = await open([wa], { attemptsPerChannel: 1 });
    await o.enqueue([called(), called({ ref: { ticketId: 't2' } })]);
    await o.runDue();
    const hits = api.hits;
    expect(hits).toBeGreaterThanOrEqual(1);
    expect(o.deadLetters()).toHaveLength(0); // one allowed failure, yet nobody is given up: a busy provider is not failing
    api.mode = 'ok';
    clock.advance(60_000);
    await o.runDue();
    expect(api.hits).toBe(hits); // paused for 4 x 30 s
    clock.advance(60_000);
    await o.runDue();
    expect(api.received).toHaveLength(2);
  });

  it('a slow provider fails the attempt at the timeout; enqueueing never waits for a provider', async () => {
    api.mode = 'slow';
    api.slowMs = 3000;
    const o = await open([wa], { autoRun: true });
    const t0 = performance.now();
    await o.enqueue([called()]);
    expect(performance.now() - t0).toBeLessThan(200);
    await o.runDue();
    expect(o.pending()).toBe(1);
  });

  it('gives up when every channel failed or the message is too late, and lists it with the number masked; a supervisor can send it again', async () => {
    api.mode = 'down';
    gw.mode = 'server-error';
    const o = await open([wa, sms], { attemptsPerChannel: 1 });
    await o.enqueue([called(), called({ kind: 'almost_turn', ttlMs: 10 * 60_000, ref: { ticketId: 't3' } })]);
    await o.runDue();
    const dead = o.deadLetters();
    expect(dead).toHaveLength(2);
    expect(dead[0]!.to).toBe('6281••••••890');
    expect(JSON.stringify(dead)).not.toContain('6281234567890');
    expect(dead[0]!.lastError).toMatch(/http-sms: SMS gateway 502/);
    gw.mode = 'ok';
    expect(await o.retry(dead[0]!.id)).toBe(true);
    await o.runDue();
    expect(gw.received).toHaveLength(1);
    expect(o.deadLetters()).toHaveLength(1);
  });

  it('a message that could not go in time is dropped, never sent late', async () => {
    api.mode = 'down';
    const o = await open([wa]);
    await o.enqueue([called({ kind: 'almost_turn', ttlMs: 60_000 })]);
    await o.runDue();
    api.mode = 'ok';
    clock.advance(120_000);
    await o.runDue();
    expect(api.received).toHaveLength(0);
    expect(o.deadLetters()[0]!.lastError).toMatch(/too late to send/);
  });

  it('gives a message up at once when its next try could only come after it stopped mattering', async () => {
    api.mode = 'server-error';
    const o = await open([wa]);
    // "go to the counter" matters for 20 s; the first pause after a failure is 30 s
    await o.enqueue([called({ ttlMs: 20_000 })]);
    await o.runDue();
    expect(o.pending()).toBe(0);
    const dead = o.deadLetters();
    expect(dead).toHaveLength(1);
    expect(dead[0]!.lastError).toContain('too late to send');
    expect(dead[0]!.attempts).toBe(1);
  });

  it('purges dead letters after the retention and every message of a visit on request', async () => {
    api.mode = 'down';
    const o = await open([wa], { attemptsPerChannel: 1, deadRetentionMs: 86_400_000 });
    await o.enqueue([called()]);
    await o.runDue();
    expect(o.deadLetters()).toHaveLength(1);
    expect(await o.purge()).toBe(0);
    clock.advance(86_400_000);
    expect(await o.purge()).toBe(1);
    await o.enqueue([called({ ref: { bookingId: 'b1' } })]);
    expect(await o.purge({ bookingIds: new Set(['b1']) })).toBe(1);
    expect(o.pending()).toBe(0);
  });
});
