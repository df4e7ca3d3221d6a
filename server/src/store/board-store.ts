import { join } from 'node:path';
import { Low } from 'lowdb';
import { DurableJSONFile } from './durable-file.js';

export interface BoardDoc {
  format: 1;
  announcements: string[] | null;
}

/** What supervisors put on the hall boards (running text); outlives restarts. */
export class BoardStore {
  private readonly db: Low<BoardDoc>;

  constructor(dir: string, private readonly defaults: () => string[]) {
    this.db = new Low<BoardDoc>(new DurableJSONFile(join(dir, 'board.json')), { format: 1, announcements: null });
  }

  async load(): Promise<void> {
    await this.db.read();
  }

  announcements(): string[] {
    return this.db.data.announcements ?? this.defaults();
  }

  async setAnnouncements(list: string[]): Promise<void> {
    this.db.data.announcements = list;
    await this.db.write();
  }
}
