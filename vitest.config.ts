import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` runs engine math and kit logic in Node on the tfjs cpu
 * backend; `e2e` drives the built site (dist/) in the system Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
          environment: 'node',
          testTimeout: 60_000,
          // Vitest's default is one worker fewer than the cores: one worker on a 2-core CI machine, where the
          // main process idles while tfjs's cpu backend keeps one core busy. Two workers use both cores.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
