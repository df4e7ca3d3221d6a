import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, request, whileBusy } from './client.js';

// A server that answers 503 SERVER_BUSY (or another refusal) a set number of times, then 200.
let server: Server;
let url = '';
let busyLeft = 0;
let refusal = 'SERVER_BUSY';
let hits = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    hits++;
    res.setHeader('content-type', 'application/json');
    if (busyLeft > 0) {
      busyLeft--;
      res.statusCode = refusal === 'SERVER_BUSY' ? 503 : 404;
      res.end(JSON.stringify({ error: { code: refusal, message: { id: 'x', en: 'x' } } }));
      return;
    }
    res.end(JSON.stringify({ ok: true }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const get = () => request(url, { method: 'POST', body: {} }).then((r) => r.json());

describe('whileBusy', () => {
  it('sends again while the server says it is busy, then answers the success', async () => {
    busyLeft = 2;
    refusal = 'SERVER_BUSY';
    hits = 0;
    expect(await whileBusy(get, [1, 1, 1])).toEqual({ ok: true });
    expect(hits).toBe(3);
  });

  it('gives the last refusal back when the server stays busy', async () => {
    busyLeft = 10;
    hits = 0;
    await expect(whileBusy(get, [1, 1])).rejects.toMatchObject({ code: 'SERVER_BUSY', status: 503 });
    expect(hits).toBe(3);
  });

  it('does not send again after a refusal that is an answer (a wrong pairing code)', async () => {
    busyLeft = 1;
    refusal = 'NOT_FOUND';
    hits = 0;
    const e = await whileBusy(get, [1, 1]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe('NOT_FOUND');
    expect(hits).toBe(1);
  });
});
