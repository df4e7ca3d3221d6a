import { join } from 'node:path';
import { Low } from 'lowdb';
import type { DeviceKind, Role } from '../contract/domain.js';
import { DurableJSONFile } from './durable-file.js';

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

/** Staff accounts, sessions and devices: one small lowdb document, written durably. */
export class StaffStore {
  readonly db: Low<StaffDoc>;

  constructor(dir: string) {
    this.db = new Low<StaffDoc>(new DurableJSONFile(join(dir, 'staff.json')), { format: 1, users: [], sessions: [], devices: [] });
  }

  async load(): Promise<void> {
    await this.db.read();
  }

  get data(): StaffDoc {
    return this.db.data;
  }

  /** Applies a change to the document and resolves once it is on disk. */
  async update(fn: (d: StaffDoc) => void): Promise<void> {
    fn(this.db.data);
    await this.db.write();
  }
}
