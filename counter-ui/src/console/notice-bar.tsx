import type { LocalizedText } from '@antre/server/contract';
import { pick, type Lang } from '../shared/i18n';
import { T } from './texts';
import type { Notice } from './use-commands';

/** A message in the screen language, with the other language beneath it. */
export function Bilingual({ text, lang, vars }: { text: LocalizedText; lang: Lang; vars?: Record<string, string | number> }) {
  const other: Lang = lang === 'id' ? 'en' : 'id';
  return (
    <>
      <span className="bi__main" lang={lang}>
        {pick(text, lang, vars)}
      </span>
      <span className="bi__other" lang={other}>
        {pick(text, other, vars)}
      </span>
    </>
  );
}

/** The outcome of the last command: a refusal stays until dismissed or replaced, a success fades. */
export function NoticeBar({ notice, lang, onDismiss }: { notice: Notice | null; lang: Lang; onDismiss: () => void }) {
  if (!notice) return <div className="notice-slot" aria-live="polite" />;
  return (
    <div className="notice-slot" aria-live="polite">
      <div key={notice.seq} className={`notice notice--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-code={notice.code}>
        <div className="notice__text">
          <Bilingual text={notice.text} lang={lang} vars={notice.vars} />
        </div>
        {notice.code && notice.kind === 'error' && <code className="notice__code">{notice.code}</code>}
        <button type="button" className="notice__close" onClick={onDismiss} aria-label={pick(T.dismiss, lang)}>
          ×
        </button>
      </div>
    </div>
  );
}
