/**
 * The playground's command line over the same signing core.
 *   npm run cli -- sign --timestamp T --method M --url U [--body-file F] [--json] [--secret-file F] [--key-id K]
 *   npm run cli -- verify --timestamp T --method M --url U --signature S [--body-file F] [--json]
 *   npm run cli -- send --env mock --method GET --path /balance [--body-file F] [--demo-key ID] [--data-dir D]
 *   npm run cli -- token [--new] [--data-dir D]
 *   npm run cli -- import FILE [--env-file F] [--private-env-file F] [--env-name N] [--collection NAME] [--format F] [--json]
 *   npm run cli -- export --collection NAME --format http|postman|json [--data-dir D]
 *   npm run cli -- sign|verify|send --scheme partner ...   (the Partner API: server/cli-partner.ts)
 * The secret comes from QREDO_API_SECRET or --secret-file, never from an argument.
 */
import { itemAt } from '../core/checked.ts';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  HEADER_KEY,
  HEADER_SIGNATURE,
  HEADER_TIMESTAMP,
  buildStringToSign,
  decodeSecret,
  decodeUtf8Exactly,
  formatTimestamp,
  isTimestamp,
  sign,
} from '../core/signing/index.ts';
import { nodeHmac } from './crypto.ts';
import {
  DemoKey,
  Environment,
  FileFormat,
  ImportRequest,
  describeIssues,
  type ImportResponse,
  type RequestDraft,
} from '../core/contract.ts';
import { captureFromRequest, diagnose, type Capture } from '../core/doctor/index.ts';
import { ImportError } from '../core/import/index.ts';
import { loadConfig } from './config/config.ts';
import { prepareDataDir } from './security/data-dir.ts';
import { launchUrl, loadLaunchToken, rotateLaunchToken } from './security/launch-token.ts';
import { WorkbenchError } from './workbench/errors.ts';
import { exportFile, importFile } from './workbench/files.ts';
import {
  UsageError,
  causesJson,
  cliServices,
  dataDirEnv,
  printDiagnosis,
  printSigned,
  readBodyFile,
  readCaptureFile,
  sendDraft,
  type CliIo,
} from './cli-io.ts';
import { PARTNER_USAGE, partnerCommand, schemeOfArgs } from './cli-partner.ts';

const USAGE = `Usage:
  npm run cli -- sign --method M --url U [--timestamp T] [--nanoseconds] [--body-file F] [--key-id K] [--secret-file F] [--json]

  The secret is read from the QREDO_API_SECRET environment variable or from --secret-file.
  The key id (only printed in the headers) comes from --key-id or QREDO_API_KEY.
  The body file is read as raw bytes and signed exactly (a byte order mark and CRLF included);
  a file that is not UTF-8 is refused with the offset of the first byte that is not.

  npm run cli -- verify --timestamp T --method M --url U --signature S [--body-file F] [--key-id K]
                        [--header-timestamp T] [--header-name N ...] [--ignore-window] [--secret-file F] [--json]
  npm run cli -- verify --capture-file F [--secret-file F] [--json]
  Checks a captured signature against the secret (as for sign) and names the likely mistake.
  --capture-file reads a pasted cURL command or raw HTTP request. Exit 0 when valid, 1 when not.

  npm run cli -- send --env mock|sandbox|production --method M --path P [--body-file F] [--demo-key ID]
                      [--timestamp T] [--nanoseconds] [--data-dir D] [--confirm] [--json]
  Signs, sends through the playground's relay and records the exchange in the same history.
  The mock is started in-process when nothing listens on MOCK_PORT. Exit 0 on a 2xx answer.

  npm run cli -- token [--new] [--data-dir D]
  Prints the address that opens the playground with its launch token (kept in the data folder).
  --new makes a new token: the old one stops working at once, in every open page.

  npm run cli -- import FILE [--env-file F] [--private-env-file F] [--env-name N] [--collection NAME]
                        [--format http|postman|json] [--data-dir D] [--json]
  Imports a .http file (with its http-client.env.json and private env file), a Postman v2.1
  collection or a playground collection into the playground's collections: a new collection, or the
  end of the one named by --collection. The format is found from the file unless --format says it.
  Prints what was imported, what was left out and why; --json prints one JSON object
  { collection, imported: [{ name, method, path, environment }], dropped: [{ what, why }], notes }.

  npm run cli -- export --collection NAME --format http|postman|json [--data-dir D]
  Writes the collection to standard output as a .http file, a Postman v2.1 collection or the
  playground's collection JSON; what the format cannot carry is noted on standard error.

${PARTNER_USAGE}`;

