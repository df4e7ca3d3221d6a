import { describe, expect, it } from 'vitest';
import { periodRange } from './period';

describe('SKM periods', () => {
  it('gives the day, month, quarter and year holding a day', () => {
    expect(periodRange('day', '2026-11-25')).toEqual({ from: '2026-11-25', to: '2026-11-25' });
    expect(periodRange('month', '2026-11-25')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(periodRange('month', '2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodRange('month', '2026-12-31')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(periodRange('quarter', '2026-11-25')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodRange('quarter', '2026-01-01')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(periodRange('quarter', '2026-06-30')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(periodRange('year', '2026-11-25')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });
});
