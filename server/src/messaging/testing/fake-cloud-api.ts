import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake Cloud API does with the next requests. */
export type CloudApiMode = 'ok' | 'down' | 'slow' | 'rate-limited' | 'throttled' | 'server-error';

export interface CloudApiRequest {
  phoneNumberId: string;
  authorization: string | undefined;
  body: {
    messaging_product: string;
    recipient_type?: string;
    to: string;
    type: string;
    template: { name: string; language: { code: string }; components?: { type: string; parameters: { type: string; text: string }[] }[] };
  };
}

/**
 * A local stand-in for graph.facebook.com's POST /{version}/{phone-number-id}/messages that
 * answers as the Cloud API does: the success body with contacts and a wamid, and Graph error
 * bodies ({"error":{"message","type","code","error_data":{"messaging_product","details"},
 * "fbtrace_id"}}) for a bad token, an unknown template, throughput limits (130429), app
 * throttling (code 4 with HTTP 429) and a temporary outage (code 2).
 */
export class FakeCloudApi {
  readonly received: CloudApiRequest[] = [];
  mode: CloudApiMode = 'ok';
  slowMs = 5000;
  /** Requests answered since start, whatever the answer. */
  hits = 0;
  private server: Server;
  private seq = 0;

  constructor(
    readonly token = 'EAAtest-token-123',
    readonly templates = new Set(['antre_booking', 'antre_reminder', 'antre_almost', 'antre_called', 'antre_survey']),
  ) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v21.0`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.hits++;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const m = /^\/v\d+\.\d+\/(\d+)\/messages$/.exec(req.url ?? '');
    if (this.mode === 'down') return void req.socket.destroy();
    if (this.mode === 'slow') await new Promise((r) => setTimeout(r, this.slowMs));
    if (res.destroyed) return;
    if (req.method !== 'POST' || !m) return graphError(res, 400, 100, 'Unsupported post request.', 'GraphMethodException');
    if (req.headers.authorization !== `Bearer ${this.token}`)
      return graphError(res, 401, 190, 'Invalid OAuth access token - Cannot parse access token', 'OAuthException');
    let body: CloudApiRequest['body'];
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return graphError(res, 400, 100, '(#100) Invalid parameter', 'OAuthException');
    }
    if (body.messaging_product !== 'whatsapp' || body.type !== 'template' || !/^\d{8,15}$/.test(body.to ?? '') || !body.template?.language?.code) {
      return graphError(res, 400, 100, '(#100) Invalid parameter', 'OAuthException', 'Parameter value is not valid');
    }
    if (this.mode === 'rate-limited')
      return graphError(
        res,
        400,
        130429,
        '(#130429) Rate limit hit',
        'OAuthException',
        'Message failed to send because there were too many messages sent from this phone number in a short period of time',
      );
    if (this.mode === 'throttled')
      return graphError(res, 429, 4, '(#4) Application request limit reached', 'OAuthException', undefined, { 'retry-after': '60' });
    if (this.mode === 'server-error') return graphError(res, 503, 2, '(#2) Service temporarily unavailable', 'OAuthException');
    if (!this.templates.has(body.template.name)) {
      return graphError(
        res,
        400,
        132001,
        '(#132001) Template name does not exist in the translation',
        'OAuthException',
        `template name (${body.template.name}) does not exist in ${body.template.language.code}`,
      );
    }
    this.received.push({ phoneNumberId: m[1]!, authorization: req.headers.authorization, body });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: `wamid.TEST${++this.seq}` }] }));
  }

  /** The body parameters of each received message, in order. */
  texts(): string[][] {
    return this.received.map((r) => r.body.template.components?.[0]?.parameters.map((p) => p.text) ?? []);
  }
}

function graphError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  type: string,
  details?: string,
  headers: Record<string, string> = {},
): void {
  const error: Record<string, unknown> = { message, type, code, fbtrace_id: 'AbCdEfGh123' };
  if (details) error.error_data = { messaging_product: 'whatsapp', details };
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ error }));
}
