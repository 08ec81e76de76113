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
          // waiting on the page, so two share two cores (24 files: 11 minutes, against about 20 one after
          // another). Files that wait on a brief message can miss it when the other file takes the CPU:
          // .ci/run runs those alone, after the rest.
          maxWorkers: 2,
        },
      },
    ],
  },
});
