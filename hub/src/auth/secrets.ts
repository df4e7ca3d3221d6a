import { createHash, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';

const KEYLEN = 32;
/** OWASP's PBKDF2-SHA256 work factor, the site's too: a staff hash made here verifies there. */
export const PBKDF2_ITERATIONS = 600_000;

/**
 * Tests may ask for fewer iterations (ANTRE_TEST_PASSWORD_ITERATIONS, at least 1,000), honoured
 * only under vitest (NODE_ENV=test) or with ANTRE_TEST_SETTINGS=1 beside it, like the site's.
 */
export function passwordIterations(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env.ANTRE_TEST_PASSWORD_ITERATIONS);
  if (!asked || !(env.NODE_ENV === 'test' || env.ANTRE_TEST_SETTINGS === '1')) return PBKDF2_ITERATIONS;
  return Number.isInteger(asked) && asked >= 1000 && asked <= PBKDF2_ITERATIONS ? asked : PBKDF2_ITERATIONS;
}

function derive(password: string, salt: Buffer, iterations: number): Promise<Buffer> {
  return new Promise((resolve, reject) => pbkdf2(password, salt, iterations, KEYLEN, 'sha256', (err, key) => (err ? reject(err) : resolve(key))));
}

/** `pbkdf2-sha256$iterations$salt$hash`, the format the site's staff store reads. */
export async function hashPassword(password: string, iterations = passwordIterations()): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, iterations);
  return `pbkdf2-sha256$${iterations}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Checks a password against its stored hash in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts[0] !== 'pbkdf2-sha256' || parts.length !== 4) return false;
  const iterations = Number(parts[1]);
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > 10_000_000) return false;
  const key = await derive(password, Buffer.from(parts[2]!, 'base64url'), iterations);
  const want = Buffer.from(parts[3]!, 'base64url');
  return want.length === key.length && timingSafeEqual(want, key);
}

/** A digest for high-entropy bearer secrets (site credentials, session tokens): only this is stored. */
export function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** Equal digests, in constant time. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A site credential `hs_<siteId>_<random>`: the site id says whose hash to compare with. */
export function newSiteCredential(siteId: string): string {
  return `hs_${siteId}_${randomBytes(24).toString('base64url')}`;
}

/** The site id a credential names, or null if it is not one. */
export function siteOfCredential(credential: string): string | null {
  const m = /^hs_([a-z0-9][a-z0-9-]{0,39})_[A-Za-z0-9_-]{20,}$/.exec(credential);
  return m ? m[1]! : null;
}

export function newSessionToken(): string {
  return `hu_${randomBytes(24).toString('base64url')}`;
}

export function newPassword(): string {
  return randomBytes(12).toString('base64url');
}