export type { CliIo } from './cli-io.ts';

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      io.out(USAGE);
      return command ? 0 : 2;
    }
    if (command === 'sign' || command === 'verify' || command === 'send') {
      const { scheme, args } = schemeOfArgs(rest);
      if (scheme === 'partner') return await partnerCommand(command, args, io);
      if (command === 'sign') return await signCommand(args, io);
      if (command === 'verify') return await verifyCommand(args, io);
      return await sendCommand(args, io);
    }
    if (command === 'token') return tokenCommand(rest, io);
    if (command === 'import') return await importCommand(rest, io);
    if (command === 'export') return await exportCommand(rest, io);
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
    throw new UsageError(
      'The secret is never taken from an argument (it would stay in your shell history); use QREDO_API_SECRET or --secret-file.',
    );
  }
  if (!values.method) throw new UsageError('--method is required.');
  if (!values.url) throw new UsageError('--url is required.');
  if (values.timestamp !== undefined && !isTimestamp(values.timestamp)) {
    throw new UsageError('--timestamp must be decimal digits (seconds, or nanoseconds with 19 digits).');
  }
  const secretText = values['secret-file']
    ? io.readFile(values['secret-file']).toString('utf8')
    : io.env.QREDO_API_SECRET;
  if (!secretText) throw new UsageError('No secret: set QREDO_API_SECRET or pass --secret-file.');
  const decoded = decodeSecret(secretText);
  if (!decoded.ok) throw new Error(decoded.error);
  for (const w of decoded.warnings) io.err(`warning: ${w}`);

  const body = values['body-file'] ? readBodyFile(io, values['body-file']) : null;
  const timestamp = values.timestamp ?? formatTimestamp(io.now(), values.nanoseconds ? 'nanoseconds' : 'seconds');
  const stringToSign = buildStringToSign({ timestamp, method: values.method, url: values.url, body });
  const signature = await sign(nodeHmac, decoded.key, stringToSign);
  const keyId = values['key-id'] ?? io.env.QREDO_API_KEY ?? '<your key id>';
  const headers = { [HEADER_KEY]: keyId, [HEADER_TIMESTAMP]: timestamp, [HEADER_SIGNATURE]: signature.value };

  printSigned(io, values.json, {
    textKey: 'stringToSign',
    heading: `string-to-sign (${stringToSign.bytes.length} bytes)`,
    text: stringToSign.text,
    signature: signature.value,
    headers,
  });
  return 0;
}

function readSecret(io: CliIo, secretFile: string | undefined): string {
  const text = secretFile ? io.readFile(secretFile).toString('utf8') : io.env.QREDO_API_SECRET;
  if (!text) throw new UsageError('No secret: set QREDO_API_SECRET or pass --secret-file.');
  return text;
}

