/**
 * The real page: built once per run into bench/results/dist (so a bench never overwrites the dist/ an
 * end-to-end run may be serving), then served by `vite preview` with the backend plugin, on free
 * ports, with history in a temp PLAYGROUND_DATA_DIR (test-support/preview.ts). Chromium is Debian's,
 * launched as the e2e tests do (test-support/chromium.ts).
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startPreview as startPlaygroundPreview, type Preview } from '../../test-support/preview.ts';

export const DIST = 'bench/results/dist';

let built: Promise<void> | null = null;

function run(root: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${err.slice(-2000)}`)),
    );
  });
}

/** `vite build` of the current sources into bench/results/dist, once per process. */
export function ensureBuild(root: string, log: (line: string) => void): Promise<void> {
  built ??= (async () => {
    log('  building the page (vite build)…');
    await run(root, join(root, 'node_modules/.bin/vite'), [
      'build',
      '--outDir',
      DIST,
      '--emptyOutDir',
      '--logLevel',
      'error',
    ]);
  })();
  return built;
}

/**
 * Starts `vite preview` on the page built into DIST (test-support/preview.ts). `dataDir` may be
 * prepared beforehand (history-scale fills it); otherwise a fresh temp dir is used. `env` adds to a
 * clean playground environment in which sandbox and production are unconfigured.
 */
export function startPreview(
  root: string,
  opts: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<Preview> {
  return startPlaygroundPreview({ root, outDir: DIST, ...opts });
}

/** Removes a directory made for a run. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
