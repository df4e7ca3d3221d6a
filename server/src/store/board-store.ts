import { join } from 'node:path';
import { Low } from 'lowdb';
import { AntreError } from '../contract/errors.js';
import { DurableJSONFile, isRecord } from './durable-file.js';

export interface BoardDoc {
  format: 1;
  announcements: string[] | null;
}

/** What supervisors put on the hall boards (running text); outlives restarts. */
export class BoardStore {
  private readonly db: Low<BoardDoc>;
  private readonly file: DurableJSONFile<BoardDoc>;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(dir: string, private readonly defaults: () => string[]) {
    this.file = new DurableJSONFile(join(dir, 'board.json'), boardProblem);
    this.db = new Low<BoardDoc>(this.file, { format: 1, announcements: null });
  }

  async load(): Promise<void> {
    await this.db.read();
  }

  announcements(): string[] {
    return this.db.data.announcements ?? this.defaults();
  }

  /**
   * Resolves once the text is on disk, and only then shows it: edits run one at a time, and a
   * failed write (STORAGE_FAILED) keeps the previous text, which is what a restart would show.
   */
  setAnnouncements(list: string[]): Promise<void> {
    const run = this.chain.then(async () => {
      const next: BoardDoc = { format: 1, announcements: [...list] };
      try {
        await this.file.write(next);
      } catch (err) {
        throw new AntreError('STORAGE_FAILED', { cause: (err as NodeJS.ErrnoException).code ?? 'EIO' });
      }
      this.db.data = next;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}

function boardProblem(v: unknown): string | null {
  if (!isRecord(v) || v.format !== 1) return 'not a board document';
  return v.announcements === null || (Array.isArray(v.announcements) && v.announcements.every((a) => typeof a === 'string')) ? null : '"announcements" is not a list of texts';
}
