import { useRef, useState } from 'react';
import { pick, type Lang } from '@antre/counter-ui/shared/i18n';
import { Dialog } from '@antre/counter-ui/supervisor/staff-frame';
import { H } from '../texts';

/** A site's new credential, shown this once (the hub keeps only its hash), with a copy button. */
export function CredentialDialog({ name, credential, lang, onClose }: { name: string; credential: string; lang: Lang; onClose: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const code = useRef<HTMLElement>(null);
  const copy = async () => {
    try {
      // The Clipboard API exists only on secure pages (https or localhost); a hub opened over the LAN
      // by plain http falls back to selecting the text and the older copy command.
      if (navigator.clipboard) await navigator.clipboard.writeText(credential);
      else {
        const range = document.createRange();
        range.selectNodeContents(code.current!);
        const sel = window.getSelection()!;
        sel.removeAllRanges();
        sel.addRange(range);
        if (!document.execCommand('copy')) throw new Error('copy refused');
      }
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <Dialog title={pick(H.credentialTitle, lang, { name })} onClose={onClose}>
      <p className="sv-note sv-note--warn">{pick(H.credentialOnce, lang)}</p>
      <code className="hub-credential" ref={code} data-testid="credential">
        {credential}
      </code>
      {copied === 'failed' && (
        <p className="sv-note sv-note--error" role="alert">
          {pick(H.copyFailed, lang)}
        </p>
      )}
      <div className="sv-modal__actions">
        <button type="button" className="sv-btn" data-action="copy" onClick={() => void copy()}>
          {pick(copied === 'yes' ? H.copied : H.copy, lang)}
        </button>
        <button type="button" className="sv-btn sv-btn--primary" onClick={onClose}>
          {pick(H.done, lang)}
        </button>
      </div>
    </Dialog>
  );
}
