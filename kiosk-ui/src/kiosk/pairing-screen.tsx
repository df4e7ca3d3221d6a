import { useState } from 'react';
import type { T } from '../shared/i18n';
import { LangButton } from './frame';
import { OnScreenKeys } from './on-screen-keys';

/** The server's pairing alphabet: no 0/O, 1/I/L look-alikes. */
const ROWS = ['23456789', 'ABCDEFGH', 'JKLMNPQR', 'STUVWXYZ'];
const CODE_LENGTH = 8;

interface Props {
  t: T;
  initialCode: string;
  busy: boolean;
  error: string | null;
  onLang: () => void;
  onPair: (code: string) => void;
}

/** Shown until the kiosk holds a device token: the admin's 8-character code on an on-screen keypad. */
export function PairingScreen({ t, initialCode, busy, error, onLang, onPair }: Props) {
  const [code, setCode] = useState(initialCode.toUpperCase().slice(0, CODE_LENGTH));
  const cells = Array.from({ length: CODE_LENGTH }, (_, i) => code[i] ?? '');
  return (
    <div className="screen screen-pairing" data-screen="pairing">
      <header className="topbar">
        <div className="topbar-title">
          <h1>{t('pairTitle')}</h1>
          <p>{t('pairHint')}</p>
        </div>
        <LangButton t={t} onLang={onLang} />
      </header>
      <main className="screen-body pairing-body">
        <div className="code-cells" data-testid="pair-code" aria-label={code}>
          {cells.map((ch, i) => <span key={i} className={`code-cell${i === code.length ? ' is-next' : ''}`}>{ch}</span>)}
        </div>
        {error && <div className="notice notice-error" role="alert" data-testid="pair-error">{error}</div>}
        <OnScreenKeys t={t} rows={ROWS} space={false} onKey={(ch) => setCode((c) => (c + ch).slice(0, CODE_LENGTH))} onDelete={() => setCode((c) => c.slice(0, -1))} onClear={() => setCode('')} />
        <button type="button" className="btn btn-take" data-testid="pair" disabled={busy || code.length !== CODE_LENGTH} onClick={() => onPair(code)}>
          {busy ? t('pairing') : t('pairButton')}
        </button>
      </main>
    </div>
  );
}
