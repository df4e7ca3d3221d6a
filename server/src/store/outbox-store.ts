import { join } from 'node:path';
import { Low } from 'lowdb';
import type { MessageKind } from '../messaging/channel.js';
import { copyOnWrite, DurableJSONFile, isRecord } from './durable-file.js';

/** A message waiting to go, or given up on (dead letter), as kept on disk. */
export interface StoredMessage {
  id: string;
  to: string;
  kind: MessageKind;
  params: string[];
  text: string;
  /** What the message is about, so a visit's messages can be found and purged with it. */
  ref: { ticketId?: string; bookingId?: string };
  createdAt: number;
  /** A message past this moment is no use any more ("3 before you" an hour late): it is dropped, not sent. */
  expiresAt: number;
  nextAt: number;
  /** Index of the channel being tried (the next one takes over when it refuses or keeps failing). */
  channel: number;
  attempts: number;
  lastError: string | null;
  state: 'pending' | 'dead';
  deadAt: number | null;
}

export interface OutboxDoc {
  format: 1;
  messages: StoredMessage[];
  /** Messages delivered per local day and channel: counts only, never numbers. */
  sent: Record<string, Record<string, number>>;
}

/**
 * The outbox of visitor messages: a message is on disk before anyone is told it will be sent,
 * and stays until it is delivered or given up (temp file + fsync + rename, as every store).
 */
export class OutboxStore {
  private readonly db: Low<OutboxDoc>;
  private readonly file: DurableJSONFile<OutboxDoc>;

  constructor(dir: string) {
    this.file = new DurableJSONFile(join(dir, 'outbox.json'), outboxProblem);
    this.db = new Low<OutboxDoc>(this.file, empty());
    this.change = copyOnWrite(
      this.file,
      () => this.db.data,
      (d) => {
        this.db.data = d;
      },
    );
  }

  async load(): Promise<void> {
    await this.db.read();
  }

  get data(): Readonly<OutboxDoc> {
    return this.db.data;
  }

  /** Applies a change and writes it (copyOnWrite: never ahead of the disk, a failed write changes nothing). */
  readonly change: <R>(fn: (copy: OutboxDoc) => R) => Promise<R>;
}

function empty(): OutboxDoc {
  return { format: 1, messages: [], sent: {} };
}

function outboxProblem(v: unknown): string | null {
  if (!isRecord(v) || v.format !== 1) return 'not an outbox document';
  if (!Array.isArray(v.messages) || !v.messages.every((m) => isRecord(m) && typeof m.id === 'string' && typeof m.to === 'string'))
    return '"messages" is not a list of messages';
  return isRecord(v.sent) ? null : '"sent" is not a record';
}
