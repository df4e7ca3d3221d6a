import { z } from 'zod';
import { SendError, type MessageChannel, type OutgoingMessage, type SendReceipt } from './channel.js';
import { readRetryAfter } from './http-util.js';

export const httpSmsConfig = z.strictObject({
  kind: z.literal('http-sms'),
  /** The gateway's address; may hold {{to}} and {{text}} (URL-encoded), for gateways that take a GET. */
  url: z
    .string()
    .min(8)
    .max(2000)
    .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://'),
  method: z.enum(['GET', 'POST']).default('POST'),
  /** Request body with {{to}}, {{text}} and {{id}}: plain in form bodies, JSON-escaped in JSON bodies. */
  body: z.string().max(4000).default('{"to":"{{to}}","message":"{{text}}"}'),
  contentType: z.string().max(100).default('application/json'),
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/), z.string().max(2000)).default({}),
  /** A 2xx answer whose body matches this is still a failure (gateways that answer 200 {"status":"error"}). */
  failurePattern: z.string().max(200).optional(),
  /** Where the gateway's message id is found in a JSON answer, e.g. "data.id". */
  idPath: z.string().max(100).optional(),
});
export type HttpSmsConfig = z.infer<typeof httpSmsConfig>;

/** Fills {{to}}, {{text}}, {{id}}; `escape` makes each value safe where it lands. */
export function fillTemplate(template: string, msg: OutgoingMessage, escape: (v: string) => string): string {
  const values: Record<string, string> = { to: msg.to, text: msg.text, id: msg.id };
  return template.replace(/\{\{\s*(to|text|id)\s*\}\}/g, (_m, k: string) => escape(values[k] ?? ''));
}

const jsonEscape = (v: string) => JSON.stringify(v).slice(1, -1);
const formEscape = (v: string) => encodeURIComponent(v);

/**
 * Any SMS gateway reached over HTTP (local providers such as Zenziva, a phone running an SMS
 * gateway app): the address and the body are templates in the settings, so a new gateway needs
 * no code.
 */
export class HttpSmsChannel implements MessageChannel {
  readonly name = 'http-sms';
  constructor(private readonly cfg: HttpSmsConfig) {}

  async send(msg: OutgoingMessage, signal: AbortSignal): Promise<SendReceipt> {
    const url = fillTemplate(this.cfg.url, msg, formEscape);
    const isJson = /json/i.test(this.cfg.contentType);
    const init: RequestInit = { method: this.cfg.method, headers: { ...this.cfg.headers }, signal };
    if (this.cfg.method === 'POST') {
      init.body = fillTemplate(this.cfg.body, msg, isJson ? jsonEscape : formEscape);
      (init.headers as Record<string, string>)['content-type'] = this.cfg.contentType;
    }
    let res: Response;
    try {
      res = await fetch(url, init);
    } catch (err) {
      throw new SendError(`SMS gateway unreachable: ${(err as Error).message}`, true);
    }
    const text = await res.text().catch(() => '');
    if (res.status === 429)
      throw new SendError(`SMS gateway busy (429): ${text.slice(0, 200)}`, true, { rateLimited: true, retryAfterMs: readRetryAfter(res), providerCode: 429 });
    if (!res.ok) throw new SendError(`SMS gateway ${res.status}: ${text.slice(0, 200)}`, res.status >= 500 || res.status === 408, { providerCode: res.status });
    if (this.cfg.failurePattern && new RegExp(this.cfg.failurePattern).test(text)) {
      throw new SendError(`SMS gateway refused: ${text.slice(0, 200)}`, false, { providerCode: 'body' });
    }
    return { providerId: this.cfg.idPath ? pick(text, this.cfg.idPath) : null };
  }
}

function pick(text: string, path: string): string | null {
  try {
    let v: unknown = JSON.parse(text);
    for (const k of path.split('.')) v = (v as Record<string, unknown> | null)?.[k];
    return v === undefined || v === null ? null : String(v);
  } catch {
    return null;
  }
}
