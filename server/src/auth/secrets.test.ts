import { describe, expect, it } from 'vitest';
import { randomBytes, scryptSync } from 'node:crypto';
import { digest, hashPassword, newPairingCode, passwordIterations, PBKDF2_ITERATIONS, verifyPassword } from './secrets.js';

describe('secrets', () => {
  it('hashes with a random salt and verifies only the right password (at the production work factor)', async () => {
    const a = await hashPassword('kata-sandi-benar', passwordIterations({}));
    const b = await hashPassword('kata-sandi-benar', passwordIterations({}));
    expect(a).toMatch(/^pbkdf2-sha256\$600000\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('kata-sandi-benar', a)).toBe(true);
    expect(await verifyPassword('kata-sandi-salah', a)).toBe(false);
    expect(await verifyPassword('kata-sandi-benar', 'garbage')).toBe(false);
    expect(await verifyPassword('kata-sandi-benar', 'pbkdf2-sha256$99999999999$x$y')).toBe(false);
  });

  it('production hashes with 600,000 iterations; the cheap test setting needs NODE_ENV=test or an explicit flag', async () => {
    expect(PBKDF2_ITERATIONS).toBe(600_000);
    expect(passwordIterations({})).toBe(600_000);
    expect(passwordIterations({ NODE_ENV: 'production' })).toBe(600_000);
    // The setting alone, in a production process, is ignored.
    expect(passwordIterations({ NODE_ENV: 'production', ANTRE_TEST_PASSWORD_ITERATIONS: '1000' })).toBe(600_000);
    expect(passwordIterations({ ANTRE_TEST_PASSWORD_ITERATIONS: '1000' })).toBe(600_000);
    expect(passwordIterations({ NODE_ENV: 'test', ANTRE_TEST_PASSWORD_ITERATIONS: '1000' })).toBe(1000);
    expect(passwordIterations({ NODE_ENV: 'production', ANTRE_TEST_SETTINGS: '1', ANTRE_TEST_PASSWORD_ITERATIONS: '2000' })).toBe(2000);
    // Nonsense or a near-bare digest falls back to the production factor.
    for (const bad of ['1', '999', 'abc', '1e9', '-5', '1000.5'])
      expect(passwordIterations({ NODE_ENV: 'test', ANTRE_TEST_PASSWORD_ITERATIONS: bad }), bad).toBe(600_000);
    // A cheap hash is still a PBKDF2 hash that carries its factor and verifies like any other.
    const cheap = await hashPassword('murah', passwordIterations({ NODE_ENV: 'test', ANTRE_TEST_PASSWORD_ITERATIONS: '1000' }));
    expect(cheap).toMatch(/^pbkdf2-sha256\$1000\$/);
    expect(await verifyPassword('murah', cheap)).toBe(true);
    expect(await verifyPassword('mahal', cheap)).toBe(false);
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
