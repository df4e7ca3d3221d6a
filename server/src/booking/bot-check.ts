import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AntreError } from '../contract/errors.js';

const TTL_MS = 15 * 60_000;

/**
 * A bot check that needs no outside service (no captcha provider sees the visitor): the page
 * gets a signed challenge and must find a nonce whose SHA-256 with it starts with `bits` zero
 * bits. About a second of a phone's time per booking; thousands of bookings cost a script hours.
 * Each challenge is good once and for fifteen minutes.
 */
export class BotCheck {
  private readonly used = new Map<string, number>();

  constructor(private readonly secret = randomBytes(32)) {}

  issue(now: number, bits: number): { challenge: string; bits: number } {
    const body = `${now + TTL_MS}.${randomBytes(9).toString('base64url')}.${bits}`;
    return { challenge: `${body}.${this.sign(body)}`, bits };
  }

  /** Accepts a solved challenge once; anything else is BOT_CHECK_FAILED. */
  verify(challenge: unknown, nonce: unknown, now: number): void {
    const fail = (why: string) => new AntreError('BOT_CHECK_FAILED', { reason: why });
    if (typeof challenge !== 'string' || typeof nonce !== 'string' || challenge.length > 200 || nonce.length > 40) throw fail('missing');
    const parts = challenge.split('.');
    if (parts.length !== 4) throw fail('malformed');
    const body = parts.slice(0, 3).join('.');
    const sig = Buffer.from(parts[3]!);
    const good = Buffer.from(this.sign(body));
    if (sig.length !== good.length || !timingSafeEqual(sig, good)) throw fail('not ours');
    const expires = Number(parts[0]);
    if (!(expires > now)) throw fail('expired');
    for (const [c, exp] of this.used) if (exp <= now) this.used.delete(c);
    if (this.used.has(challenge)) throw fail('used');
    if (!solves(challenge, nonce, Number(parts[2]))) throw fail('wrong answer');
    this.used.set(challenge, expires);
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url').slice(0, 22);
  }
}

/** Whether SHA-256("challenge:nonce") starts with `bits` zero bits (the page does the same with crypto.subtle). */
export function solves(challenge: string, nonce: string, bits: number): boolean {
  const h = createHash('sha256').update(`${challenge}:${nonce}`).digest();
  for (let i = 0; i < bits; i++) if ((h[i >> 3]! >> (7 - (i & 7))) & 1) return false;
  return true;
}

/** Finds a nonce (tests, and what the page does in its own code). */
export function solve(challenge: string, bits: number): string {
  for (let n = 0; ; n++) if (solves(challenge, String(n), bits)) return String(n);
}
