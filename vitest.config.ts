import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: ['server/src/**/*.test.ts', 'server/test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
          env: { CADENCE_SCRYPT_LOG2N: '10' },
        },
      },
      {
        test: {
          name: 'web',
          include: ['web/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 240_000,
          // Two files side by side, each with its own server and browser: much of a browser test is
          // waiting on the page, so two share the CI's two cores (24 files: 11 minutes here, against
          // about 15 one after another). Two at once can starve a page long enough for a 30 s wait to
          // run out (3 of 75 tests once, each passing when run again), so a failed test gets one more
          // try; one that fails twice fails the run.
          maxWorkers: 2,
          retry: 1,
        },
      },
    ],
  },
});
