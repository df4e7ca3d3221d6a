/**
 * A vitest reporter that ends the run with its ten slowest files: where `npm test`'s minutes go,
 * so a file that grows slow is seen the day it does. Beside the default reporter, not instead.
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { DURATIONS_FILE, recordedDurations } from './long-first.ts';

const SHOWN = 10;

/** One file's wall time in its worker: environment, import of the file, then its tests and hooks. */
export function fileMs(m: TestModule): number {
  const d = m.diagnostic();
  return d.environmentSetupDuration + d.prepareDuration + d.collectDuration + d.setupDuration + d.duration;
}

export default class SlowestFiles implements Reporter {
  private started = Date.now();

  onTestRunStart(): void {
    this.started = Date.now();
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    if (modules.length === 0) return;
    const rows = modules.map((m) => ({
      file: relative(process.cwd(), m.moduleId),
      project: m.project.name,
      ms: fileMs(m),
      tests: [...m.children.allTests()].length,
    }));
    rows.sort((a, b) => b.ms - a.ms);
    const total = rows.reduce((s, r) => s + r.ms, 0);
    const lines = [
      `\n Slowest ${Math.min(SHOWN, rows.length)} of ${rows.length} files (wall ${((Date.now() - this.started) / 1000).toFixed(1)} s; files' own times add up to ${(total / 1000).toFixed(1)} s):`,
    ];
    for (const r of rows.slice(0, SHOWN)) lines.push(`  ${(r.ms / 1000).toFixed(1).padStart(6)} s  ${r.project.padEnd(7)} ${r.file} (${r.tests} tests)`);
    process.stdout.write(lines.join('\n') + '\n');
    // ANTRE_RECORD_DURATIONS=1 keeps these times for the long-first order of a run without a cache (a clean clone).
    if (process.env.ANTRE_RECORD_DURATIONS === '1') {
      const all = recordedDurations();
      for (const r of rows) all[r.file] = Math.round(r.ms / 100) / 10;
      const sorted = Object.fromEntries(Object.entries(all).sort(([a], [b]) => (a < b ? -1 : 1)));
      writeFileSync(DURATIONS_FILE, JSON.stringify(sorted, null, 1) + '\n');
    }
  }
}
