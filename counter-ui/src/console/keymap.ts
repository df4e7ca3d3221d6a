/** Everything an officer can do from the console, by button, keyboard or USB keypad. */
export type ConsoleAction =
  'call-next' | 'recall' | 'start' | 'finish' | 'no-show' | 'hold' | 'resume' | 'transfer' | 'break' | 'open' | 'close' | 'undo-no-show';

export interface KeyBinding {
  action: ConsoleAction;
  /** KeyboardEvent.code values of the numeric keypad (work with NumLock on or off). */
  codes: string[];
  /** KeyboardEvent.key values (number row, letters; case-insensitive). */
  keys: string[];
  /** What the legend prints on the key caps. */
  keypad: string;
  letter: string;
}

/**
 * One table for the keyboard and a cheap USB numeric keypad at the desk: the keypad's big keys
 * (Enter and +) call the next visitor, `.` calls again, `-` finishes. Letters are Indonesian
 * initials (Mulai, Selesai, Tunda, Alihkan, Istirahat, Kembali, Tutup).
 */
export const KEYMAP: readonly KeyBinding[] = [
  { action: 'call-next', codes: ['NumpadEnter', 'NumpadAdd'], keys: ['Enter', '+', 'n'], keypad: 'Enter / +', letter: 'N' },
  { action: 'recall', codes: ['NumpadDecimal', 'NumpadComma'], keys: ['.', ',', 'r'], keypad: '.', letter: 'R' },
  { action: 'start', codes: ['Numpad0'], keys: ['0', 'm'], keypad: '0', letter: 'M' },
  { action: 'finish', codes: ['NumpadSubtract'], keys: ['-', 's'], keypad: '−', letter: 'S' },
  { action: 'no-show', codes: ['NumpadMultiply'], keys: ['*', 'x'], keypad: '*', letter: 'X' },
  { action: 'hold', codes: ['NumpadDivide'], keys: ['/', 'h'], keypad: '/', letter: 'H' },
  { action: 'resume', codes: ['Numpad2'], keys: ['2', 'l'], keypad: '2', letter: 'L' },
  { action: 'transfer', codes: ['Numpad1'], keys: ['1', 'a'], keypad: '1', letter: 'A' },
  { action: 'break', codes: ['Numpad4'], keys: ['4', 'i'], keypad: '4', letter: 'I' },
  { action: 'open', codes: ['Numpad5'], keys: ['5', 'k'], keypad: '5', letter: 'K' },
  { action: 'close', codes: ['Numpad9'], keys: ['9', 't'], keypad: '9', letter: 'T' },
];

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

/** The console action a key press asks for, or null (modified keys are left to the browser). */
export function actionForKey(e: KeyLike): ConsoleAction | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  const byCode = KEYMAP.find((b) => b.codes.includes(e.code));
  if (byCode) return byCode.action;
  // A numeric keypad with NumLock off reports keys such as "Insert" and "Delete": only its codes count.
  if (e.code.startsWith('Numpad')) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  return KEYMAP.find((b) => b.keys.includes(key))?.action ?? null;
}

/** The binding of an action, for the hint printed on its button. */
export function bindingOf(action: ConsoleAction): KeyBinding {
  return KEYMAP.find((b) => b.action === action)!;
}
