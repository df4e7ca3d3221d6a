import { useEffect, useState } from 'react';
import type { Venue } from '@antre/server/contract';
import { pick, type Lang } from '../shared/i18n';
import { SaveBar, SaveFeedback } from './fields';
import { A } from './texts';
import type { SaveResult } from './use-raw-venue';

export type JsonKey = 'floors' | 'agencies' | 'kiosks' | 'announcements';

/** One part of the venue as JSON, for what has no form yet; the server validates it like the rest. */
export function JsonSection({
  venue,
  part,
  save,
  saving,
  result,
  lang,
}: {
  venue: Venue;
  part: JsonKey;
  save: (v: Venue) => Promise<boolean>;
  saving: boolean;
  result: SaveResult | null;
  lang: Lang;
}) {
  const original = JSON.stringify(venue[part], null, 2);
  const [text, setText] = useState(original);
  const [parseError, setParseError] = useState<string | null>(null);
  useEffect(() => {
    setText(original);
    setParseError(null);
  }, [original]);
  const submit = () => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      setParseError((e as Error).message);
      return;
    }
    setParseError(null);
    void save({ ...venue, [part]: value } as Venue);
  };
  return (
    <div className="sv-card" data-testid={`json-${part}`}>
      <p className="sv-muted sv-small">{pick(A.jsonHint, lang)}</p>
      <SaveFeedback result={result} lang={lang} />
      {parseError && (
        <p className="sv-note sv-note--error" role="alert">
          {pick(A.jsonBad, lang, { m: parseError })}
        </p>
      )}
      <textarea className="sv-json" spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} aria-label={part} />
      <SaveBar dirty={text !== original} saving={saving} onSave={submit} onRevert={() => setText(original)} lang={lang} />
    </div>
  );
}
