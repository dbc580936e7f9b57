/** What the command line's commands share: its input and output, its usage error, its body reader. */
import type { RelayResult } from '../core/contract.ts';
import { decodeUtf8Exactly } from '../core/signing/index.ts';

/** A mistake in the command line itself: answered with the usage text and exit code 2. */
export class UsageError extends Error {}

export interface CliIo {
  env: Record<string, string | undefined>;
  out: (text: string) => void;
  err: (text: string) => void;
  readFile: (path: string) => Buffer;
  now: () => number;
}

/**
 * Reads a body file as raw bytes and gives the text that encodes back to exactly those bytes: a
 * byte order mark and CRLF line endings are kept, so what is signed is what the relay sends.
 * Bytes that are not UTF-8 are refused with the offset of the first one, as the API signs UTF-8.
 */
export function readBodyFile(io: CliIo, path: string): string {
  const decoded = decodeUtf8Exactly(io.readFile(path), `The body file ${path}`);
  if (!decoded.ok) throw new Error(decoded.error);
  return decoded.text;
}

/** Prints what a send got back (the whole entry with --json); exit 0 on a 2xx answer. */
export function printRelayResult(io: CliIo, result: RelayResult, json: boolean): number {
  if (json) {
    io.out(JSON.stringify(result, null, 2));
  } else if (result.response) {
    const r = result.response;
    io.out(`${result.request.method} ${result.request.url}`);
    io.out(
      `HTTP ${r.status} ${r.statusText} (${result.timings.totalMs.toFixed(0)} ms, ${r.size} bytes${r.truncated ? ', truncated' : ''}), history entry ${result.id}`,
    );
    io.out(r.bodyEncoding === 'utf8' ? r.body : `(binary body, ${r.size} bytes, base64) ${r.body}`);
  } else if (result.error) {
    io.err(`${result.error.code}: ${result.error.message} (history entry ${result.id})`);
  }
  const status = result.response?.status ?? 0;
  return status >= 200 && status < 300 ? 0 : 1;
}
