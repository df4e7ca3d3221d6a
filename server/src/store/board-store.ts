import { join } from 'node:path';
import { Low } from 'lowdb';
import { copyOnWrite, DurableJSONFile, isRecord } from './durable-file.js';

export interface BoardDoc {
  format: 1;
  announcements: string[] | null;
}

/** What supervisors put on the hall boards (running text); outlives restarts. */
export class BoardStore {
  private readonly db: Low<BoardDoc>;
  private readonly file: DurableJSONFile<BoardDoc>;

  constructor(
    dir: string,
    private readonly defaults: () => string[],
  ) {
    this.file = new DurableJSONFile(join(dir, 'board.json'), boardProblem);
    this.db = new Low<BoardDoc>(this.file, { format: 1, announcements: null });
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
  }

  announcements(): string[] {
    return this.db.data.announcements ?? this.defaults();
  }

  /** Resolves once the text is on disk, and only then shows it; a failed write keeps the previous text (STORAGE_FAILED), which is what a restart would show. */
  setAnnouncements(list: string[]): Promise<void> {
    return this.update((d) => {
      d.announcements = [...list];
    });
  }

  private readonly update: <R>(fn: (copy: BoardDoc) => R) => Promise<R>;
}

function boardProblem(v: unknown): string | null {
  if (!isRecord(v) || v.format !== 1) return 'not a board document';
  return v.announcements === null || (Array.isArray(v.announcements) && v.announcements.every((a) => typeof a === 'string'))
    ? null
    : '"announcements" is not a list of texts';
}
