import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../server/src/testing/harness.ts';
import { pair, startDefended } from './support.ts';

let h: Harness;
let kiosk: string;
beforeAll(async () => {
  h = await startDefended();
  kiosk = (await pair(h, 'kiosk', { ref: 'kiosk-1' })).token;
});
afterAll(() => h.close());

const issue = (body: object, key?: string, token = kiosk) =>
  fetch(`${h.server.url}/api/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: await r.json() }));

describe('security headers', () => {
  it('every answer carries a strict CSP, no framing, nosniff and no referrer', async () => {
    for (const path of ['/api/health', '/api/nope', '/']) {
      const r = await fetch(`${h.server.url}${path}`, { redirect: 'manual' });
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(r.headers.get('x-frame-options')).toBe('DENY');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});

describe('privacy of the public views', () => {
  it('public counters, calls and ticket pages carry no ticket ids of others and no priority category', async () => {
    const t = await issue({ serviceId: 'ktp', priority: 'ibu_hamil' });
    expect(t.status).toBe(201);
    // The kiosk that issued it may show the category on its screen.
    expect(t.body.priority).toBe('ibu_hamil');
    const called = await h.api('/api/counters/loket-1/call-next', { token: h.adminToken, method: 'POST' });
    expect(called.body.id).toBe(t.body.id);
    const counters = JSON.stringify((await h.api('/api/counters')).body);
    const snapshot = JSON.stringify((await h.api('/api/snapshot')).body);
    expect(counters).toContain(t.body.number);
    expect(counters).not.toContain(t.body.id);
    expect(snapshot).not.toContain(t.body.id);
    const page = await h.api(`/api/tickets/${t.body.id}`);
    expect(page.body.priority).toBeNull();
    expect(page.body.prioritized).toBe(true);
    expect(JSON.stringify(page.body)).not.toContain('ibu_hamil');
  });

  it("officers list only their own agencies' tickets", async () => {
    await issue({ serviceId: 'sertipikat' });
    await h.api('/api/users', {
      token: h.adminToken,
      body: { username: 'petugasktp', name: 'P', password: 'sandi-petugas-1', role: 'officer', counterIds: ['loket-1'] },
    });
    const officer = await h.login('petugasktp', 'sandi-petugas-1');
    const all = (await h.api('/api/tickets', { token: h.adminToken })).body.tickets as { agencyId: string }[];
    const mine = (await h.api('/api/tickets', { token: officer })).body.tickets as { agencyId: string }[];
    expect(new Set(all.map((t) => t.agencyId)).size).toBeGreaterThan(1);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(all.length);
  });
});

describe('issuing is idempotent and bounded', () => {
  it('the same Idempotency-Key answers the same ticket; another request under it is refused', async () => {
    const key = `tap-${Date.now()}-abcdef`;
    const runs = await Promise.all(Array.from({ length: 5 }, () => issue({ serviceId: 'kk' }, key)));
    expect(runs.every((r) => r.status === 201)).toBe(true);
    expect(new Set(runs.map((r) => r.body.id)).size).toBe(1);
    const later = await issue({ serviceId: 'kk' }, key);
    expect(later.body.number).toBe(runs[0]!.body.number);
    const other = await issue({ serviceId: 'ktp' }, key);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await issue({ serviceId: 'kk' }, 'x')).body.error.code).toBe('INVALID_INPUT');
    // The key is kept with the day: a restart answers the retry with the same ticket.
    const queue = h.server.ctx.queue;
    expect(queue.engine.state.toDoc().requests).toBeTruthy();
  });

  it('a printer that fails after the ticket is saved: 201 with the print failure, the ticket stands', async () => {
    const printer = h.server.ctx.printer;
    h.server.ctx.printer = { printTicket: () => Promise.reject(new Error('paper jam')) };
    try {
      const r = await issue({ serviceId: 'ktp' });
      expect(r.status).toBe(201);
      expect(r.body.print.state).toBe('failed');
      expect((await h.api(`/api/tickets/${r.body.id}`)).status).toBe(200);
    } finally {
      h.server.ctx.printer = printer;
    }
  });

  it('one kiosk cannot burn a quota in a burst; a retry of an issued ticket is free', async () => {
    const hh = await startDefended({ limits: { kioskTicketsPerMinute: 5 } });
    try {
      const k = (await pair(hh, 'kiosk', { ref: 'kiosk-1' })).token;
      const go = (key?: string) =>
        fetch(`${hh.server.url}/api/tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${k}`, ...(key ? { 'idempotency-key': key } : {}) },
          body: JSON.stringify({ serviceId: 'ktp' }),
        }).then(async (r) => ({ status: r.status, body: await r.json(), retry: r.headers.get('retry-after') }));
      const first = await go('kunci-pertama-1');
      for (let i = 0; i < 4; i++) expect((await go()).status).toBe(201);
      const over = await go();
      expect(over.status).toBe(429);
      expect(over.body.error.code).toBe('TOO_MANY_REQUESTS');
      expect(Number(over.retry)).toBeGreaterThan(0);
      const again = await go('kunci-pertama-1');
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(first.body.id);
    } finally {
      await hh.close();
    }
  });
});

describe('requests without a token', () => {
  it('one address has a budget: past it, 429 with Retry-After, and other callers are unaffected', async () => {
    const hh = await startDefended({ limits: { anonymousRequestsPerSecond: 5, anonymousRequestBurst: 10 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 15; i++) codes.push((await fetch(`${hh.server.url}/api/queues`)).status);
      // The burst (less the harness's own log-in) is served, then every request is refused until the window passes.
      const firstRefusal = codes.indexOf(429);
      expect(firstRefusal).toBeGreaterThanOrEqual(8);
      expect(codes.slice(0, firstRefusal).every((c) => c === 200)).toBe(true);
      expect(codes.slice(firstRefusal).every((c) => c === 429)).toBe(true);
      // Staff and devices pay from their own budgets.
      expect((await hh.api('/api/queues', { token: hh.adminToken })).status).toBe(200);
    } finally {
      await hh.close();
    }
  });
});
