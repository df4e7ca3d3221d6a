import { join } from 'node:path';
import { Low } from 'lowdb';
import { AntreError } from '../contract/errors.js';
import { DurableJSONFile, isRecord, readJsonFileSync } from './durable-file.js';

export interface BoardDoc {
  format: 1;
  announcements: string[] | null;
}

/** What supervisors put on the hall boards (running text); outlives restarts. */
export class BoardStore {
  private readonly db: Low<BoardDoc>;
  private readonly path: string;

  constructor(dir: string, private readonly defaults: () => string[]) {
    this.path = join(dir, 'board.json');
    this.db = new Low<BoardDoc>(new DurableJSONFile(this.path, boardProblem), { format: 1, announcements: null });
  }

  async load(): Promise<void> {
    await this.db.read();
  }

  announcements(): string[] {
    return this.db.data.announcements ?? this.defaults();
  }

  /** Resolves once the text is on disk; a failed write keeps the previous text (STORAGE_FAILED). */
  async setAnnouncements(list: string[]): Promise<void> {
    this.db.data.announcements = list;
    try {
      await this.db.write();
    } catch (err) {
      // Take the disk's word again: what the boards show is what a restart would show.
      this.db.data = readJsonFileSync<BoardDoc>(this.path, boardProblem) ?? { format: 1, announcements: null };
      throw new AntreError('STORAGE_FAILED', { cause: (err as NodeJS.ErrnoException).code ?? 'EIO' });
    }
  }
}

function boardProblem(v: unknown): string | null {
  if (!isRecord(v) || v.format !== 1) return 'not a board document';
  return v.announcements === null || (Array.isArray(v.announcements) && v.announcements.every((a) => typeof a === 'string')) ? null : '"announcements" is not a list of texts';
}
