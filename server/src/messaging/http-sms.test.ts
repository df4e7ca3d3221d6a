import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SendError, type OutgoingMessage } from './channel.js';
import { HttpSmsChannel, httpSmsConfig } from './http-sms.js';
import { FakeSmsGateway } from './testing/fake-sms-gateway.js';

const gw = new FakeSmsGateway();
let base: string;
const msg: OutgoingMessage = { id: 'm7', to: '6281234567890', kind: 'called', params: [], text: 'Antrean "A-007"\nsilakan ke Loket 5 & tunggu' };

beforeAll(async () => {
  base = await gw.start();
});
afterAll(() => gw.stop());
beforeEach(() => {
  gw.mode = 'ok';
  gw.received.length = 0;
});

const chan = (over: object = {}) =>
  new HttpSmsChannel(httpSmsConfig.parse({ kind: 'http-sms', url: `${base}/send`, headers: { 'X-Api-Key': 'k-123' }, idPath: 'data.id', ...over }));
const err = (c: HttpSmsChannel, ms = 2000) =>
  c.send(msg, AbortSignal.timeout(ms)).then(
    () => null,
    (e: unknown) => e as SendError,
  );

describe('generic HTTP SMS gateway channel', () => {
  it('fills a JSON body template, escaping the text, and reads the id from the answer', async () => {
    const r = await chan().send(msg, AbortSignal.timeout(2000));
    expect(r.providerId).toBe('sms-1');
    const got = gw.received[0]!;
    expect(got).toMatchObject({ method: 'POST', url: '/send', contentType: 'application/json', apiKey: 'k-123' });
    expect(JSON.parse(got.body)).toEqual({ to: '6281234567890', message: msg.text });
  });

  it('fills a form body and a GET address with URL-encoded values', async () => {
    await chan({ body: 'userkey=abc&nohp={{to}}&pesan={{text}}', contentType: 'application/x-www-form-urlencoded' }).send(msg, AbortSignal.timeout(2000));
    expect(new URLSearchParams(gw.received[0]!.body).get('pesan')).toBe(msg.text);
    await chan({ method: 'GET', url: `${base}/api?to={{to}}&text={{text}}` }).send(msg, AbortSignal.timeout(2000));
    const u = new URL(gw.received[1]!.url, base);
    expect(u.searchParams.get('text')).toBe(msg.text);
    expect(u.searchParams.get('to')).toBe('6281234567890');
  });

  it('429 is a rate limit with its Retry-After; 5xx and a dead line are retryable; a refusal in the body is not', async () => {
    gw.mode = 'rate-limited';
    const a = await err(chan());
    expect(a).toMatchObject({ retryable: true, rateLimited: true });
    expect(a!.opts.retryAfterMs).toBe(30_000);
    gw.mode = 'server-error';
    expect(await err(chan())).toMatchObject({ retryable: true, rateLimited: false });
    gw.mode = 'down';
    expect(await err(chan())).toMatchObject({ retryable: true });
    gw.mode = 'refused-in-body';
    expect(await err(chan({ failurePattern: '"status"\\s*:\\s*"error"' }))).toMatchObject({ retryable: false });
    gw.mode = 'slow';
    expect(await err(chan(), 200)).toMatchObject({ retryable: true });
  });

  it('settings that are not a gateway address are refused with the field named', () => {
    const r = httpSmsConfig.safeParse({ kind: 'http-sms', url: 'ftp://x' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['url']);
  });
});
