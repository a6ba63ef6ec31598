import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
      'dev-packages/*/src/**/*.test.ts',
    ],
    // One real PostgreSQL and one real redis-server for the whole run (inject('postgresUrl'), inject('redisUrl')).
    globalSetup: ['dev-packages/test-harness/src/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
