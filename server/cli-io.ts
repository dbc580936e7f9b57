/**
 * What the command line's commands share, for both signing schemes: its input and output, its usage
 * error, its body and capture readers, how sign and verify print, and how send goes through the relay.
 */
import type { RelayResult, RequestDraft } from '../core/contract.ts';
import type { Cause, Component } from '../core/doctor/index.ts';
import { ImportError, parseRequestPaste, type ImportedRequest } from '../core/import/index.ts';
import { decodeUtf8Exactly } from '../core/signing/index.ts';
import { loadConfig } from './config/config.ts';
import { requireConsent } from './consent.ts';
import { exchange } from './exchange.ts';
import { HttpError } from './http.ts';
import { createServices, type Services } from './services.ts';
import { signDraft } from './signer.ts';

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

/** The environment with --data-dir as PLAYGROUND_DATA_DIR, as every command that opens the data folder reads it. */
export function dataDirEnv(io: CliIo, dataDir: string | undefined): Record<string, string | undefined> {
  return { ...io.env, ...(dataDir ? { PLAYGROUND_DATA_DIR: dataDir } : {}) };
}

/**
 * The playground's services for one CLI command, over the data folder given (or the configured one).
 * A Qredo API already listening on the mock's port (a running playground, `npm run mock`) is used at
 * once rather than waited out.
 */
export function cliServices(io: CliIo, dataDir: string | undefined): Services {
  const env = dataDirEnv(io, dataDir);
  return createServices(loadConfig(env), { env, log: (line) => io.err(line), clock: io.now, mockPortTaken: 'use' });
}

/**
 * What sign prints, either scheme: the signed text under its name (the string-to-sign, the payload),
 * the signature and the headers; with --json one object keyed by `textKey`.
 */
export function printSigned(
  io: CliIo,
  json: boolean,
  signed: { textKey: string; heading: string; text: string; signature: string; headers: Record<string, string> },
): void {
  if (json) {
    io.out(
      JSON.stringify({ [signed.textKey]: signed.text, signature: signed.signature, headers: signed.headers }, null, 2),
    );
  } else {
    io.out(`${signed.heading}:\n${signed.text}\n`);
    io.out(`signature: ${signed.signature}\n`);
    for (const [name, value] of Object.entries(signed.headers)) io.out(`${name}: ${value}`);
  }
}

/** A --capture-file read as a pasted cURL command or raw HTTP request; each scheme reads its capture out of it. */
export function readCaptureFile(io: CliIo, path: string): ImportedRequest {
  try {
    return parseRequestPaste(io.readFile(path).toString('utf8'));
  } catch (e) {
    if (e instanceof ImportError) throw new Error(`The capture file cannot be read: ${e.message}`, { cause: e });
    throw e;
  }
}

/** The causes as verify --json gives them. */
export function causesJson(causes: readonly Cause[]): Array<Pick<Cause, 'id' | 'title' | 'detail' | 'certain'>> {
  return causes.map(({ id, title, detail, certain }) => ({ id, title, detail, certain }));
}

/**
 * What verify prints without --json, either scheme: the summary, the expected signature when it is
 * known (`expected` null leaves its line out), the captured one, what was signed instead, the causes
 * and the notes.
 */
export function printDiagnosis(
  io: CliIo,
  d: { summary: string; components: readonly Component[]; causes: readonly Cause[] },
  signatures: { expected: string | null; captured: string },
  notes: readonly string[],
): void {
  io.out(d.summary);
  if (signatures.expected !== null) io.out(`expected signature: ${signatures.expected}`);
  io.out(`captured signature: ${signatures.captured}`);
  for (const c of d.components) {
    if (!c.same && c.signed !== undefined)
      io.out(`${c.name}: sent ${JSON.stringify(c.captured)}, signed ${JSON.stringify(c.signed)}`);
  }
  d.causes.forEach((c, i) =>
    io.out(`${i + 1}. [${c.certain ? 'certain' : 'possible'}] ${c.id}: ${c.title}
   ${c.detail}`),
  );
  for (const n of notes) io.out(`note: ${n}`);
}

/**
 * Send, either scheme: asks for consent, signs the draft as its scheme says, sends it through the
 * relay into the history and prints the answer. An HTTP refusal of the playground's own is printed, exit 1.
 */
export async function sendDraft(
  io: CliIo,
  draft: RequestDraft,
  values: { 'data-dir'?: string | undefined; confirm: boolean; json: boolean },
): Promise<number> {
  const services = cliServices(io, values['data-dir']);
  let result: RelayResult;
  try {
    requireConsent({ ...draft, confirm: values.confirm, nowMs: io.now(), how: 'Add --confirm to send it.' });
    const signed = await signDraft(services, draft);
    result = await exchange(services, signed, 'send');
  } catch (e) {
    if (e instanceof HttpError) {
      io.err(e.message);
      return 1;
    }
    throw e;
  } finally {
    await services.close();
  }
  return printRelayResult(io, result, values.json);
}
