import { createHash, randomBytes, scrypt, timingSafeEqual, type BinaryLike } from 'node:crypto';

const KEYLEN = 32;
const COST = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function scryptAsync(password: BinaryLike, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, KEYLEN, COST, (err, key) => (err ? reject(err) : resolve(key))));
}

/** Hashes a staff password with scrypt and a random salt (stored as `scrypt$salt$hash`). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt);
  return `scrypt$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Checks a password against its stored hash in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'));
  const want = Buffer.from(hash, 'base64url');
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
