/** The messages Antre sends to visitors; each provider maps a kind to its own template or text. */
export const MESSAGE_KINDS = ['booking_confirmed', 'booking_reminder', 'almost_turn', 'called', 'survey'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** One message to one visitor, as every provider receives it. */
export interface OutgoingMessage {
  id: string;
  /** The visitor's number in international form without "+", e.g. 6281234567890. */
  to: string;
  kind: MessageKind;
  /** Values for the template's placeholders, in order (WhatsApp templates are filled with these). */
  params: string[];
  /** The same message as plain text (SMS), Bahasa Indonesia. */
  text: string;
}

/** What a provider answered for a delivered message. */
export interface SendReceipt {
  providerId: string | null;
}

/**
 * A send that failed. `retryable`: the provider was down, slow or busy and the same message may
 * go again later; otherwise the provider refused it for good (a bad number, a rejected template)
 * and only another channel can help. `retryAfterMs`: the provider asked us to wait (rate limit).
 */
export class SendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly opts: { rateLimited?: boolean; retryAfterMs?: number | null; providerCode?: string | number | null } = {},
  ) {
    super(message);
  }
  get rateLimited(): boolean {
    return !!this.opts.rateLimited;
  }
}

/** One way of reaching a visitor's phone (one file per provider, like Uptime Kuma's notification providers). */
export interface MessageChannel {
  /** Short name for logs and the supervisor page, e.g. "whatsapp-cloud". */
  readonly name: string;
  /** Delivers one message or throws SendError; must give up when `signal` aborts (a slow provider). */
  send(msg: OutgoingMessage, signal: AbortSignal): Promise<SendReceipt>;
  close?(): Promise<void>;
}

/** Shows enough of a number to recognise it and no more (boards, other agencies, logs). */
export function maskPhone(e164: string): string {
  if (e164.length <= 6) return '•'.repeat(e164.length);
  return `${e164.slice(0, 4)}${'•'.repeat(e164.length - 7)}${e164.slice(-3)}`;
}

/**
 * Indonesian mobile numbers as people write them (0812-3456-7890, +62 812 3456 7890, 62812...)
 * in one form, 62812..., or null when it is not a plausible mobile number.
 */
export function normalizeIdPhone(input: string): string | null {
  const digits = input.replace(/[\s\-().]/g, '');
  if (!/^\+?\d+$/.test(digits)) return null;
  let d = digits.replace(/^\+/, '');
  if (d.startsWith('0')) d = `62${d.slice(1)}`;
  else if (d.startsWith('8')) d = `62${d}`;
  // Mobile numbers are 08xx with 10 to 13 digits in all (62 8xx: 11 to 14).
  if (!/^628\d{8,11}$/.test(d)) return null;
  return d;
}
