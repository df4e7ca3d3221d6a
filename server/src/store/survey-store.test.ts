import { afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SurveyRecord } from '../contract/survey.js';
import { CorruptDataError } from './durable-file.js';
import { SurveyStore } from './survey-store.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function temp(): string {
  const d = mkdtempSync(join(tmpdir(), 'antre-skm-'));
  dirs.push(d);
  return d;
}

const rec = (ticketId: string, day = '2026-11-25'): SurveyRecord => ({
  v: 1,
  id: `s-${ticketId}`,
  ticketId,
  day,
  at: 1,
  agencyId: 'dukcapil',
  serviceId: 'ktp',
  counterId: 'loket-1',
  officerId: null,
  floor: 1,
  waitMinutes: 3,
  scores: [4, 4, 4, 4, 4, 4, 4, 4, 4],
  comment: null,
  profile: { sex: null, age: null, education: null, occupation: null },
  channel: 'phone',
  deviceId: null,
});

describe('SurveyStore', () => {
  it('keeps answers per month across a reopen and refuses a second answer for a ticket', async () => {
    const dir = temp();
    const a = new SurveyStore(dir);
    a.load();
    await a.add(rec('t1'));
    await a.add(rec('t2', '2026-12-01'));
    await expect(a.add(rec('t1'))).rejects.toMatchObject({ code: 'SURVEY_ALREADY_ANSWERED' });
    await a.close();
    expect(readFileSync(join(dir, 'surveys/2026-11.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
    const b = new SurveyStore(dir);
    b.load();
    expect(b.all().map((r) => r.ticketId)).toEqual(['t1', 't2']);
    expect(b.between('2026-12-01', '2026-12-31').map((r) => r.ticketId)).toEqual(['t2']);
    await expect(b.add(rec('t2', '2026-12-01'))).rejects.toMatchObject({ code: 'SURVEY_ALREADY_ANSWERED' });
    await b.close();
  });

  it('drops a torn last line (never acknowledged) with a message, and refuses to start on other damage, naming the file', async () => {
    const dir = temp();
    const a = new SurveyStore(dir);
    a.load();
    await a.add(rec('t1'));
    await a.close();
    const file = join(dir, 'surveys/2026-11.jsonl');
    appendFileSync(file, '{"v":1,"id":"s-t2","ticketId":"t2","da');
    const notes: string[] = [];
    const b = new SurveyStore(dir, (m) => notes.push(m));
    b.load();
    expect(b.all().map((r) => r.ticketId)).toEqual(['t1']);
    expect(notes[0]).toContain('torn last line');
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"v":1,"ticketId":"t3","scores":[9]}\n`);
    expect(() => new SurveyStore(dir).load()).toThrow(CorruptDataError);
    expect(() => new SurveyStore(dir).load()).toThrow(/2026-11\.jsonl/);
  });
});
