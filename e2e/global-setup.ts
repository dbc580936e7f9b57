import { ensureHistoryEntries } from './fixtures/history-seed.ts';
import { startContentUpstream } from '../test-support/content-upstream.ts';

/** Starts the test upstream behind the sandbox environment and seeds 10,000 history entries. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const upstream = await startContentUpstream({ port: Number(process.env.E2E_UPSTREAM_PORT) });
  ensureHistoryEntries(String(process.env.E2E_DATA_DIR), 10_000);
  return () => upstream.close();
}
