/**
 * Orders each group's files so the longest start first: with several workers, a long file that
 * starts last is the run's tail. Known lengths come from vitest's cache of the last run here, or
 * else from tests/durations.json (kept by the slowest-files reporter, see vitest.config.ts).
 * A file known to neither (new) counts as long: it starts early and cannot become the tail.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const DURATIONS_FILE = new URL('../durations.json', import.meta.url);

/** Seconds per file (path from the repository root), as last recorded. */
export function recordedDurations(): Record<string, number> {
  try {
    return JSON.parse(readFileSync(DURATIONS_FILE, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

export default class LongFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const recorded = recordedDurations();
    const root = this.ctx.config.root;
    const ms = (f: TestSpecification): number => {
      const path = relative(root, f.moduleId);
      const cached = this.ctx.cache.getFileTestResults(`${f.project.name}:${path}`)?.duration;
      if (cached !== undefined) return cached;
      const s = recorded[path];
      return s === undefined ? Infinity : s * 1000;
    };
    const group = (f: TestSpecification) => f.project.config.sequence.groupOrder;
    return [...files].sort((a, b) => group(a) - group(b) || ms(b) - ms(a) || (a.moduleId < b.moduleId ? -1 : 1));
  }
}