async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      timestamp: { type: 'string' },
      method: { type: 'string' },
      url: { type: 'string' },
      signature: { type: 'string' },
      'body-file': { type: 'string' },
      'key-id': { type: 'string' },
      'header-timestamp': { type: 'string' },
      'header-name': { type: 'string', multiple: true },
      'capture-file': { type: 'string' },
      'ignore-window': { type: 'boolean', default: false },
      'secret-file': { type: 'string' },
      secret: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (values.secret !== undefined) {
    throw new UsageError(
      'The secret is never taken from an argument (it would stay in your shell history); use QREDO_API_SECRET or --secret-file.',
    );
  }
  let capture: Capture;
  const notes: string[] = [];
  if (values['capture-file']) {
    const result = captureFromRequest(readCaptureFile(io, values['capture-file']));
    if (!result.ok) throw new Error(result.error);
    capture = result.capture;
    notes.push(...result.notes);
  } else {
    const required = (name: 'timestamp' | 'method' | 'url' | 'signature'): string => {
      const value = values[name];
      if (!value) throw new UsageError(`--${name} is required (or give --capture-file).`);
      return value;
    };
    // In this order, so that the first one missing is the one named, and before the body file is read.
    capture = {
      timestamp: required('timestamp'),
      method: required('method'),
      url: required('url'),
      signature: required('signature'),
      body: values['body-file'] ? readBodyFile(io, values['body-file']) : null,
    };
    if (values['key-id']) capture.keyId = values['key-id'];
    if (values['header-timestamp']) capture.headerTimestamp = values['header-timestamp'];
    if (values['header-name']) capture.headerNames = values['header-name'];
  }
  const secretText = readSecret(io, values['secret-file']);
  const decoded = decodeSecret(secretText);
  if (!decoded.ok) throw new Error(decoded.error);
  const d = await diagnose(capture, decoded.key, nodeHmac, {
    rawSecret: secretText,
    ...(values['ignore-window'] ? {} : { now: Math.floor(io.now() / 1000) }),
  });
  if (values.json) {
    io.out(
      JSON.stringify({
        valid: d.valid,
        expected: d.expected,
        causes: causesJson(d.causes),
      }),
    );
  } else {
    // The HMAC is always computed here, so its expected signature is always shown.
    printDiagnosis(io, d, { expected: d.expected, captured: capture.signature }, [...notes, ...d.notes]);
  }
  return d.valid ? 0 : 1;
}

async function sendCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      env: { type: 'string' },
      method: { type: 'string', default: 'GET' },
      path: { type: 'string' },
      'body-file': { type: 'string' },
      'demo-key': { type: 'string' },
      'data-dir': { type: 'string' },
      timestamp: { type: 'string' },
      nanoseconds: { type: 'boolean', default: false },
      confirm: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const environment = Environment.safeParse(values.env);
  if (!environment.success) throw new UsageError('--env must be mock, sandbox or production.');
  if (!values.path)
    throw new UsageError('--path is required, relative to the environment base URL (for example /balance).');
  if (values.timestamp !== undefined && !isTimestamp(values.timestamp))
    throw new UsageError('--timestamp must be decimal digits.');
  let demoKey: DemoKey | undefined;
  if (values['demo-key'] !== undefined) {
    const parsed = DemoKey.safeParse(values['demo-key']);
    if (!parsed.success) throw new UsageError(`--demo-key must be one of ${DemoKey.options.join(', ')}.`);
    demoKey = parsed.data;
  }
  const draft: RequestDraft = {
    environment: environment.data,
    method: values.method,
    path: values.path,
    body: values['body-file'] ? readBodyFile(io, values['body-file']) : null,
    timestampUnit: values.nanoseconds ? 'nanoseconds' : 'seconds',
    ...(values.timestamp !== undefined ? { timestamp: values.timestamp } : {}),
    ...(demoKey ? { demoKey } : {}),
  };
  return sendDraft(io, draft, values);
}

/** A file read as UTF-8 text; a file that is not UTF-8 is refused with the offset of its first bad byte. */
function readTextFile(io: CliIo, path: string, what: string): string {
  const decoded = decodeUtf8Exactly(io.readFile(path), `${what} ${path}`);
  if (!decoded.ok) throw new Error(decoded.error);
  return decoded.text;
}

function parseFormat(value: string | undefined): FileFormat | undefined {
  if (value === undefined) return undefined;
  const parsed = FileFormat.safeParse(value);
  if (!parsed.success) throw new UsageError(`--format must be one of ${FileFormat.options.join(', ')}.`);
  return parsed.data;
}

