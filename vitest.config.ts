import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two files at a time in every project. Vitest's default is one on a two-core machine (CPUs − 1);
    // two take the SQLite run from 128 s to 78 s and the PostgreSQL one from 263 s to 130 s (three:
    // no faster). The browser tests: see below.
    maxWorkers: 2,
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
          // Two files side by side (maxWorkers above), each with its own server and browser: much of a
          // browser test is waiting on the page, so two share two cores. Files that wait on a brief
          // message can miss it when the other file takes the CPU: .ci/run runs those alone, after the rest.
        },
      },
    ],
  },
});
