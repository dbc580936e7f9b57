import type { Server } from 'node:http';
import { ensureHistoryEntries } from './fixtures/history-seed.ts';
import { createTestUpstream } from './fixtures/test-upstream.ts';

/** Starts the test upstream behind the sandbox environment and seeds 10,000 history entries. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const port = Number(process.env.E2E_UPSTREAM_PORT);
  const upstream: Server = createTestUpstream();
  await new Promise<void>((resolve, reject) => {
    upstream.once('error', reject);
    upstream.listen(port, '127.0.0.1', resolve);
  });
  ensureHistoryEntries(String(process.env.E2E_DATA_DIR), 10_000);
  return async () => {
    upstream.closeAllConnections();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  };
}
