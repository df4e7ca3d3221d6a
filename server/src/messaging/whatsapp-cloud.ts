import { z } from 'zod';
import { MESSAGE_KINDS, SendError, type MessageChannel, type OutgoingMessage, type SendReceipt } from './channel.js';
import { readRetryAfter } from './http-util.js';

export const whatsappCloudConfig = z.strictObject({
  kind: z.literal('whatsapp-cloud'),
  /** Graph API base with its version; a test points it at a local fake. */
  baseUrl: z.url().default('https://graph.facebook.com/v21.0'),
  phoneNumberId: z.string().regex(/^\d{5,30}$/, 'must be the numeric phone number id from the WhatsApp Manager'),
  accessToken: z.string().min(10).max(1000),
  /** Template language code as approved, e.g. "id". */
  language: z.string().min(2).max(10).default('id'),
  /** Approved template name per message kind; a kind without one is not sent on WhatsApp. */
  templates: z.partialRecord(z.enum(MESSAGE_KINDS), z.string().regex(/^[a-z0-9_]{1,512}$/)).default({}),
});
export type WhatsappCloudConfig = z.infer<typeof whatsappCloudConfig>;

/**
 * Cloud API error codes worth another try later: throughput and pair rate limits, the service
 * temporarily unavailable, "something went wrong". Every other code (a bad token, an unknown
 * template, a number not on WhatsApp) fails the same way each time.
 */
const RATE_LIMIT_CODES = new Set([4, 80007, 130429, 131056]);
const TRANSIENT_CODES = new Set([1, 2, 131000, 131016, 133004]);

/**
 * WhatsApp Business Cloud API: business-initiated messages must be approved templates, so each
 * message kind maps to a template whose body placeholders take the message's params in order.
 */
export class WhatsappCloudChannel implements MessageChannel {
  readonly name = 'whatsapp-cloud';
  constructor(private readonly cfg: WhatsappCloudConfig) {}

  async send(msg: OutgoingMessage, signal: AbortSignal): Promise<SendReceipt> {
    const template = this.cfg.templates[msg.kind];
    if (!template) throw new SendError(`no WhatsApp template for "${msg.kind}"`, false);
    const body = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: msg.to,
      type: 'template',
      template: {
        name: template,
        language: { code: this.cfg.language },
        components: msg.params.length ? [{ type: 'body', parameters: msg.params.map((text) => ({ type: 'text', text })) }] : [],
      },
    };
    let res: Response;
    try {
      res = await fetch(`${this.cfg.baseUrl.replace(/\/$/, '')}/${this.cfg.phoneNumberId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.cfg.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal,
      });
    } catch (err) {
      throw new SendError(`WhatsApp Cloud API unreachable: ${(err as Error).message}`, true);
    }
    const text = await res.text().catch(() => '');
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* an HTML error page from a proxy */
    }
    if (res.ok) {
      const id = (json as { messages?: { id?: string }[] } | null)?.messages?.[0]?.id;
      return { providerId: typeof id === 'string' ? id : null };
    }
    const err = (json as { error?: { code?: number; message?: string; error_data?: { details?: string } } } | null)?.error;
    const code = typeof err?.code === 'number' ? err.code : null;
    const what = `WhatsApp Cloud API ${res.status}${code !== null ? ` code ${code}` : ''}: ${err?.error_data?.details ?? err?.message ?? text.slice(0, 200)}`;
    if (res.status === 429 || (code !== null && RATE_LIMIT_CODES.has(code))) {
      throw new SendError(what, true, { rateLimited: true, retryAfterMs: readRetryAfter(res), providerCode: code });
    }
    const transient = res.status >= 500 || res.status === 408 || (code !== null && TRANSIENT_CODES.has(code));
    throw new SendError(what, transient, { providerCode: code ?? res.status });
  }
}
