import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { circles, importGraph } from '../support/import-graph.ts';

const SERVER_SRC = fileURLToPath(new URL('../../server/src', import.meta.url));

describe('server/src has no import circles', () => {
  it('no module reaches itself through its imports (types included)', () => {
    const graph = importGraph(SERVER_SRC);
    // The scanner sees the whole server: a broken walk would find nothing and pass.
    expect(graph.size).toBeGreaterThan(150);
    expect(graph.get('realtime/io.ts')).toContain('realtime/notifier.ts');
    expect(circles(graph)).toEqual([]);
  });

  it('finds a circle when there is one', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(circles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });
});
