import { AntreError } from '../contract/errors.js';
import type { DeviceKind, PublicDevice, PublicUser, Role } from '../contract/domain.js';
import type { CreateUserBody, UpdateUserBody } from '../contract/schemas.js';
import type { DeviceRecord, StaffStore, UserRecord } from '../store/staff-store.js';
import { digest, hashPassword, newId, newPairingCode, newPassword, newToken, verifyPassword } from './secrets.js';
import { EventEmitter } from 'node:events';
import { DEFAULT_LIMITS, type Limits } from '../security/limits.js';
import { RateLimiter } from './rate-limit.js';
import { Semaphore } from '../security/semaphore.js';

/** One staff account as the hub sends it: a password only as a hash this site can verify. */
export interface HubStaffEntry {
  username: string;
  name: string;
  role: Role;
  counterIds: string[];
  passwordHash?: string;
  disabled: boolean;
}

export type Principal = { kind: 'user'; user: UserRecord } | { kind: 'device'; device: DeviceRecord };

const SESSION_MS = 14 * 24 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;
const PAIRING_MS = 24 * 3600 * 1000;

/** Whose rights just ended, so open sockets holding them are closed at once. */
export type Revocation = { userId: string } | { deviceId: string } | { tokenDigest: string };

export interface AuthEvents {
  revoked: [Revocation];
}

/** Who is who: staff log-ins, sessions, devices and their pairing, all behind one store. */
export class AuthService extends EventEmitter<AuthEvents> {
  private online = new Map<string, number>();
  /** Devices with a live socket: seen now, whatever their last request. */
  private connected = new Set<string>();
  /** When a device's last socket closed: its "last seen" after it left (memory only; pairing time after a restart). */
  private goneAt = new Map<string, number>();
  /** When each session was last used (by token digest); a session idle past the limit ends. */
  private lastUsed = new Map<string, number>();
  private readonly accountFailures: RateLimiter;
  private readonly addressFailures: RateLimiter;
  private readonly pairingFailures: RateLimiter;
  private readonly hashing;

  constructor(
    private readonly store: StaffStore,
    private readonly limits: Limits = DEFAULT_LIMITS,
  ) {
    super();
    // Counted on the service clock (a test moves it past a lock-out instead of sleeping through it).
    const window = limits.loginWindowSeconds * 1000;
    this.accountFailures = new RateLimiter(limits.loginFailuresPerAccount, window);
    this.addressFailures = new RateLimiter(limits.loginAttemptsPerAddress, window);
    this.pairingFailures = new RateLimiter(limits.pairingFailuresPerAddress, window);
    this.hashing = new Semaphore(limits.hashConcurrency, limits.hashQueue, limits.hashPaceMs);
  }

  /** Creates the first admin if there is none; returns the password when it was generated. */
  async bootstrap(adminPassword: string | undefined, now: number): Promise<{ created: boolean; password: string | null }> {
    if (this.store.data.users.some((u) => u.role === 'admin')) return { created: false, password: null };
    const password = adminPassword ?? newPassword();
    await this.createUser({ username: 'admin', name: 'Administrator', password, role: 'admin', counterIds: [] }, now);
    return { created: true, password: adminPassword ? null : password };
  }

  /**
   * Checks a log-in. The attempt is counted against the account and the address before any hash is
   * computed (so simultaneous guesses cannot all be tried), and hashes run a bounded few at a time
   * behind a bounded queue (so a flood of log-ins never takes the threads the journal's writes need).
   * A successful log-in gives both counts back.
   */
  async login(username: string, password: string, clientKey: string, now: number): Promise<{ token: string; user: PublicUser }> {
    const account = username.toLowerCase();
    // Counted before the slow hash, synchronously: a burst sent at once cannot all pass this check
    // before any of them has failed. A right password gives both counts back below.
    for (const [limiter, key] of [
      [this.accountFailures, account],
      [this.addressFailures, clientKey],
    ] as const) {
      if (limiter.blocked(key, now)) throw new AntreError('TOO_MANY_ATTEMPTS', { retryAfterSeconds: limiter.retryAfter(key, now) });
    }
    this.accountFailures.fail(account, now);
    this.addressFailures.fail(clientKey, now);
    const user = this.store.data.users.find((u) => u.username === account);
    const ok = await this.hashing.run(() => (user && !user.disabled ? verifyPassword(password, user.passwordHash) : hashPassword(password).then(() => false)));
    if (!ok || !user) throw new AntreError('INVALID_CREDENTIALS');
    this.accountFailures.reset(account);
    this.addressFailures.forgive(clientKey);
    const token = newToken('s');
    const dg = digest(token);
    await this.store.update((d) => {
      d.sessions = d.sessions.filter((s) => s.expiresAt > now);
      d.sessions.push({ tokenDigest: dg, userId: user.id, createdAt: now, expiresAt: now + SESSION_MS });
    });
    this.lastUsed.set(dg, now);
    return { token, user: publicUser(user) };
  }

