// The browser tests live in tests/e2e (next to the other suites) but use this
// folder's node_modules: the aliases point their imports here.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      'playwright-core': here('./node_modules/playwright-core'),
      'axe-core': here('./node_modules/axe-core'),
    },
  },
  test: {
    root: here('..'),
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    // One server and one browser, shared by the tests in order.
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 120_000,
    // The default report, then every failure in one line each at the very end.
    reporters: ['default', here('../tests/e2e/failure-summary.ts')],
    hookTimeout: 240_000,
  },
});
