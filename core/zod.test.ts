import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { config } from 'zod';
import { describe, expect, it } from 'vitest';
import { z } from './zod.ts';

/** Every source file (not a test) of the folders that make schemas. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

describe("the playground's zod", () => {
  it('is jitless: no schema compiles its parser from a string, which the page policy would refuse', () => {
    expect(z.object({ a: z.string() }).parse({ a: 'x' })).toEqual({ a: 'x' });
    expect(config().jitless).toBe(true);
  });

  it('is the only zod the sources take values from, so the setting is made before any schema', () => {
    const direct = ['core', 'app', 'server'].flatMap(sources).filter((file) => {
      if (file === join('core', 'zod.ts')) return false;
      return /^import (?!type )[^;]*from 'zod';/m.test(readFileSync(file, 'utf8'));
    });
    expect(direct).toEqual([]);
  });
});
