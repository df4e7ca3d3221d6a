import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ERRORS } from '../contract/errors.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { FakeCloudApi } from './testing/fake-cloud-api.js';

const api = new FakeCloudApi();
let h: Harness;
let kiosk: string;

async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function expectError(r: { status: number; body: any }, code: keyof typeof ERRORS): void {
  expect(r.body?.error?.code, JSON.stringify(r.body)).toBe(code);
  expect(r.status).toBe(ERRORS[code].status);
  expect(r.body.error.message.id).toBeTruthy();
  expect(r.body.error.message.en).toBeTruthy();
}

beforeAll(async () => {
  const baseUrl = await api.start();
  h = await startHarness({
    messaging: {
      channels: [
        {
          kind: 'whatsapp-cloud',
          baseUrl,
          phoneNumberId: '106540352242922',
          accessToken: api.token,
          templates: { called: 'antre_called', almost_turn: 'antre_almost' },
        },
      ],
    },
    outbox: { attemptTimeoutMs: 500 },
  });
  const created = await h.api('/api/devices', { token: h.adminToken, body: { kind: 'kiosk', name: 'kios', ref: 'kiosk-1' } });
  kiosk = (await h.api('/api/devices/pair', { body: { code: created.body.code } })).body.token;
});
afterAll(async () => {
  await h.close();
  await api.stop();
});
beforeEach(() => {
  api.mode = 'ok';
  api.received.length = 0;
});

const issue = async () => (await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'ktp' } })).body;
/** The officer finishes the visitor at the desk (if any) and calls the next one. */
async function callNext(counter = 'loket-1') {
  await h.api(`/api/counters/${counter}/finish`, { token: h.adminToken, method: 'POST' });
  return h.api(`/api/counters/${counter}/call-next`, { token: h.adminToken, method: 'POST' });
}