async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      'env-file': { type: 'string' },
      'private-env-file': { type: 'string' },
      'env-name': { type: 'string' },
      collection: { type: 'string' },
      format: { type: 'string' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) throw new UsageError('import takes one FILE: the .http, Postman or collection file.');
  const file = itemAt(positionals, 0);
  const format = parseFormat(values.format);
  const candidate = {
    text: readTextFile(io, file, 'The file'),
    fileName: file,
    ...(format ? { format } : {}),
    ...(values['env-file'] ? { envFile: readTextFile(io, values['env-file'], 'The environment file') } : {}),
    ...(values['private-env-file']
      ? { privateEnvFile: readTextFile(io, values['private-env-file'], 'The private environment file') }
      : {}),
    ...(values['env-name'] !== undefined ? { envName: values['env-name'] } : {}),
    ...(values.collection !== undefined ? { collection: values.collection } : {}),
  };
  const request = ImportRequest.safeParse(candidate);
  if (!request.success) {
    io.err(`The import cannot be done: ${describeIssues(request.error).join('; ')}`);
    return 1;
  }
  const services = cliServices(io, values['data-dir']);
  let answer: ImportResponse;
  try {
    answer = services.redactor.scrubValue(
      importFile(services.workbench().collections, request.data, {
        bases: services.config.baseUrls,
        partnerBases: services.config.partnerBaseUrls,
        secretForms: services.redactor.secretForms(),
        isSecret: (text) => services.redactor.containsSecret(text),
      }),
    );
  } catch (e) {
    if (e instanceof ImportError || e instanceof WorkbenchError) {
      io.err(services.redactor.scrub(`${file}: ${e.message}`));
      return 1;
    }
    throw e;
  } finally {
    await services.close();
  }
  if (values.json) {
    io.out(JSON.stringify(answer, null, 2));
    return 0;
  }
  const c = answer.collection;
  const n = answer.imported.length;
  io.out(
    `Imported ${n} request${n === 1 ? '' : 's'} into the collection ${JSON.stringify(c.name)} (${c.requests} in all).`,
  );
  for (const r of answer.imported) io.out(`  ${r.method} ${r.path}  [${r.environment ?? 'no environment'}]  ${r.name}`);
  if (answer.dropped.length) io.out(`Left out:`);
  for (const d of answer.dropped) io.out(`  ${d.what}: ${d.why}`);
  for (const note of answer.notes) io.out(`note: ${note}`);
  return 0;
}

async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      collection: { type: 'string' },
      format: { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  if (values.collection === undefined) throw new UsageError('--collection NAME is required.');
  const format = parseFormat(values.format);
  if (!format) throw new UsageError(`--format is required: one of ${FileFormat.options.join(', ')}.`);
  const services = cliServices(io, values['data-dir']);
  try {
    const collections = services.workbench().collections;
    const found = collections.findByName(values.collection);
    if (!found) {
      const names = collections.list().map((c) => JSON.stringify(c.name));
      io.err(
        `There is no collection named ${JSON.stringify(values.collection)}${names.length ? `; there are ${names.join(', ')}` : ''}.`,
      );
      return 1;
    }
    const file = exportFile(collections, found.id, format, services.config.baseUrls, services.config.partnerBaseUrls);
    // The text ends with its own line break; out() adds one.
    io.out(services.redactor.scrub(file.text).replace(/\n$/, ''));
    for (const note of file.notes) io.err(`note: ${services.redactor.scrub(note)}`);
    return 0;
  } finally {
    await services.close();
  }
}

function tokenCommand(args: string[], io: CliIo): number {
  const { values } = parseArgs({
    args,
    options: { new: { type: 'boolean', default: false }, 'data-dir': { type: 'string' } },
    strict: true,
  });
  const env = dataDirEnv(io, values['data-dir']);
  const config = loadConfig(env);
  const { realDir } = prepareDataDir(config.dataDir);
  if (env.PLAYGROUND_TOKEN) {
    io.err('PLAYGROUND_TOKEN is set: the playground uses that token, not the one kept in the data folder.');
  }
  const token = values.new
    ? rotateLaunchToken(realDir)
    : loadLaunchToken(realDir, { ...env, PLAYGROUND_TOKEN: '' }).current();
  const host = config.host.includes(':') && !config.host.startsWith('[') ? `[${config.host}]` : config.host;
  io.out(launchUrl(`http://${host}:${config.port}`, token));
  if (values.new) io.err('A new launch token is in force; pages opened with the old one ask for this address.');
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
