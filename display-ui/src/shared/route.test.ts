import { describe, expect, it } from 'vitest';
import { parseRoute } from './route';

describe('parseRoute', () => {
  it('maps display paths to screens', () => {
    expect(parseRoute('/display')).toEqual({ screen: 'board' });
    expect(parseRoute('/display/')).toEqual({ screen: 'board' });
    expect(parseRoute('/display/counter/loket-3')).toEqual({ screen: 'counter', counterId: 'loket-3' });
    expect(parseRoute('/display/counter/loket-3/')).toEqual({ screen: 'counter', counterId: 'loket-3' });
    expect(parseRoute('/display/counter/')).toEqual({ screen: 'board' });
  });
});
