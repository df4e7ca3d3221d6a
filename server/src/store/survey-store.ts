import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AntreError } from '../contract/errors.js';
import type { SurveyRecord } from '../contract/survey.js';
import { fsyncDir, isRecord } from './durable-file.js';
import { Journal } from './journal.js';

const FILE_RE = /^(\d{4}-\d{2})\.jsonl$/;

/** What Antre writes as a survey record; anything else in the file is damage. */
export function surveyProblem(v: unknown): string | null {
  if (!isRecord(v) || v.v !== 1) return 'not a survey record';
  if (typeof v.ticketId !== 'string' || typeof v.day !== 'string' || typeof v.agencyId !== 'string' || typeof v.serviceId !== 'string')
    return 'a survey record without its visit';
  if (!Array.isArray(v.scores) || v.scores.length !== 9 || !v.scores.every((s) => Number.isInteger(s) && s >= 1 && s <= 4))
    return 'scores are not nine answers 1..4';
  return null;
}

/**
 * The SKM answers: one append-only journal per month (`surveys/YYYY-MM.jsonl`), each answer
 * appended and fdatasynced before it counts, so an acknowledged answer survives a power cut and
 * a refused one never comes back. One answer per ticket, ever.
 */
export class SurveyStore {
  private readonly dir: string;
  private readonly journals = new Map<string, Journal>();
  private records: SurveyRecord[] = [];
  private readonly answered = new Set<string>();
  /** Tickets whose answer is being written: a second submit meanwhile is refused, not raced. */
  private readonly pending = new Set<string>();

  constructor(
    dataDir: string,
    private readonly onRepair: (message: string) => void = () => {},
  ) {
    this.dir = join(dataDir, 'surveys');
  }

  /** Reads every month's answers; a torn last line (a cut append, never acknowledged) is dropped, other damage refuses to start. */
  load(): void {
    mkdirSync(this.dir, { recursive: true });
    const files = readdirSync(this.dir)
      .filter((f) => FILE_RE.test(f))
      .sort();
    const out: SurveyRecord[] = [];
    for (const f of files) out.push(...Journal.readAll<SurveyRecord>(join(this.dir, f), { check: surveyProblem, head: '{"v":1', onRepair: this.onRepair }));
    this.records = out;
    this.answered.clear();
    for (const r of out) this.answered.add(r.ticketId);
  }

  has(ticketId: string): boolean {
    return this.answered.has(ticketId) || this.pending.has(ticketId);
  }

  all(): readonly SurveyRecord[] {
    return this.records;
  }

  /** Answers of the days from..to (inclusive). */
  between(from: string, to: string): SurveyRecord[] {
    return this.records.filter((r) => r.day >= from && r.day <= to);
  }

  /** Resolves once the answer is on disk, then it counts; a repeat is SURVEY_ALREADY_ANSWERED, a failed write STORAGE_FAILED. */
  async add(record: SurveyRecord): Promise<void> {
    if (this.has(record.ticketId)) throw new AntreError('SURVEY_ALREADY_ANSWERED');
    this.pending.add(record.ticketId);
    try {
      const journal = await this.journal(record.day.slice(0, 7));
      // After a failed write the journal refuses appends until cut back to what was acknowledged.
      if (journal.broken) await journal.recover();
      await journal.append(record);
    } catch (err) {
      if (err instanceof AntreError) throw err;
      throw new AntreError('STORAGE_FAILED', { cause: (err as NodeJS.ErrnoException).code ?? 'EIO' });
    } finally {
      this.pending.delete(record.ticketId);
    }
    this.records.push(record);
    this.answered.add(record.ticketId);
  }

  private async journal(month: string): Promise<Journal> {
    let j = this.journals.get(month);
    if (j) return j;
    j = new Journal(join(this.dir, `${month}.jsonl`));
    this.journals.set(month, j);
    try {
      await j.open(() => {});
      // A new month's file must itself survive a power cut, not only its contents.
      await fsyncDir(this.dir);
    } catch (err) {
      this.journals.delete(month);
      throw err;
    }
    return j;
  }

  async close(): Promise<void> {
    for (const j of this.journals.values()) await j.close();
    this.journals.clear();
  }
}
