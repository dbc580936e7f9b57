import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../test-support/standalone.ts';

/** Builds the page into dist/ (a second or two), so that every spec's `vite preview` serves the sources as they are. */
export default function globalSetup(): void {
  execFileSync(path.join(PROJECT_ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
  });
}
