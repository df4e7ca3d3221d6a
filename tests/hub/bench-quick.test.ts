import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HAVE_POSTGRES } from './support.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// `npm run bench:hub --quick`: the province bench runs end to end (liveness only; the figures are the README's).
describe.skipIf(!HAVE_POSTGRES)('hub bench, quick mode', () => {
  it('replays a small province into a hub process and prints rate, lag, cost and size', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'hub/bench/bench-hub.ts', '--quick'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, out).toBe(0);
    expect(out).toMatch(/3 sites \|\s+[1-9]\d* events in [\d.]+ s = [\d.]+ events\/s \| lag p50 [\d.]+ s, p99 [\d.]+ s/);
    expect(out).toMatch(/µs\/event/);
    expect(out).toMatch(/MB per site-day/);
    expect(out).not.toMatch(/failed sends/);
  }, 60_000);
});
