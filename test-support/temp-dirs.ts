/**
 * Temp folders for tests, removed with everything in them after the test file that made them
 * (removeTempDirs, run by test-support/cleanup.ts), so that runs leave nothing behind. Kept apart
 * from playground.ts so that the setup file loads nothing else.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = new Set<string>();

/** A new folder under the system's temp folder. */
export function tempDir(prefix = 'playground-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** Removes every folder tempDir made in this test file. */
export function removeTempDirs(): void {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  made.clear();
}
