import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from '../../server/src/testing/harness.ts';
import { DEFAULT_LIMITS } from '../../server/src/security/limits.ts';
import { pair, startDefended } from './support.ts';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** One GET on a connection of its own from a local address (on Linux every 127.x.y.z is this machine): its status, or 0 when the server closed it unanswered. */
function getFrom(url: string, path: string, from: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(`${url}${path}`, { localAddress: from, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

const burst = (url: string, from: string, n: number) => Promise.all(Array.from({ length: n }, () => getFrom(url, '/api/health', from)));

describe('connection admission', () => {
  it('closes at accept the connections one address opens past its budget, while other devices go on', async () => {
    h = await startDefended();
    const kiosk = await pair(h, 'kiosk', { ref: 'kiosk-1' });
    const [flood, kioskTicket, otherPhone] = await Promise.all([
      burst(h.server.url, '127.0.0.2', 150),
      h.api('/api/tickets', { token: kiosk.token, body: { serviceId: 'ktp' } }),
      getFrom(h.server.url, '/api/health', '127.0.0.3'),
    ]);
    const answered = flood.filter((s) => s !== 0).length;
    expect(answered).toBeGreaterThan(0);
    expect(answered).toBeLessThanOrEqual(DEFAULT_LIMITS.newConnectionsPerAddress);
    expect(flood.filter((s) => s === 0).length).toBeGreaterThanOrEqual(150 - DEFAULT_LIMITS.newConnectionsPerAddress);
    // This machine (the kiosk here) and another address were not counted against the flood.
    expect(kioskTicket.status).toBe(201);
    expect(otherPhone).toBe(200);
    // The server is up and answers the flooding address again once its window has passed.
    await new Promise((r) => setTimeout(r, DEFAULT_LIMITS.newConnectionWindowSeconds * 1000 + 200));
    expect(await getFrom(h.server.url, '/api/health', '127.0.0.2')).toBe(200);
  });

  it('does not count a trusted proxy, whose clients are limited by their forwarded addresses', async () => {
    h = await startDefended({ trustProxy: '127.0.0.2' });
    const flood = await burst(h.server.url, '127.0.0.2', 60);
    expect(flood.filter((s) => s === 200).length).toBe(60);
  });

  it('keeps a smaller budget when one is set (ANTRE_LIMIT_NEW_CONNECTIONS_PER_ADDRESS)', async () => {
    h = await startDefended({ limits: { newConnectionsPerAddress: 5 } });
    const flood = await burst(h.server.url, '127.0.0.4', 30);
    expect(flood.filter((s) => s !== 0).length).toBeLessThanOrEqual(5);
  });
});
