/**
 * The playground's command line over the same signing core.
 *   npm run cli -- sign --timestamp T --method M --url U [--body-file F] [--json] [--secret-file F] [--key-id K]
 * The secret comes from QREDO_API_SECRET or --secret-file, never from an argument.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  HEADER_KEY,
  HEADER_SIGNATURE,
  HEADER_TIMESTAMP,
  buildStringToSign,
  decodeSecret,
  formatTimestamp,
  isTimestamp,
  sign,
} from '../core/signing/index.ts';
import { nodeHmac } from './crypto.ts';

const USAGE = `Usage:
  npm run cli -- sign --method M --url U [--timestamp T] [--nanoseconds] [--body-file F] [--key-id K] [--secret-file F] [--json]

  The secret is read from the QREDO_API_SECRET environment variable or from --secret-file.
  The key id (only printed in the headers) comes from --key-id or QREDO_API_KEY.
  The body file is read as raw bytes; nothing is added or removed.`;

class UsageError extends Error {}

export interface CliIo {
  env: Record<string, string | undefined>;
  out: (text: string) => void;
  err: (text: string) => void;
  readFile: (path: string) => Buffer;
  now: () => number;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      io.out(USAGE);
      return command ? 0 : 2;
    }
    if (command === 'sign') return await signCommand(rest, io);
    throw new UsageError(`Unknown command ${JSON.stringify(command)}.`);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
    io.err((e as Error).message);
    return 1;
  }
}

async function signCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      timestamp: { type: 'string' },
      nanoseconds: { type: 'boolean', default: false },
      method: { type: 'string' },
      url: { type: 'string' },
      'body-file': { type: 'string' },
      'secret-file': { type: 'string' },
      'key-id': { type: 'string' },
      secret: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (values.secret !== undefined) {
    throw new UsageError('The secret is never taken from an argument (it would stay in your shell history); use QREDO_API_SECRET or --secret-file.');
  }
  if (!values.method) throw new UsageError('--method is required.');
  if (!values.url) throw new UsageError('--url is required.');
  if (values.timestamp !== undefined && !isTimestamp(values.timestamp)) {
    throw new UsageError('--timestamp must be decimal digits (seconds, or nanoseconds with 19 digits).');
  }
  const secretText = values['secret-file'] ? io.readFile(values['secret-file']).toString('utf8') : io.env.QREDO_API_SECRET;
  if (!secretText) throw new UsageError('No secret: set QREDO_API_SECRET or pass --secret-file.');
  const decoded = decodeSecret(secretText);
  if (!decoded.ok) throw new Error(decoded.error);
  for (const w of decoded.warnings) io.err(`warning: ${w}`);

  let body: string | null = null;
  if (values['body-file']) {
    const bytes = io.readFile(values['body-file']);
    body = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (!Buffer.from(body, 'utf8').equals(bytes)) throw new Error('The body file is not valid UTF-8; the Qredo API signs UTF-8 text.');
  }
  const timestamp = values.timestamp ?? formatTimestamp(io.now(), values.nanoseconds ? 'nanoseconds' : 'seconds');
  const stringToSign = buildStringToSign({ timestamp, method: values.method, url: values.url, body });
  const signature = await sign(nodeHmac, decoded.key, stringToSign);
  const keyId = values['key-id'] ?? io.env.QREDO_API_KEY ?? '<your key id>';
  const headers = { [HEADER_KEY]: keyId, [HEADER_TIMESTAMP]: timestamp, [HEADER_SIGNATURE]: signature.value };

  if (values.json) {
    io.out(JSON.stringify({ stringToSign: stringToSign.text, signature: signature.value, headers }, null, 2));
  } else {
    io.out(`string-to-sign (${stringToSign.bytes.length} bytes):\n${stringToSign.text}\n`);
    io.out(`signature: ${signature.value}\n`);
    for (const [name, value] of Object.entries(headers)) io.out(`${name}: ${value}`);
  }
  return 0;
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const code = await runCli(process.argv.slice(2), {
    env: process.env,
    out: (t) => process.stdout.write(t + '\n'),
    err: (t) => process.stderr.write(t + '\n'),
    readFile: (p) => readFileSync(p),
    now: Date.now,
  });
  process.exitCode = code;
}