describe('messages on queue events to a walk-in visitor who added a number', () => {
  it('sends "3 lagi sebelum Anda" once and "Silakan ke Loket 1 sekarang" at the call', async () => {
    const tickets = [];
    for (let i = 0; i < 5; i++) tickets.push(await issue());
    const mine = tickets[4];
    const add = await h.api(`/api/tickets/${mine.id}/contact`, { body: { phone: '0812-3456-7890', consent: true } });
    expect(add.status).toBe(201);
    expect(add.body).toEqual({ registered: true, phone: '6281••••••890' });
    expect((await h.api(`/api/tickets/${mine.id}/contact`)).body).toEqual({ available: true, registered: true, phone: '6281••••••890' });

    await callNext(); // A-001 called: three left before A-005
    await until(() => api.received.length === 1);
    expect(api.received[0]!.body.to).toBe('6281234567890');
    expect(api.received[0]!.body.template.name).toBe('antre_almost');
    expect(api.texts()[0]).toEqual([mine.number, '3', 'KTP-el']);
    await callNext();
    await callNext();
    await callNext();
    await new Promise((r) => setTimeout(r, 100));
    expect(api.received).toHaveLength(1); // once only, not at 2 and 1
    expect((await callNext()).body.number).toBe(mine.number);
    await until(() => api.received.length === 2);
    expect(api.received[1]!.body.template.name).toBe('antre_called');
    expect(api.texts()[1]).toEqual([mine.number, 'Loket 1']);
    // a recall does not send it again
    await h.api('/api/counters/loket-1/recall', { token: h.adminToken, method: 'POST' });
    await new Promise((r) => setTimeout(r, 100));
    expect(api.received).toHaveLength(2);
    await h.api('/api/counters/loket-1/finish', { token: h.adminToken, method: 'POST' });
  });

  it('a slow or dead provider never delays a call', async () => {
    api.mode = 'slow';
    api.slowMs = 3000;
    const a = await issue();
    await issue();
    await h.api(`/api/tickets/${a.id}/contact`, { body: { phone: '+62 813 1111 2222', consent: true } });
    await h.api('/api/counters/loket-2/finish', { token: h.adminToken, method: 'POST' });
    const t0 = performance.now();
    const r = await h.api('/api/counters/loket-2/call-next', { token: h.adminToken, method: 'POST' });
    const ms = performance.now() - t0;
    expect(r.status).toBe(200);
    expect(r.body.number).toBe(a.number);
    expect(ms).toBeLessThan(250);
    api.mode = 'down';
    const b = await issue();
    await h.api(`/api/tickets/${b.id}/contact`, { body: { phone: '081311113333', consent: true } });
    await h.api('/api/counters/loket-2/finish', { token: h.adminToken, method: 'POST' });
    const t1 = performance.now();
    expect((await h.api('/api/counters/loket-2/call-next', { token: h.adminToken, method: 'POST' })).status).toBe(200);
    expect(performance.now() - t1).toBeLessThan(250);
    await h.api('/api/counters/loket-2/finish', { token: h.adminToken, method: 'POST' });
  });

  it('refuses a bad number, a missing consent and an unknown ticket, changing nothing', async () => {
    const t = await issue();
    expectError(await h.api(`/api/tickets/${t.id}/contact`, { body: { phone: '12345', consent: true } }), 'INVALID_INPUT');
    expectError(await h.api(`/api/tickets/${t.id}/contact`, { body: { phone: '0212345678', consent: true } }), 'PHONE_INVALID');
    expectError(await h.api(`/api/tickets/${t.id}/contact`, { body: { phone: '081234567890' } }), 'CONSENT_REQUIRED');
    expectError(await h.api(`/api/tickets/${t.id}/contact`, { body: { phone: '081234567890', consent: 'ya' } }), 'CONSENT_REQUIRED');
    expectError(await h.api('/api/tickets/nope/contact', { body: { phone: '081234567890', consent: true } }), 'TICKET_NOT_FOUND');
    expect((await h.api(`/api/tickets/${t.id}/contact`)).body.registered).toBe(false);
    // the visitor can withdraw: the number is gone at once
    await h.api(`/api/tickets/${t.id}/contact`, { body: { phone: '081299998888', consent: true } });
    expect((await h.api(`/api/tickets/${t.id}/contact`, { method: 'DELETE' })).body.registered).toBe(false);
    expect(readFileSync(join(h.dir, 'test-mpp', 'contacts.json'), 'utf8')).not.toContain('6281299998888');
  });

  it('never shows a number to boards, staff lists or the supervisors in full', async () => {
    const t = await issue();
    await h.api(`/api/tickets/${t.id}/contact`, { body: { phone: '081277776666', consent: true } });
    const seen = [
      await h.api('/api/snapshot'),
      await h.api('/api/tickets', { token: h.adminToken }),
      await h.api(`/api/tickets/${t.id}`),
      await h.api('/api/queues'),
      await h.api('/api/messages/outbox', { token: h.adminToken }),
    ];
    for (const r of seen) expect(JSON.stringify(r.body)).not.toMatch(/77776666|6281277776666/);
    expectError(await h.api('/api/messages/outbox'), 'UNAUTHENTICATED');
  });

  it('deletes numbers the set number of days after the visit', async () => {
    const file = join(h.dir, 'test-mpp', 'contacts.json');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('6281277776666');
    h.clock.advance(8 * 86_400_000); // keepNumbersDays defaults to 7
    await h.api('/api/tickets', { token: kiosk, body: { serviceId: 'ktp' } }); // the day rolls over
    await until(() => !readFileSync(file, 'utf8').includes('6281277776666'));
    expect(JSON.parse(readFileSync(file, 'utf8')).contacts).toEqual([]);
  });

  it('budgets the number form per address', async () => {
    const t = await issue();
    let last = 0;
    for (let i = 0; i < 12; i++) last = (await h.api(`/api/tickets/${t.id}/contact`, { body: { phone: 'x', consent: true } })).status;
    expect(last).toBe(429);
  });
});
