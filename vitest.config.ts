import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    alias: { '@antre/printers': fileURLToPath(new URL('./printers/src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['server/src/**/*.test.ts', 'printers/src/**/*.test.ts', 'tests/**/*.test.ts', '*-ui/src/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30000,
    hookTimeout: 60000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
