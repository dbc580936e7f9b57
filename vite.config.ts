import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { playground } from './server/plugin.ts';

const port = Number(process.env.PORT ?? 5173);
const host = process.env.HOST ?? '127.0.0.1';

export default defineConfig({
  // Vitest loads this file too; the backend (database, embedded mock) is only mounted for vite itself.
  plugins: [react(), tailwindcss(), ...(process.env.VITEST ? [] : [playground()])],
  server: {
    host,
    port,
    strictPort: true,
    cors: false,
    watch: {
      ignored: ['**/playwright-report/**', '**/test-results/**', '**/e2e/screenshots/**', '**/bench/results/**'],
    },
  },
  preview: { host, port, strictPort: true, cors: false },
  build: { outDir: 'dist', sourcemap: false },
  test: {
    // Generous: under load (CI on two cores, a browser beside) a jsdom test typing into React can take
    // several seconds; a hang still fails, and no test asserts a duration.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest's default is one worker fewer than the cores: on a two-core machine that is one worker and
    // every file runs in turn (122 s here). Two workers take 71 s; the files are independent (free
    // ports, their own temporary folders).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['core/**/*.test.ts', 'server/**/*.test.ts', 'bench/**/*.test.ts'],
          // The long suites: `npm run test:reliability` (vitest.reliability.config.ts).
          exclude: ['server/reliability/**'],
          setupFiles: ['test-support/cleanup.ts'],
          // The files of a worker share one module registry: the server's modules are loaded once per
          // worker, not once per file (65 s → 36 s here). It holds because nothing in them keeps state
          // between calls that a test could leave behind, and lint refuses module and global mocks in
          // these files (eslint.config.js); process.env changes are put back by the test that makes them.
          isolate: false,
        },
      },
      {
        // The page's logic (mappers, models, formatting) needs no DOM: Node starts in no time.
        extends: true,
        test: {
          name: 'app',
          environment: 'node',
          include: ['app/**/*.test.ts'],
          exclude: ['app/**/*.dom.test.ts'],
        },
      },
      {
        // Components (*.test.tsx) and the few .ts tests that touch the DOM (*.dom.test.ts), in jsdom.
        extends: true,
        test: {
          name: 'app-dom',
          environment: 'jsdom',
          include: ['app/**/*.test.tsx', 'app/**/*.dom.test.ts'],
          setupFiles: ['app/test-setup.ts'],
        },
      },
    ],
  },
});
