import { join } from 'node:path';
import { Low } from 'lowdb';
import type { DeviceKind, Role } from '../contract/domain.js';
import { AntreError } from '../contract/errors.js';
import { DurableJSONFile, isRecord, readJsonFileSync } from './durable-file.js';

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

/** Staff accounts, sessions and devices: one small lowdb document, written durably. */
export class StaffStore {
  readonly db: Low<StaffDoc>;
  private readonly path: string;

  constructor(dir: string) {
    this.path = join(dir, 'staff.json');
    this.db = new Low<StaffDoc>(new DurableJSONFile(this.path, staffProblem), empty());
  }

  async load(): Promise<void> {
    await this.db.read();
  }

  get data(): StaffDoc {
    return this.db.data;
  }

  /** Applies a change to the document and resolves once it is on disk; a failed write changes nothing (STORAGE_FAILED). */
  async update(fn: (d: StaffDoc) => void): Promise<void> {
    fn(this.db.data);
    try {
      await this.db.write();
    } catch (err) {
      // Memory ran ahead of the disk: take the disk's word again.
      this.db.data = readJsonFileSync<StaffDoc>(this.path, staffProblem) ?? empty();
      throw new AntreError('STORAGE_FAILED', { cause: (err as NodeJS.ErrnoException).code ?? 'EIO' });
    }
  }
}
