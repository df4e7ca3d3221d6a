import { createHash, pbkdf2, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const KEYLEN = 32;
/** OWASP's PBKDF2-SHA256 work factor; PBKDF2 needs no memory (scrypt's 16 MB per hash stayed in the process). */
export const PBKDF2_ITERATIONS = 600_000;
/** The least a test setting may ask for: cheap enough for tests, never a bare digest. */
const MIN_TEST_ITERATIONS = 1_000;

/**
 * The work factor new hashes get. Tests start dozens of servers, each hashing a password per demo
 * account, so they may ask for fewer iterations with ANTRE_TEST_PASSWORD_ITERATIONS; it is honoured
 * only under vitest (NODE_ENV=test) or with ANTRE_TEST_SETTINGS=1 beside it, never by itself.
 */
export function passwordIterations(env: NodeJS.ProcessEnv = process.env): number {
  const asked = env.ANTRE_TEST_PASSWORD_ITERATIONS;
  if (!asked || !(env.NODE_ENV === 'test' || env.ANTRE_TEST_SETTINGS === '1')) return PBKDF2_ITERATIONS;
  const n = Number(asked);
  return Number.isInteger(n) && n >= MIN_TEST_ITERATIONS && n <= PBKDF2_ITERATIONS ? n : PBKDF2_ITERATIONS;
}

function pbkdf2Async(password: string, salt: Buffer, iterations: number): Promise<Buffer> {
  return new Promise((resolve, reject) => pbkdf2(password, salt, iterations, KEYLEN, 'sha256', (err, key) => (err ? reject(err) : resolve(key))));
}

function scryptAsync(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEYLEN, { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** Hashes a staff password with PBKDF2-SHA256 and a random salt (stored as `pbkdf2-sha256$iterations$salt$hash`). */
export async function hashPassword(password: string, iterations = passwordIterations()): Promise<string> {
  const salt = randomBytes(16);
  const key = await pbkdf2Async(password, salt, iterations);
  return `pbkdf2-sha256$${iterations}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Checks a password against its stored hash in constant time (scrypt hashes of earlier versions too). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  let key: Buffer;
  let hash: string | undefined;
  if (parts[0] === 'pbkdf2-sha256' && parts.length === 4) {
    const iterations = Number(parts[1]);
    if (!Number.isInteger(iterations) || iterations < 1 || iterations > 10_000_000) return false;
    key = await pbkdf2Async(password, Buffer.from(parts[2]!, 'base64url'), iterations);
    hash = parts[3];
  } else if (parts[0] === 'scrypt' && parts.length === 3) {
    key = await scryptAsync(password, Buffer.from(parts[1]!, 'base64url'));
    hash = parts[2];
  } else return false;
  const want = Buffer.from(hash ?? '', 'base64url');
  return want.length === key.length && timingSafeEqual(want, key);
}

/** A bearer token: random, shown once; only its digest is stored. */
export function newToken(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

export function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Unguessable ids for tickets and devices (the ticket id is the visitor's key to its page). */
export function newId(bytes = 12): string {
  return randomBytes(bytes).toString('base64url');
}

/** A pairing code a person can type on a kiosk: 8 characters without look-alikes. */
export function newPairingCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(8);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

/** A readable generated password for the first admin. */
export function newPassword(): string {
  return randomBytes(12).toString('base64url');
}
