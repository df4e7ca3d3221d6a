import { useState, type FormEvent } from 'react';
import type { LocalizedText } from '@antre/server/contract';
import { text } from '../shared/dictionary';
import { Say } from '../shared/say';

/** Shown until the screen is paired: what an admin must do, and a field for the code. */
export function PairingScreen({
  revoked,
  error,
  busy,
  onPair,
}: {
  revoked: boolean;
  error: LocalizedText | null;
  busy: boolean;
  onPair: (code: string) => void;
}) {
  const [code, setCode] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (code.trim()) onPair(code.trim());
  };
  return (
    <div className="pairing" data-testid="pairing">
      <h1>
        <Say t={text(revoked ? 'pairRevoked' : 'pairTitle')} stacked />
      </h1>
      <p className="pairing-steps">
        <Say t={text('pairSteps')} stacked />
      </p>
      <form onSubmit={submit} className="pairing-form">
        <label>
          <Say t={text('pairCode')} />
          <input value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" spellCheck={false} disabled={busy} />
        </label>
        <button type="submit" disabled={busy || !code.trim()}>
          <Say t={text(busy ? 'pairing' : 'pairButton')} />
        </button>
      </form>
      {error && (
        <p className="pairing-error" role="alert">
          <Say t={error} stacked />
        </p>
      )}
    </div>
  );
}
