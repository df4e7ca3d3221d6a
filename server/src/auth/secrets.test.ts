import { describe, expect, it } from 'vitest';
import { randomBytes, scryptSync } from 'node:crypto';
import { digest, hashPassword, newPairingCode, verifyPassword } from './secrets.js';

describe('secrets', () => {
  it('hashes with a random salt and verifies only the right password', async () => {
    const a = await hashPassword('kata-sandi-benar');
    const b = await hashPassword('kata-sandi-benar');
    expect(a).toMatch(/^pbkdf2-sha256\$600000\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('kata-sandi-benar', a)).toBe(true);
    expect(await verifyPassword('kata-sandi-salah', a)).toBe(false);
    expect(await verifyPassword('kata-sandi-benar', 'garbage')).toBe(false);
    expect(await verifyPassword('kata-sandi-benar', 'pbkdf2-sha256$99999999999$x$y')).toBe(false);
  });

  it('still verifies scrypt hashes written by earlier versions', async () => {
    const salt = randomBytes(16);
    const key = scryptSync('lama', salt, 32, { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    const stored = `scrypt$${salt.toString('base64url')}$${key.toString('base64url')}`;
    expect(await verifyPassword('lama', stored)).toBe(true);
    expect(await verifyPassword('baru', stored)).toBe(false);
  });

  it('pairing codes avoid look-alike characters; token digests are stable', () => {
    for (let i = 0; i < 50; i++) expect(newPairingCode()).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(digest('d_abc')).toBe(digest('d_abc'));
    expect(digest('d_abc')).not.toBe(digest('d_abd'));
  });
});