  async logout(token: string): Promise<void> {
    const dg = digest(token);
    await this.store.update((d) => {
      d.sessions = d.sessions.filter((s) => s.tokenDigest !== dg);
    });
    this.lastUsed.delete(dg);
    this.emit('revoked', { tokenDigest: dg });
  }

  /** Resolves a bearer token to a user or a device; null when unknown or expired. */
  resolve(token: string | undefined, now: number): Principal | null {
    if (!token) return null;
    const dg = digest(token);
    if (token.startsWith('s_')) {
      const s = this.store.data.sessions.find((x) => x.tokenDigest === dg && x.expiresAt > now);
      const user = s && this.store.data.users.find((u) => u.id === s.userId && !u.disabled);
      if (!user) return null;
      // A session left unused (a console left logged in overnight) ends; a restart starts its idle time again.
      const last = this.lastUsed.get(dg) ?? now;
      if (now - last > this.limits.sessionIdleMinutes * 60000) return null;
      this.lastUsed.set(dg, Math.max(last, now));
      return { kind: 'user', user };
    }
    if (token.startsWith('d_')) {
      const device = this.store.data.devices.find((x) => x.tokenDigest === dg && !x.revoked);
      if (!device || this.idleExpired(device, now)) return null;
      this.online.set(device.id, now);
      return { kind: 'device', device };
    }
    return null;
  }

  users(): PublicUser[] {
    return this.store.data.users.map(publicUser);
  }

  user(id: string): UserRecord {
    const u = this.store.data.users.find((x) => x.id === id);
    if (!u) throw new AntreError('USER_NOT_FOUND');
    return u;
  }

  async createUser(body: CreateUserBody, now: number): Promise<PublicUser> {
    if (this.store.data.users.some((u) => u.username === body.username)) throw new AntreError('USERNAME_TAKEN');
    const rec: UserRecord = {
      id: newId(8),
      username: body.username,
      name: body.name,
      role: body.role,
      counterIds: body.counterIds,
      passwordHash: await hashPassword(body.password),
      disabled: false,
      createdAt: now,
    };
    await this.store.update((d) => d.users.push(rec));
    return publicUser(rec);
  }

  async updateUser(id: string, body: UpdateUserBody): Promise<PublicUser> {
    const u = this.user(id);
    const passwordHash = body.password ? await hashPassword(body.password) : u.passwordHash;
    await this.store.update((d) => {
      const rec = d.users.find((x) => x.id === id)!;
      Object.assign(rec, {
        name: body.name ?? rec.name,
        role: body.role ?? rec.role,
        counterIds: body.counterIds ?? rec.counterIds,
        disabled: body.disabled ?? rec.disabled,
        passwordHash,
      });
      if (body.password || body.disabled || (body.role && body.role !== u.role)) d.sessions = d.sessions.filter((s) => s.userId !== id);
    });
    // Open sockets carry the rooms and rights of the account as it was: end them on any change of rights.
    if (body.password || body.disabled || body.role !== undefined || body.counterIds !== undefined) this.emit('revoked', { userId: id });
    return publicUser(this.user(id));
  }

