import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');

/**
 * Marks zod leaves in a bundle whatever the minifier renames: the property every zod schema
 * carries (`_zod`), its error class's name and its type-name strings.
 */
const ZOD_MARKS = [/\b_zod\b/, /ZodError/, /\$ZodType/];

const out = mkdtempSync(join(tmpdir(), 'antre-board-bundle-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("the display board's bundle", () => {
  it("builds without zod (the contract's schemas are the server's, the board needs types and pure functions only)", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [VITE, 'build', join(ROOT, 'display-ui'), '--outDir', out, '--emptyOutDir', '--logLevel', 'info'],
      { cwd: ROOT, timeout: 120_000, env: { ...process.env, NODE_ENV: 'production' } },
    );
    const assets = join(out, 'assets');
    const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(0);
    const bytes = js.reduce((n, f) => n + statSync(join(assets, f)).size, 0);
    console.info(
      `[board bundle] ${js.length} script file(s), ${bytes} bytes\n${stdout
        .split('\n')
        .filter((l) => l.includes('assets/'))
        .join('\n')}`,
    );
    // The board itself is there (its live-state reducer and socket client), so an empty build cannot pass.
    const code = js.map((f) => readFileSync(join(assets, f), 'utf8')).join('\n');
    expect(code).toContain('snapshot:request');
    expect(ZOD_MARKS.filter((m) => m.test(code)).map(String)).toEqual([]);
  }, 150_000);
});
