import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { useEnv } from './console-context';

interface Props {
  title: string;
  submitLabel: string;
  canSubmit?: boolean;
  onSubmit: () => void;
  onClose: () => void;
  danger?: boolean;
  children?: ReactNode;
}

/** A small form over the desk: Enter confirms, Escape cancels, focus starts inside. */
export function Modal({ title, submitLabel, canSubmit = true, onSubmit, onClose, danger, children }: Props) {
  const { t } = useEnv();
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const form = ref.current;
    const first = form?.querySelector<HTMLElement>('[data-autofocus]') ?? form?.querySelector<HTMLElement>('input, select, button[type=submit]');
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (canSubmit) onSubmit();
  };
  return (
    <div className="modal" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <form
        ref={ref}
        className="modal__card"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        onSubmit={submit}
        onKeyDown={(e) => {
          // Enter on a list box confirms too, so a keypad user never needs the mouse.
          if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'SELECT') submit(e);
        }}
      >
        <h2>{title}</h2>
        {children}
        <div className="modal__actions">
          <button type="button" className="btn btn--ghost" onClick={onClose}>
            {t('cancel')} <kbd>Esc</kbd>
          </button>
          <button type="submit" className={`btn ${danger ? 'btn--danger' : 'btn--primary'}`} disabled={!canSubmit}>
            {submitLabel} <kbd>Enter</kbd>
          </button>
        </div>
      </form>
    </div>
  );
}
