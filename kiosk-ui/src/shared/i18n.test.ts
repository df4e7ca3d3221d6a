import { describe, expect, it } from 'vitest';
import { fill, local, translator } from './i18n';
import { TEXT } from './text';

describe('dictionary', () => {
  it('has both languages for every entry, and the same placeholders in each', () => {
    for (const [key, v] of Object.entries(TEXT)) {
      expect(v.id, key).not.toBe('');
      expect(v.en, key).not.toBe('');
      const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(vars(v.en), key).toEqual(vars(v.id));
    }
  });
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('{n} orang', { n: 3 })).toBe('3 orang');
    expect(fill('{n} orang')).toBe('{n} orang');
    expect(translator('en')('peopleWaiting', { n: 2 })).toBe('2 people waiting');
  });
  it('falls back to Indonesian when a venue field has no English', () => {
    expect(local('Loket', undefined, 'en')).toBe('Loket');
    expect(local('Loket', 'Counter', 'en')).toBe('Counter');
    expect(local('Loket', 'Counter', 'id')).toBe('Loket');
  });
});
