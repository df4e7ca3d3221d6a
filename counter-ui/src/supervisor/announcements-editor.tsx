import { useEffect, useState } from 'react';
import type { LocalizedText } from '@antre/server/contract';
import { api, errorText } from '../shared/api';
import { pick, type Lang } from '../shared/i18n';
import { problemsOf } from './format';
import { Bilingual } from './staff-frame';
import { S } from './texts';

/** The running text of the hall displays: one message per line, saved for every screen at once. */
export function AnnouncementsEditor({ live, token, lang }: { live: string[]; token: string; lang: Lang }) {
  const [draft, setDraft] = useState(live.join('\n'));
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: LocalizedText; problems: string[] } | null>(null);
  useEffect(() => {
    if (!dirty) setDraft(live.join('\n'));
  }, [live, dirty]);
  const save = async () => {
    setBusy(true);
    setResult(null);
    const announcements = draft.split('\n').map((l) => l.trim()).filter(Boolean);
    try {
      await api('/api/announcements', { method: 'PUT', token, body: { announcements } });
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
      <textarea className="sv-running" rows={5} value={draft} onChange={(e) => (setDraft(e.target.value), setDirty(true), setResult(null))} aria-label={pick(S.runningText, lang)} />
      {result && (
        <div className={`sv-note ${result.ok ? 'sv-note--ok' : 'sv-note--error'}`} role={result.ok ? 'status' : 'alert'}>
          <Bilingual text={result.text} lang={lang} />
          {result.problems.length > 0 && <ul>{result.problems.map((p) => <li key={p}>{p}</li>)}</ul>}
        </div>
      )}
      <div className="sv-row">
        <button type="button" className="sv-btn sv-btn--primary" disabled={!dirty || busy} onClick={() => void save()}>{pick(S.save, lang)}</button>
        {dirty && <button type="button" className="sv-btn" onClick={() => (setDirty(false), setResult(null))}>{pick(S.cancel, lang)}</button>}
      </div>
    </section>
  );
}
