import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const unit = ['server/src/**/*.test.ts', 'printers/src/**/*.test.ts', 'tests/crash/**/*.test.ts', 'tests/fuzz/**/*.test.ts', 'tests/faults/**/*.test.ts', 'tests/security/**/*.test.ts', '*-ui/src/**/*.test.{ts,tsx}'];
// Whole-system runs (simulated day, soak, browsers): one file at a time, after the unit tests.
const e2e = ['tests/e2e/**/*.test.ts', 'tests/sim/**/*.test.ts', 'tests/soak/**/*.test.ts'];

export default defineConfig({
  resolve: {
    alias: { '@antre/printers': fileURLToPath(new URL('./printers/src/index.ts', import.meta.url)) },
  },
  test: {
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30000,
    hookTimeout: 60000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: unit, sequence: { groupOrder: 0 } } },
      // Browser tests one file at a time, after the rest: each runs a server and Chromium, and
      // their liveness bounds ("on the board within a second") should not share 2 cores.
      { extends: true, test: { name: 'e2e', include: e2e, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
