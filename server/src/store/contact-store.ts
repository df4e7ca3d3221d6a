import { join } from 'node:path';
import { Low } from 'lowdb';
import { AntreError } from '../contract/errors.js';
import { DurableJSONFile, isRecord, readJsonFileSync } from './durable-file.js';

/** A visitor's number given for one visit (a walk-in ticket), with what was already sent to it. */
export interface Contact {
  id: string;
  phone: string;
  ticketId: string;
  /** Service day of the visit: the number is deleted a set number of days after it. */
  day: string;
  createdAt: number;
  /** When and under which wording the visitor agreed (UU 27/2022 asks that consent be provable). */
  consentAt: number;
  consentVersion: string;
  almostSent: boolean;
  calledSent: boolean;
  surveySent: boolean;
}

export interface ContactDoc {
  format: 1;
  contacts: Contact[];
}

/** Numbers visitors added on their ticket page; durable as every store, and purged when no longer needed. */
export class ContactStore {
  private readonly db: Low<ContactDoc>;
  private readonly file: DurableJSONFile<ContactDoc>;
  private readonly path: string;
  private byTicket = new Map<string, Contact>();
  private lock: Promise<unknown> = Promise.resolve();

  constructor(dir: string) {
    this.path = join(dir, 'contacts.json');
    this.file = new DurableJSONFile(this.path, contactProblem);
    this.db = new Low<ContactDoc>(this.file, { format: 1, contacts: [] });
  }

  async load(): Promise<void> {
    await this.db.read();
    this.reindex();
  }

  private reindex(): void {
    this.byTicket = new Map(this.db.data.contacts.map((c) => [c.ticketId, c]));
  }

  get size(): number {
    return this.byTicket.size;
  }

  forTicket(ticketId: string): Contact | undefined {
    return this.byTicket.get(ticketId);
  }

  all(): readonly Contact[] {
    return this.db.data.contacts;
  }

  /**
   * Applies a change, one at a time: the new list is written first and only then becomes what
   * readers see, so memory is never ahead of the disk (a failed write: STORAGE_FAILED, nothing changed).
   */
  change(fn: (contacts: Contact[]) => Contact[]): Promise<void> {
    const run = async () => {
      const doc: ContactDoc = { format: 1, contacts: fn(this.db.data.contacts.map((c) => ({ ...c }))) };
      try {
        await this.file.write(doc);
      } catch (err) {
        this.db.data = readJsonFileSync<ContactDoc>(this.path, contactProblem) ?? this.db.data;
        this.reindex();
        throw new AntreError('STORAGE_FAILED', { cause: (err as NodeJS.ErrnoException).code ?? 'EIO' });
      }
      this.db.data = doc;
      this.reindex();
    };
    const next = this.lock.then(run, run);
    this.lock = next.catch(() => undefined);
    return next;
  }
}

function contactProblem(v: unknown): string | null {
  if (!isRecord(v) || v.format !== 1) return 'not a contacts document';
  return Array.isArray(v.contacts) && v.contacts.every((c) => isRecord(c) && typeof c.phone === 'string' && typeof c.ticketId === 'string')
    ? null
    : '"contacts" is not a list of contacts';
}
