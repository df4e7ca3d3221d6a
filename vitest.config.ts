import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import LongFirst from './tests/support/long-first.ts';

// Three kinds of test file, told apart by where they live, so a new file needs no entry here:
// - unit: beside the code in a workspace's src/ (a server in the test's own process at most);
// - system: anything under tests/ but the browsers (real server processes, printers, disks, sockets);
// - browser: tests/e2e/ (a server process and Chromium, with liveness bounds of a second or two).
const unit = ['server/src/**/*.test.ts', 'printers/src/**/*.test.ts', '*-ui/src/**/*.test.{ts,tsx}'];
const browser = ['tests/e2e/**/*.test.ts'];
const system = ['tests/**/*.test.ts'];

// Every file uses its own ephemeral ports and temp data folders, so files may run side by side.
// Most of a whole-system file's time is waiting (fsync, round trips, a child process starting),
// not CPU, so the first group runs one file more than the machine has cores (four were too many
// on a busy 2-core machine: server starts then took over 30 s). The browser files run after it,
// two at a time, so their liveness bounds never share the cores with a burst of server starts.
// ANTRE_TEST_WORKERS overrides both on a bigger or a busier machine.
const workers = Number(process.env.ANTRE_TEST_WORKERS) || 0;

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
      { extends: true, test: { name: 'unit', include: unit, maxWorkers: workers || 3, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'system', include: system, exclude: [...browser, '**/node_modules/**'], maxWorkers: workers || 3, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'browser', include: browser, maxWorkers: workers || 2, sequence: { groupOrder: 1 } } },
    ],
  },
});
