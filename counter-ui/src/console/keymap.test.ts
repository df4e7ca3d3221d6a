import { describe, expect, it } from 'vitest';
import { KEYMAP, actionForKey } from './keymap';

describe('console key map', () => {
  it('calls next with the keypad Enter and +, and with Enter or N on the keyboard', () => {
    expect(actionForKey({ key: 'Enter', code: 'NumpadEnter' })).toBe('call-next');
    expect(actionForKey({ key: '+', code: 'NumpadAdd' })).toBe('call-next');
    expect(actionForKey({ key: 'Enter', code: 'Enter' })).toBe('call-next');
    expect(actionForKey({ key: 'N', code: 'KeyN' })).toBe('call-next');
  });

  it('reads keypad keys by code, so NumLock off still works', () => {
    expect(actionForKey({ key: 'Delete', code: 'NumpadDecimal' })).toBe('recall');
    expect(actionForKey({ key: 'Insert', code: 'Numpad0' })).toBe('start');
    expect(actionForKey({ key: 'ArrowDown', code: 'Numpad2' })).toBe('resume');
    expect(actionForKey({ key: 'Home', code: 'Numpad7' })).toBeNull();
  });

  it('maps the keypad operators and the Indonesian letters', () => {
    expect(actionForKey({ key: '-', code: 'NumpadSubtract' })).toBe('finish');
    expect(actionForKey({ key: 's', code: 'KeyS' })).toBe('finish');
    expect(actionForKey({ key: '*', code: 'NumpadMultiply' })).toBe('no-show');
    expect(actionForKey({ key: '/', code: 'NumpadDivide' })).toBe('hold');
    expect(actionForKey({ key: 'a', code: 'KeyA' })).toBe('transfer');
    expect(actionForKey({ key: 'i', code: 'KeyI' })).toBe('break');
    expect(actionForKey({ key: 'k', code: 'KeyK' })).toBe('open');
    expect(actionForKey({ key: 't', code: 'KeyT' })).toBe('close');
  });

  it('leaves modified keys and unknown keys alone', () => {
    expect(actionForKey({ key: 'r', code: 'KeyR', ctrlKey: true })).toBeNull();
    expect(actionForKey({ key: 'q', code: 'KeyQ' })).toBeNull();
    expect(actionForKey({ key: 'F5', code: 'F5' })).toBeNull();
  });

  it('binds every key to at most one action', () => {
    const codes = KEYMAP.flatMap((b) => b.codes);
    const keys = KEYMAP.flatMap((b) => b.keys);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
