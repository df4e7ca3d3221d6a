import { useEffect, useRef } from 'react';
import { pick, type Lang } from '../shared/i18n';
import { Bilingual } from '../supervisor/staff-frame';
import { A } from './texts';
import type { SaveResult } from './use-raw-venue';

/** A labelled text input. */
export function TextField({
  label,
  value,
  onChange,
  name,
  required,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  name: string;
  required?: boolean;
  placeholder?: string;
}) {
  return (
    <label className="sv-field">
      <span>{label}</span>
      <input name={name} value={value} required={required} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/** A labelled number input; empty gives null (the caller decides what null means). */
export function NumberField({
  label,
  value,
  onChange,
  name,
  step,
}: {
  label: string;
  value: number | null;
  onChange: (v: number | null) => void;
  name: string;
  step?: number;
}) {
  return (
    <label className="sv-field">
      <span>{label}</span>
      <input name={name} type="number" step={step ?? 1} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))} />
    </label>
  );
}

/** A list of strings edited one per line. */
export function LinesField({ label, value, onChange, name }: { label: string; value: string[]; onChange: (v: string[]) => void; name: string }) {
  return (
    <label className="sv-field">
      <span>{label}</span>
      <textarea name={name} rows={Math.min(8, Math.max(3, value.length + 1))} value={value.join('\n')} onChange={(e) => onChange(e.target.value.split('\n'))} />
    </label>
  );
}

/** Drops the empty lines a textarea leaves before the list goes to the server. */
export function cleanLines(lines: string[]): string[] {
  return lines.map((l) => l.trim()).filter(Boolean);
}

/** The outcome of the last save, beside the form: "live on every screen", or the server's per-field problems. */
export function SaveFeedback({ result, lang }: { result: SaveResult | null; lang: Lang }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [result]);
  if (!result) return null;
  return (
    <div ref={ref} className={`sv-note ${result.ok ? 'sv-note--ok' : 'sv-note--error'}`} role={result.ok ? 'status' : 'alert'} data-testid="save-feedback">
      <Bilingual text={result.text} lang={lang} vars={result.vars} />
      {result.problems.length > 0 && (
        <ul>
          {result.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Save / discard at the bottom of a section form. */
export function SaveBar({
  dirty,
  saving,
  onSave,
  onRevert,
  lang,
  onRemove,
}: {
  dirty: boolean;
  saving: boolean;
  onSave: () => void;
  onRevert: () => void;
  lang: Lang;
  onRemove?: () => void;
}) {
  return (
    <div className="sv-sticky-actions">
      <button type="button" className="sv-btn sv-btn--primary" disabled={!dirty || saving} onClick={onSave}>
        {pick(saving ? A.saving : A.saveSection, lang)}
      </button>
      {dirty && (
        <button type="button" className="sv-btn" onClick={onRevert}>
          {pick(A.revert, lang)}
        </button>
      )}
      {dirty && <span className="sv-muted sv-small">{pick(A.unsaved, lang)}</span>}
      <span style={{ marginLeft: 'auto' }}>
        {onRemove && (
          <button type="button" className="sv-btn sv-btn--danger" onClick={onRemove}>
            {pick(A.remove, lang)}
          </button>
        )}
      </span>
    </div>
  );
}
