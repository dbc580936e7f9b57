import { availableParallelism } from 'node:os';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
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
    // Two workers even on two cores (the default leaves one idle): most suites wait on sockets, child
    // processes and the embedded mock rather than compute.
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
        },
      },
      {
        extends: true,
        test: {
          name: 'app',
          environment: 'jsdom',
          include: ['app/**/*.test.{ts,tsx}'],
          setupFiles: ['app/test-setup.ts'],
        },
      },
    ],
  },
});
