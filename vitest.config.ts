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
          // One file at a time. Two side by side took 11 minutes instead of about 17, but starved pages
          // of CPU long enough for waits to run out (the lead pool and lead tests, twice in three runs),
          // and a retry cannot help a test that already wrote its records.
          fileParallelism: false,
        },
      },
    ],
  },
});
