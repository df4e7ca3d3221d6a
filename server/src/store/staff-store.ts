import { join } from 'node:path';
import { Low } from 'lowdb';
import type { DeviceKind, Role } from '../contract/domain.js';
import { existsSync, statSync } from 'node:fs';
import { copyOnWrite, DurableJSONFile, isRecord } from './durable-file.js';
import { disk } from './disk.js';

export interface UserRecord {
  id: string;
  username: string;
  name: string;
  role: Role;
  counterIds: string[];
  passwordHash: string;
  disabled: boolean;
  createdAt: number;
}

export interface SessionRecord {
  tokenDigest: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
}

export interface DeviceRecord {
  id: string;
  kind: DeviceKind;
  name: string;
  floor: number | null;
  ref: string | null;
  tokenDigest: string | null;
  pairingDigest: string | null;
  pairingExpiresAt: number | null;
  createdAt: number;
  lastSeenAt: number | null;
  revoked: boolean;
}

export interface StaffDoc {
  format: 1;
  users: UserRecord[];
  sessions: SessionRecord[];
  devices: DeviceRecord[];
}

function staffProblem(v: unknown): string | null {
  if (!isRecord(v)) return 'not a staff document';
  if (v.format !== 1) return `unknown format ${JSON.stringify(v.format)}`;
  for (const k of ['users', 'sessions', 'devices']) if (!Array.isArray(v[k])) return `"${k}" is missing or not a list`;
  return null;
}

const empty = (): StaffDoc => ({ format: 1, users: [], sessions: [], devices: [] });

/**
 * Staff accounts, sessions and devices: one small lowdb document, written durably and readable
 * by the server's user only (it holds password hashes and token digests).
 */
export class StaffStore {
  readonly db: Low<StaffDoc>;
  private readonly path: string;
  private readonly file: DurableJSONFile<StaffDoc>;

  constructor(dir: string) {
    this.path = join(dir, 'staff.json');
    this.file = new DurableJSONFile(this.path, staffProblem, false, 0o600);
    this.db = new Low<StaffDoc>(this.file, empty());
    this.update = copyOnWrite(
      this.file,
      () => this.db.data,
      (d) => {
        this.db.data = d;
      },
    );
  }

  async load(): Promise<void> {
    await this.db.read();
    // Files written by earlier versions were readable by every local user.
    if (existsSync(this.path) && (statSync(this.path).mode & 0o077) !== 0) await disk().chmod(this.path, 0o600);
  }

  get data(): StaffDoc {
    return this.db.data;
  }

  /** Applies a change and resolves once it is on disk (copyOnWrite: never ahead of the disk, a failed write changes nothing). */
  readonly update: <R>(fn: (copy: StaffDoc) => R) => Promise<R>;
}
