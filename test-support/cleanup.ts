/**
 * A vitest setup file (every project, the reliability suite too): after each test file, the temp
 * folders it made with tempDir are removed. Vitest runs the after-all hooks in reverse order, so this
 * one runs last, once the file's own servers are stopped.
 */
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dirs.ts';

afterAll(() => {
  removeTempDirs();
});
