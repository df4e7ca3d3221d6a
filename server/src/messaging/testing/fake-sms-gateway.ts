import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type SmsGatewayMode = 'ok' | 'down' | 'slow' | 'rate-limited' | 'server-error' | 'refused-in-body';

export interface SmsGatewayRequest {
  method: string;
  url: string;
  contentType: string | undefined;
  apiKey: string | undefined;
  body: string;
}

/** A local HTTP SMS gateway of the common kind: an API key header, a JSON or form body, a JSON answer with an id. */
export class FakeSmsGateway {
  readonly received: SmsGatewayRequest[] = [];
  mode: SmsGatewayMode = 'ok';
  slowMs = 5000;
  hits = 0;
  private server: Server;
  private seq = 0;

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.hits++;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (this.mode === 'down') return void req.socket.destroy();
    if (this.mode === 'slow') await new Promise((r) => setTimeout(r, this.slowMs));
    if (res.destroyed) return;
    const json = (status: number, body: object, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (this.mode === 'rate-limited') return json(429, { status: 'error', message: 'too many requests' }, { 'retry-after': '30' });
    if (this.mode === 'server-error') return json(502, { status: 'error', message: 'upstream SMSC unavailable' });
    if (this.mode === 'refused-in-body') return json(200, { status: 'error', message: 'invalid destination' });
    this.received.push({
      method: req.method ?? '',
      url: req.url ?? '',
      contentType: req.headers['content-type'],
      apiKey: req.headers['x-api-key'] as string | undefined,
      body: Buffer.concat(chunks).toString('utf8'),
    });
    json(200, { status: 'ok', data: { id: `sms-${++this.seq}` } });
  }
}
