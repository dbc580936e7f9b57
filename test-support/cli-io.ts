/** The CLI's input and output in memory (server/cli.ts takes a CliIo), for the CLI's tests. */
import type { CliIo } from '../server/cli.ts';

/** An in-memory CliIo for tests: captured output, files from a map, a fixed clock by default. */
export function memoryIo(
  env: Record<string, string> = {},
  files: Record<string, Buffer> = {},
  now: () => number = () => 1_700_000_000_123,
) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    env,
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readFile: (p) => {
      const f = files[p];
      if (!f) throw new Error(`ENOENT: ${p}`);
      return f;
    },
    now,
  };
  return { value, out, err };
}
