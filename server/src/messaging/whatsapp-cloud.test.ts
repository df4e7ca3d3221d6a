import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SendError, type OutgoingMessage } from './channel.js';
import { FakeCloudApi } from './testing/fake-cloud-api.js';
import { WhatsappCloudChannel, whatsappCloudConfig } from './whatsapp-cloud.js';

const api = new FakeCloudApi();
let channel: WhatsappCloudChannel;
const msg: OutgoingMessage = {
  id: 'm1',
  to: '6281234567890',
  kind: 'called',
  params: ['A-007', 'Loket 5'],
  text: 'MPP: antrean A-007, silakan ke Loket 5 sekarang.',
};

beforeAll(async () => {
  const baseUrl = await api.start();
  channel = new WhatsappCloudChannel(
    whatsappCloudConfig.parse({
      kind: 'whatsapp-cloud',
      baseUrl,
      phoneNumberId: '106540352242922',
      accessToken: api.token,
      templates: { called: 'antre_called', almost_turn: 'antre_almost', booking_confirmed: 'antre_unapproved' },
    }),
  );
});
afterAll(() => api.stop());
beforeEach(() => {
  api.mode = 'ok';
  api.received.length = 0;
});

const sendErr = (m: OutgoingMessage = msg, ms = 2000) =>
  channel.send(m, AbortSignal.timeout(ms)).then(
    () => null,
    (e: unknown) => e as SendError,
  );

describe('WhatsApp Cloud API channel against a local fake of the messages endpoint', () => {
  it('sends a template message in the Cloud API wire format and returns the wamid', async () => {
    const r = await channel.send(msg, AbortSignal.timeout(2000));
    expect(r.providerId).toMatch(/^wamid\./);
    expect(api.received).toHaveLength(1);
    const got = api.received[0]!;
    expect(got.phoneNumberId).toBe('106540352242922');
    expect(got.authorization).toBe(`Bearer ${api.token}`);
    expect(got.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '6281234567890',
      type: 'template',
      template: {
        name: 'antre_called',
        language: { code: 'id' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'A-007' },
              { type: 'text', text: 'Loket 5' },
            ],
          },
        ],
      },
    });
  });

  it('a template the API does not know is refused for good (another channel must take it)', async () => {
    const e = await sendErr({ ...msg, kind: 'booking_confirmed' });
    expect(e).toBeInstanceOf(SendError);
    expect(e!.retryable).toBe(false);
    expect(e!.opts.providerCode).toBe(132001);
    // a kind with no template at all never reaches the API
    const before = api.hits;
    expect((await sendErr({ ...msg, kind: 'survey' }))!.retryable).toBe(false);
    expect(api.hits).toBe(before);
  });

  it('error 130429 (throughput) and code 4 with HTTP 429 are rate limits; code 2 is temporary', async () => {
    api.mode = 'rate-limited';
    const a = await sendErr();
    expect(a).toMatchObject({ retryable: true, rateLimited: true });
    expect(a!.opts.providerCode).toBe(130429);
    api.mode = 'throttled';
    const b = await sendErr();
    expect(b).toMatchObject({ retryable: true, rateLimited: true });
    expect(b!.opts.retryAfterMs).toBe(60_000);
    api.mode = 'server-error';
    expect(await sendErr()).toMatchObject({ retryable: true, rateLimited: false });
  });

  it('a provider that is down or too slow fails the attempt, retryably, within the time given', async () => {
    api.mode = 'down';
    expect(await sendErr()).toMatchObject({ retryable: true });
    api.mode = 'slow';
    const t0 = Date.now();
    expect(await sendErr(msg, 300)).toMatchObject({ retryable: true });
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  it('a wrong token is refused for good', async () => {
    const bad = new WhatsappCloudChannel(
      whatsappCloudConfig.parse({
        kind: 'whatsapp-cloud',
        baseUrl: (channel as unknown as { cfg: { baseUrl: string } }).cfg.baseUrl,
        phoneNumberId: '106540352242922',
        accessToken: 'EAAwrong-token',
        templates: { called: 'antre_called' },
      }),
    );
    const e = await bad.send(msg, AbortSignal.timeout(2000)).catch((x: unknown) => x as SendError);
    expect(e).toMatchObject({ retryable: false });
    expect((e as SendError).opts.providerCode).toBe(190);
  });
});
