import { useEffect, useRef } from 'react';
import { actionForKey, type ConsoleAction } from './keymap';

function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/**
 * Keyboard and USB keypad: one press, one action. Off while a dialog is open or a field has focus;
 * a held-down key does not repeat, and Enter never also "clicks" whichever button has focus.
 */
export function useKeys(onAction: (a: ConsoleAction) => void, enabled: boolean): void {
  const handler = useRef(onAction);
  handler.current = onAction;
  useEffect(() => {
    if (!enabled) return;
    const on = (e: KeyboardEvent) => {
      if (typing(e.target)) return;
      const action = actionForKey(e);
      if (!action) return;
      e.preventDefault();
      if (e.repeat) return;
      handler.current(action);
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, [enabled]);
}
