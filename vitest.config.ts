import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
      'dev-packages/*/src/**/*.test.ts',
      'scripts/test/**/*.test.ts',
    ],
    // One real PostgreSQL and one real redis-server for the whole run (inject('postgresUrl'), inject('redisUrl')).
    globalSetup: ['dev-packages/test-harness/src/global-setup.ts'],
    // Concurrent tests (the reproductions) each start a sandbox with PGlite and an app: two at a
    // time is what two cores carry without starving the timing-sensitive ones.
    maxConcurrency: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
