import { describe, expect, it } from 'vitest';
import { configChange } from './config-change';

describe('the settings form', () => {
  it('sends only the fields filled in', () => {
    expect(configChange('{"id":"v"}', '')).toEqual({ venue: { id: 'v' } });
    expect(configChange('  ', '[{"username":"a"}]')).toEqual({ staff: [{ username: 'a' }] });
  });
  it('refuses bad JSON, a staff field that is not a list, and an empty form, in both languages', () => {
    expect(() => configChange('{', '')).toThrow(
      expect.objectContaining({
        id: expect.stringMatching(/^Denah \(venue JSON\): JSON tidak valid/),
        en: expect.stringMatching(/^Venue \(JSON\): invalid JSON/),
      }),
    );
    expect(() => configChange('', '{"a":1}')).toThrow(expect.objectContaining({ en: expect.stringContaining('JSON list') }));
    expect(() => configChange('', '')).toThrow(expect.objectContaining({ id: expect.stringContaining('Isi denah') }));
  });
});
