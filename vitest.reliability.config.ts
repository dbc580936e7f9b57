import { defineConfig } from 'vitest/config';

/**
 * `npm run test:reliability`: the long suites, apart from `npm run test:unit` so that it stays fast.
 * server/reliability/ (load for 60 s, kill -9 rounds, a 200 MB body) and every property suite
 * (`*.property.test.ts`) at 10,000 cases, where test:unit runs them at a few hundred. One file at a
 * time: the load and crash suites measure the server, and they share two cores with nothing else.
 */
export default defineConfig({
  test: {
    name: 'reliability',
    environment: 'node',
    include: ['server/reliability/**/*.test.ts', 'core/**/*.property.test.ts', 'server/**/*.property.test.ts'],
    env: { PLAYGROUND_PROPERTY_RUNS: '10000' },
    fileParallelism: false,
    setupFiles: ['test-support/cleanup.ts'],
  },
});
