import { useEffect, useRef, useState } from 'react';
import type { ErrorCode } from '@antre/server/contract';
import type { T } from '../shared/i18n';
import { OnScreenKeys } from './on-screen-keys';

/** The letters and digits booking codes are made of (no 0/O, 1/I, 2/Z, 5/S, 8/B to misread). */
const CODE_ROWS = ['34679ACD', 'EFHJKLMN', 'PRTUVWXY'];

interface Props {
  t: T;
  busy: boolean;
  error: { code: ErrorCode | 'NETWORK'; text: string } | null;
  onSubmit: (code: string) => void;
  onWalkIn: () => void;
}

/**
 * "Saya sudah daftar online": the code typed on the screen's keys, or scanned: a USB barcode
 * scanner types like a keyboard and ends with Enter, so the page listens to the keyboard too.
 */
export function CheckInScreen({ t, busy, error, onSubmit, onWalkIn }: Props) {
  const [code, setCode] = useState('');
  const submit = (c = code) => c.trim().length >= 4 && !busy && onSubmit(c.trim());
  const scanned = useRef(false);
  useEffect(() => {
    let typed = code;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter') {
        submit(typed);
        scanned.current = true; // the code stays on screen; the next scan starts afresh
      } else if (e.key === 'Backspace') typed = typed.slice(0, -1);
      else if (/^[a-zA-Z0-9]$/.test(e.key)) {
        if (scanned.current) typed = '';
        scanned.current = false;
        typed = (typed + e.key.toUpperCase()).slice(0, 12);
      } else return;
      e.preventDefault();
      setCode(typed);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  const late = error?.code === 'CHECKIN_TOO_LATE';
  return (
    <div className="checkin-screen" data-testid="checkin">
      <p className="checkin-prompt">{t('ciPrompt')}</p>
      <div className="search-box checkin-code" data-testid="checkin-code" aria-live="polite">
        <span className="search-text">
          {code}
          <span className="caret" />
        </span>
      </div>
      {error && (
        <p className={`checkin-error${late ? ' is-late' : ''}`} role="alert" data-testid="checkin-error" data-code={error.code}>
          {error.text}
        </p>
      )}
      {late ? (
        <button type="button" className="btn btn-take" data-testid="checkin-walkin" onClick={onWalkIn}>
          {t('ciWalkIn')}
        </button>
      ) : (
        <button type="button" className="btn btn-take" data-testid="checkin-submit" disabled={busy || code.length < 4} onClick={() => submit()}>
          {t('ciSubmit')}
        </button>
      )}
      <OnScreenKeys
        t={t}
        rows={CODE_ROWS}
        space={false}
        onKey={(ch) => setCode((c) => (c + ch).slice(0, 12))}
        onDelete={() => setCode((c) => c.slice(0, -1))}
        onClear={() => setCode('')}
      />
    </div>
  );
}