  /**
   * Staff accounts sent by the hub, all in one durable write or none: new usernames are created,
   * known ones updated (a blank hash keeps the password). Open sessions of an account whose password,
   * role, counters or access changed end, as an admin's edit ends them.
   */
  async applyStaff(entries: readonly HubStaffEntry[], now: number): Promise<void> {
    const changed: string[] = [];
    await this.store.update((d) => {
      for (const e of entries) {
        const rec = d.users.find((u) => u.username === e.username);
        if (!rec) {
          d.users.push({
            id: newId(8),
            username: e.username,
            name: e.name,
            role: e.role,
            counterIds: e.counterIds,
            passwordHash: e.passwordHash ?? '',
            disabled: e.disabled || !e.passwordHash,
            createdAt: now,
          });
          continue;
        }
        const rights =
          rec.role !== e.role ||
          rec.disabled !== e.disabled ||
          (e.passwordHash !== undefined && e.passwordHash !== rec.passwordHash) ||
          rec.counterIds.join() !== e.counterIds.join();
        Object.assign(rec, { name: e.name, role: e.role, counterIds: e.counterIds, disabled: e.disabled, passwordHash: e.passwordHash ?? rec.passwordHash });
        if (rights) {
          d.sessions = d.sessions.filter((s) => s.userId !== rec.id);
          changed.push(rec.id);
        }
      }
    });
    for (const userId of changed) this.emit('revoked', { userId });
  }

  /** Registers a device and answers a one-time pairing code for it. */
  async createDevice(
    input: { kind: DeviceKind; name: string; floor: number | null; ref: string | null },
    now: number,
  ): Promise<{ device: PublicDevice; code: string; expiresAt: number }> {
    const code = newPairingCode();
    const rec: DeviceRecord = {
      id: newId(8),
      kind: input.kind,
      name: input.name,
      floor: input.floor,
      ref: input.ref,
      tokenDigest: null,
      pairingDigest: digest(code),
      pairingExpiresAt: now + PAIRING_MS,
      createdAt: now,
      lastSeenAt: null,
      revoked: false,
    };
    await this.store.update((d) => d.devices.push(rec));
    return { device: this.publicDevice(rec, now), code, expiresAt: now + PAIRING_MS };
  }

  /** New pairing code for an existing device (re-pair a replaced screen); the old token stops working. */
  async repair(id: string, now: number): Promise<{ device: PublicDevice; code: string; expiresAt: number }> {
    const code = newPairingCode();
    await this.store.update((d) => {
      const rec = d.devices.find((x) => x.id === id);
      if (!rec) throw new AntreError('DEVICE_NOT_FOUND');
      Object.assign(rec, { pairingDigest: digest(code), pairingExpiresAt: now + PAIRING_MS, tokenDigest: null, revoked: false });
    });
    this.emit('revoked', { deviceId: id });
    const rec = this.store.data.devices.find((x) => x.id === id)!;
    return { device: this.publicDevice(rec, now), code, expiresAt: now + PAIRING_MS };
  }

  /**
   * A device trades its pairing code for its own long-lived token. Wrong codes are counted per
   * address; an address past its count is refused, but a right code still pairs (codes are long
   * enough that guessing needs far more tries than the count allows), so someone else's wrong
   * guesses from the hall's shared address never lock an installer out.
   */
  async pair(code: string, now: number, clientKey: string): Promise<{ token: string; device: PublicDevice }> {
    const dg = digest(code.trim().toUpperCase());
    const found = this.store.data.devices.find((d) => d.pairingDigest === dg && (d.pairingExpiresAt ?? 0) > now && !d.revoked);
    if (!found) {
      if (this.pairingFailures.blocked(clientKey, now))
        throw new AntreError('TOO_MANY_ATTEMPTS', { retryAfterSeconds: this.pairingFailures.retryAfter(clientKey, now) });
      this.pairingFailures.fail(clientKey, now);
      throw new AntreError('PAIRING_CODE_INVALID');
    }
    const token = newToken('d');
    await this.store.update((d) => {
      const rec = d.devices.find((x) => x.id === found.id)!;
      Object.assign(rec, { tokenDigest: digest(token), pairingDigest: null, pairingExpiresAt: null, lastSeenAt: now });
    });
    const rec = this.store.data.devices.find((x) => x.id === found.id)!;
    // Pairing is a sighting: an earlier one in memory (before the token went idle) no longer counts.
    this.online.set(rec.id, now);
    return { token, device: this.publicDevice(rec, now) };
  }

