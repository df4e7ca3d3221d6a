import { useRef, useState } from 'react';
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
  // The public sees a calm "not ready"; staff hold a finger on the screen to reach the keypad.
  const [staff, setStaff] = useState(initialCode !== '');
  const cells = Array.from({ length: CODE_LENGTH }, (_, i) => code[i] ?? '');
  if (!staff) return <NotReady t={t} error={error} onLang={onLang} onReveal={() => setStaff(true)} />;
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
          {cells.map((ch, i) => (
            <span key={i} className={`code-cell${i === code.length ? ' is-next' : ''}`}>
              {ch}
            </span>
          ))}
        </div>
        {error && (
          <div className="notice notice-error" role="alert" data-testid="pair-error">
            {error}
          </div>
        )}
        <OnScreenKeys
          t={t}
          rows={ROWS}
          space={false}
          onKey={(ch) => setCode((c) => (c + ch).slice(0, CODE_LENGTH))}
          onDelete={() => setCode((c) => c.slice(0, -1))}
          onClear={() => setCode('')}
        />
        <button type="button" className="btn btn-take" data-testid="pair" disabled={busy || code.length !== CODE_LENGTH} onClick={() => onPair(code)}>
          {busy ? t('pairing') : t('pairButton')}
        </button>
      </main>
    </div>
  );
}

/** How long staff hold a finger on the screen to reach the pairing keypad. */
export const REVEAL_MS = 2000;

/** What a visitor meets at a kiosk that is not paired yet: no keypad, no admin words, a hint to ask staff. */
function NotReady({ t, error, onLang, onReveal }: { t: T; error: string | null; onLang: () => void; onReveal: () => void }) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancel = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  return (
    <div
      className="screen screen-pairing screen-not-ready"
      data-screen="pairing"
      data-testid="not-ready"
      onPointerDown={() => {
        cancel();
        timer.current = setTimeout(onReveal, REVEAL_MS);
      }}
      onPointerUp={cancel}
      onPointerLeave={cancel}
      onPointerCancel={cancel}
      onContextMenu={(e) => e.preventDefault()}
    >
      <header className="topbar">
        <div className="topbar-title">
          <h1>{t('notReadyTitle')}</h1>
        </div>
        <LangButton t={t} onLang={onLang} />
      </header>
      <main className="screen-body not-ready-body">
        <p className="not-ready-text">{t('notReadyHint')}</p>
        {error && (
          <p className="not-ready-error" role="status" data-testid="pair-error">
            {error}
          </p>
        )}
      </main>
    </div>
  );
}
