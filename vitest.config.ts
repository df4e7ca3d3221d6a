import { defineConfig } from 'vitest/config';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import LongFirst from './tests/support/long-first.ts';

// Three kinds of test file, told apart by where they live, so a new file needs no entry here:
// - unit: beside the code in a workspace's src/ (a server in the test's own process at most);
// - system: anything under tests/ but the browsers (real server processes, printers, disks, sockets);
// - browser: tests/e2e/ (a server process and Chromium, with liveness bounds of a second or two);
// - load: tests/soak/ (a server under a fixed schedule of load, judged on keeping it: alone, last).
const unit = ['server/src/**/*.test.ts', 'printers/src/**/*.test.ts', '*-ui/src/**/*.test.{ts,tsx}'];
const browser = ['tests/e2e/**/*.test.ts'];
const load = ['tests/soak/**/*.test.ts'];
const system = ['tests/**/*.test.ts'];

// Every file uses its own ephemeral ports and temp data folders, so files may run side by side:
// unit and system files together, as many at a time as the machine has cores (most of a
// whole-system file's time is waiting on fsyncs, round trips and child processes, but on a
// 2-core machine shared with other work three at a time pushed server starts past 30 s and the
// simulated day past its five minutes); then the browser files, two at a time; then the load
// test alone. ANTRE_TEST_WORKERS sets the first two widths for a bigger or an idler machine.
const workers = Number(process.env.ANTRE_TEST_WORKERS) || 0;
const cores = Math.max(2, availableParallelism());

export default defineConfig({
  resolve: {
    alias: { '@antre/printers': fileURLToPath(new URL('./printers/src/index.ts', import.meta.url)) },
  },
  test: {
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30000,
    hookTimeout: 60000,
    pool: 'forks',
    // Staff passwords are hashed with 1,000 PBKDF2 iterations instead of 600,000 in tests (each
    // server start hashes one per demo account). Honoured only under vitest or by the servers the
    // test harness starts (ANTRE_TEST_SETTINGS=1); secrets.test.ts asserts the production default.
    env: { ANTRE_TEST_PASSWORD_ITERATIONS: '1000' },
    reporters: ['default', './tests/support/slowest-files.ts'],
    sequence: { sequencer: LongFirst },
    projects: [
      // Unit files share their worker's module cache (isolate: false): importing the server's module
      // graph afresh for each of some 85 files was more than half of their time. They hold no
      // process-wide state between files (each builds its own engine, harness, disk and clock).
      { extends: true, test: { name: 'unit', include: unit, isolate: false, maxWorkers: workers || cores, sequence: { groupOrder: 0 } } },
      {
        extends: true,
        test: {
          name: 'system',
          include: system,
          isolate: false,
          exclude: [...browser, ...load, '**/node_modules/**', '**/dist/**'],
          maxWorkers: workers || cores,
          sequence: { groupOrder: 0 },
        },
      },
      // Browser files share their worker's module cache too, and so one Chromium per worker
      // (tests/support/browser.ts): each test still gets a fresh context, as a new profile.
      { extends: true, test: { name: 'browser', include: browser, isolate: false, maxWorkers: workers || 2, sequence: { groupOrder: 1 } } },
      // A load test measures whether the server keeps a schedule: it needs the machine to itself.
      { extends: true, test: { name: 'load', include: load, maxWorkers: 1, sequence: { groupOrder: 2 } } },
    ],
  },
});