  /** A paired device swaps its token for a new one; the old one stops working at once. */
  async rotateDeviceToken(id: string, now: number): Promise<{ token: string; device: PublicDevice }> {
    const token = newToken('d');
    await this.store.update((d) => {
      const rec = d.devices.find((x) => x.id === id && !x.revoked && x.tokenDigest);
      if (!rec) throw new AntreError('DEVICE_NOT_FOUND');
      rec.tokenDigest = digest(token);
    });
    const rec = this.store.data.devices.find((x) => x.id === id)!;
    return { token, device: this.publicDevice(rec, now) };
  }

  async revokeDevice(id: string): Promise<void> {
    await this.store.update((d) => {
      const rec = d.devices.find((x) => x.id === id);
      if (!rec) throw new AntreError('DEVICE_NOT_FOUND');
      Object.assign(rec, { revoked: true, tokenDigest: null, pairingDigest: null });
    });
    this.emit('revoked', { deviceId: id });
  }

  devices(now: number): PublicDevice[] {
    return this.store.data.devices.filter((d) => !d.revoked).map((d) => this.publicDevice(d, now));
  }

  markSeen(deviceId: string, now: number): void {
    this.online.set(deviceId, now);
    this.connected.add(deviceId);
  }

  /** The device's last socket closed at `now`: it was last seen then, not at pairing. */
  markGone(deviceId: string, now: number): void {
    this.online.delete(deviceId);
    this.connected.delete(deviceId);
    this.goneAt.set(deviceId, now);
  }

  /** When a device was last seen: an open socket is seen now; else its last request or socket, or (after a restart) what its record kept. */
  private lastSeen(d: DeviceRecord, now: number): number | null {
    if (this.connected.has(d.id)) return now;
    return this.online.get(d.id) ?? this.goneAt.get(d.id) ?? d.lastSeenAt;
  }

  /** A paired device unseen for `deviceIdleDays` (a kiosk taken out of service, a lost tablet) holds a token that no longer works. */
  private idleExpired(d: DeviceRecord, now: number): boolean {
    const seen = this.lastSeen(d, now);
    return seen !== null && now - seen > this.limits.deviceIdleDays * DAY_MS;
  }

  /**
   * Keeps each device's last sighting on disk, at most once an hour per device, so a restart (or
   * a power cut) measures a device's idle time from when it was last really there. Called by
   * the server's ticker.
   */
  async keepLastSeen(now: number): Promise<void> {
    const due = this.store.data.devices.filter((d) => {
      if (d.revoked || !d.tokenDigest || this.idleExpired(d, now)) return false;
      const seen = this.lastSeen(d, now);
      return seen !== null && seen - (d.lastSeenAt ?? 0) >= 3600_000;
    });
    if (!due.length) return;
    const seen = new Map(due.map((d) => [d.id, this.lastSeen(d, now)!]));
    await this.store.update((data) => {
      for (const rec of data.devices) {
        const at = seen.get(rec.id);
        if (at !== undefined && at > (rec.lastSeenAt ?? 0)) rec.lastSeenAt = at;
      }
    });
  }

  publicDevice(d: DeviceRecord, now: number): PublicDevice {
    const live = this.connected.has(d.id);
    const request = this.online.get(d.id);
    const seen = this.lastSeen(d, now);
    const online = live || (request !== undefined && now - request < 5 * 60000);
    return {
      id: d.id,
      kind: d.kind,
      name: d.name,
      floor: d.floor,
      ref: d.ref,
      // A token left unused past the idle limit no longer works: the device is shown unpaired, to pair again.
      paired: d.tokenDigest !== null && !this.idleExpired(d, now),
      createdAt: d.createdAt,
      lastSeenAt: seen,
      online,
    };
  }
}

export function publicUser(u: UserRecord): PublicUser {
  return { id: u.id, username: u.username, name: u.name, role: u.role, counterIds: u.counterIds, disabled: u.disabled };
}
