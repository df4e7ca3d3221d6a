import { useEffect, useState } from 'react';
import type { LocalizedText } from '@antre/server/contract';
import { api, errorText } from '../shared/api';
import { pick, type Lang } from '../shared/i18n';
import { problemsOf } from './format';
import { Bilingual } from './staff-frame';
import { S } from './texts';

/** The server's limits (announcementsBody in the contract): checked here too, so the refusal names the line. */
const MAX_LINES = 20;
const MAX_CHARS = 300;

/** What is wrong with the draft, line by line, in both languages (empty: it may be saved). */
export function draftProblems(lines: string[]): LocalizedText[] {
  const out: LocalizedText[] = [];
  if (lines.length > MAX_LINES)
    out.push({ id: `Terlalu banyak baris: ${lines.length}, paling banyak ${MAX_LINES}.`, en: `Too many lines: ${lines.length}, at most ${MAX_LINES}.` });
  lines.forEach((l, i) => {
    if (l.length > MAX_CHARS)
      out.push({
        id: `Baris ${i + 1} terlalu panjang: ${l.length} huruf, paling banyak ${MAX_CHARS}.`,
        en: `Line ${i + 1} is too long: ${l.length} characters, at most ${MAX_CHARS}.`,
      });
  });
  return out;
}

/** The running text of the hall displays: one message per line, saved for every screen at once. */
export function AnnouncementsEditor({ live, token, lang }: { live: string[]; token: string; lang: Lang }) {
  const [draft, setDraft] = useState(live.join('\n'));
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: LocalizedText; problems: string[] } | null>(null);
  useEffect(() => {
    if (!dirty) setDraft(live.join('\n'));
  }, [live, dirty]);
  const announcements = draft
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const problems = draftProblems(announcements);
  const save = async () => {
    if (problems.length > 0) return;
    setBusy(true);
    setResult(null);
    try {
      await api.call('announcements.set', { token, body: { announcements } });
      setDirty(false);
      setResult({ ok: true, text: S.saved, problems: [] });
    } catch (e) {
      setResult({ ok: false, text: errorText(e), problems: problemsOf(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="sv-card sv-panel" aria-labelledby="sv-running">
      <h2 id="sv-running">{pick(S.runningText, lang)}</h2>
      <p className="sv-muted sv-small">{pick(S.runningHint, lang)}</p>
      <textarea
        className="sv-running"
        rows={5}
        value={draft}
        onChange={(e) => (setDraft(e.target.value), setDirty(true), setResult(null))}
        aria-label={pick(S.runningText, lang)}
      />
      {result && (
        <div className={`sv-note ${result.ok ? 'sv-note--ok' : 'sv-note--error'}`} role={result.ok ? 'status' : 'alert'}>
          <Bilingual text={result.text} lang={lang} />
          {result.problems.length > 0 && (
            <ul>
              {result.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {dirty && problems.length > 0 && (
        <ul className="sv-note sv-note--error" role="alert" data-testid="running-problems">
          {problems.map((p) => (
            <li key={p.en}>
              <Bilingual text={p} lang={lang} />
            </li>
          ))}
        </ul>
      )}
      <div className="sv-row">
        <button type="button" className="sv-btn sv-btn--primary" disabled={!dirty || busy || problems.length > 0} onClick={() => void save()}>
          {pick(S.save, lang)}
        </button>
        {dirty && (
          <button type="button" className="sv-btn" onClick={() => (setDirty(false), setResult(null))}>
            {pick(S.cancel, lang)}
          </button>
        )}
      </div>
    </section>
  );
}
