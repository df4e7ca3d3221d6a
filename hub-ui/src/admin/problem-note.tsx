import type { LocalizedText } from '@antre/server/contract';
import { errorText } from '@antre/counter-ui/shared/api';
import type { Lang } from '@antre/counter-ui/shared/i18n';
import { problemsOf } from '@antre/counter-ui/supervisor/format';
import { ApiError } from '@antre/counter-ui/shared/api';
import { Bilingual } from '@antre/counter-ui/supervisor/staff-frame';

/** A refusal as the hub (or this page) worded it, in both languages, with the field-by-field problems if any. */
export function ProblemNote({ error, lang }: { error: unknown; lang: Lang }) {
  if (!error) return null;
  const text: LocalizedText = isText(error) ? error : errorText(error);
  const problems = isText(error) ? [] : [...problemsOf(error), ...fieldProblems(error)];
  return (
    <div className="sv-note sv-note--error" role="alert">
      <Bilingual text={text} lang={lang} />
      {problems.length > 0 && (
        <ul>
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function isText(e: unknown): e is LocalizedText {
  return !!e && typeof e === 'object' && !(e instanceof Error) && typeof (e as LocalizedText).id === 'string' && typeof (e as LocalizedText).en === 'string';
}

/** The hub lists a refused field as `details: [{ path, message }]` (the site as `details.problems`). */
export function fieldProblems(e: unknown): string[] {
  const d = e instanceof ApiError ? e.details : undefined;
  if (!Array.isArray(d)) return [];
  return d.flatMap((p: unknown) => {
    const { path, message } = (p ?? {}) as { path?: unknown; message?: unknown };
    return typeof message === 'string' ? [typeof path === 'string' && path ? `${path}: ${message}` : message] : [];
  });
}
