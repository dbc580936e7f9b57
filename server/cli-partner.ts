/**
 * The command line's Partner API commands (`--scheme partner` on sign, verify and send), over the
 * same core as the page: core/partner for the payload and the signature, core/doctor for verify.
 * The private key and the X-API-KEY come from a file or an environment variable, never an argument.
 */
import { itemAt } from '../core/checked.ts';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Environment, PartnerDemoKey, type RequestDraft } from '../core/contract.ts';
import { diagnosePartner, partnerCaptureFromRequest, type PartnerCapture } from '../core/doctor/index.ts';
import {
  buildPartnerPayload,
  formatPartnerTimestamp,
  isPartnerNonce,
  partnerSignedHeaders,
  signPartner,
  type PartnerValueKind,
} from '../core/partner/index.ts';
import { SCHEMES, type SchemeId } from '../core/schemes.ts';
import {
  UsageError,
  causesJson,
  printDiagnosis,
  printSigned,
  readBodyFile,
  readCaptureFile,
  sendDraft,
  type CliIo,
} from './cli-io.ts';
import { PartnerKeyError, readPartnerPrivateKey } from './config/partner-keys.ts';
import { nodeRsaDigestRecovery, nodeRsaSha256, nodeRsaVerifier } from './crypto.ts';

/** The variables the Partner commands read: the key as a PEM or a file, and the X-API-KEY. */
export const PARTNER_CLI_ENV = {
  privateKey: 'QREDO_PARTNER_PRIVATE_KEY',
  privateKeyFile: 'QREDO_PARTNER_PRIVATE_KEY_FILE',
  apiKey: 'QREDO_PARTNER_API_KEY',
} as const;

export const PARTNER_USAGE = `The Partner API (RSA), with --scheme partner:
  npm run cli -- sign --scheme partner --key-file K --url U [--timestamp T | --nonce N] [--body-file F] [--json]
  Prints the payload (the x-timestamp or x-nonce value + the full URL + the body: no method), the x-sign
  signature and the headers. The private key (PKCS#1 or PKCS#8 PEM) comes from --key-file,
  ${PARTNER_CLI_ENV.privateKey} (the PEM itself) or ${PARTNER_CLI_ENV.privateKeyFile}; the X-API-KEY shown in
  the headers from ${PARTNER_CLI_ENV.apiKey}. Without --timestamp or --nonce it signs the current second.

  npm run cli -- verify --scheme partner --key-file K --url U --signature S (--timestamp T and/or --nonce N)
                        [--method M] [--body-file F] [--header-name N ...] [--ignore-window] [--json]
  npm run cli -- verify --scheme partner --key-file K --capture-file F [--json]
  Checks a captured x-sign with the key (a private key, or the public key alone) and names the mistake:
  the method signed, padded or standard base64, both headers, another key pair, the /qapi typo, ...
  Exit 0 when valid, 1 when not.

  npm run cli -- send --scheme partner --env mock|sandbox|production --method M --path P [--partner-key ID]
                      [--nonce N] [--timestamp T] [--body-file F] [--data-dir D] [--confirm] [--json]
  Signs with the environment's partner key (for the mock a demo partner, default partner-northwind), sends
  through the playground's relay and records it in the history. --nonce "" makes a fresh nonce.`;

/** Takes `--scheme S` (or `--scheme=S`) out of the arguments: v1 when absent. */
export function schemeOfArgs(args: string[]): { scheme: SchemeId; args: string[] } {
  const rest: string[] = [];
  let scheme: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = itemAt(args, i);
    if (a === '--scheme') {
      scheme = args[++i];
      if (scheme === undefined) throw new UsageError('--scheme needs a value: v1 or partner.');
    } else if (a.startsWith('--scheme=')) scheme = a.slice('--scheme='.length);
    else rest.push(a);
  }
  if (scheme !== undefined && !(SCHEMES as readonly string[]).includes(scheme))
    throw new UsageError(`--scheme must be ${SCHEMES.join(' or ')}, not ${JSON.stringify(scheme)}.`);
  return { scheme: (scheme ?? 'v1') as SchemeId, args: rest };
}

export async function partnerCommand(command: 'sign' | 'verify' | 'send', args: string[], io: CliIo): Promise<number> {
  if (command === 'sign') return signCommand(args, io);
  if (command === 'verify') return verifyCommand(args, io);
  return sendCommand(args, io);
}

/**
 * The options sign and verify both take: the key file, the request signed (URL, freshness value,
 * body) and --json, with the secret options that are only there to be refused (refuseSecretArguments).
 * Each command adds its own --method: sign only notes it, verify defaults it to GET.
 */
const KEY_AND_REQUEST_OPTIONS = {
  'key-file': { type: 'string' },
  url: { type: 'string' },
  timestamp: { type: 'string' },
  nonce: { type: 'string' },
  'body-file': { type: 'string' },
  json: { type: 'boolean', default: false },
  'private-key': { type: 'string' },
  'api-key': { type: 'string' },
  key: { type: 'string' },
} as const;

function refuseSecretArguments(values: Record<string, unknown>): void {
  for (const name of ['private-key', 'api-key', 'key']) {
    if (values[name] !== undefined)
      throw new UsageError(
        `--${name} is never taken from an argument (it would stay in your shell history): use --key-file, ${PARTNER_CLI_ENV.privateKey}, ${PARTNER_CLI_ENV.privateKeyFile} or ${PARTNER_CLI_ENV.apiKey}.`,
      );
  }
}

/** The key file's text, or the PEM from the environment. */
function keyText(io: CliIo, keyFile: string | undefined): string {
  if (keyFile) return io.readFile(keyFile).toString('utf8');
  const pem = io.env[PARTNER_CLI_ENV.privateKey];
  if (pem) return pem;
  const file = io.env[PARTNER_CLI_ENV.privateKeyFile];
  if (file) return io.readFile(file).toString('utf8');
  throw new UsageError(
    `No private key: pass --key-file, or set ${PARTNER_CLI_ENV.privateKey} (the PEM) or ${PARTNER_CLI_ENV.privateKeyFile}.`,
  );
}

const PKCS8_WARNING =
  'warning: this key is PKCS#8 ("BEGIN PRIVATE KEY"). It signs the same, but Qredo\'s Go tools read only PKCS#1: openssl rsa -in key.pem -traditional -out key-pkcs1.pem';

function privateKey(io: CliIo, keyFile: string | undefined) {
  try {
    const read = readPartnerPrivateKey(keyText(io, keyFile));
    if (read.givenFormat === 'pkcs8') io.err(PKCS8_WARNING);
    return read;
  } catch (e) {
    if (e instanceof PartnerKeyError) throw new Error(e.message, { cause: e });
    throw e;
  }
}

/** The freshness value: --nonce, else --timestamp, else the current second. */
function freshnessOf(
  io: CliIo,
  values: { timestamp?: string | undefined; nonce?: string | undefined },
): { kind: PartnerValueKind; value: string } {
  if (values.timestamp !== undefined && values.nonce !== undefined)
    throw new UsageError('Give --timestamp or --nonce, not both: a server refuses a request that carries both.');
  if (values.nonce !== undefined) {
    if (!isPartnerNonce(values.nonce)) throw new UsageError('--nonce must be 1 to 64 printable ASCII characters.');
    return { kind: 'nonce', value: values.nonce };
  }
  if (values.timestamp !== undefined) {
    if (!/^\d{1,20}$/.test(values.timestamp))
      throw new UsageError('--timestamp must be decimal digits (Unix seconds).');
    return { kind: 'timestamp', value: values.timestamp };
  }
  return { kind: 'timestamp', value: formatPartnerTimestamp(io.now()) };
}

async function signCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { ...KEY_AND_REQUEST_OPTIONS, method: { type: 'string' } },
  });
  refuseSecretArguments(values);
  if (!values.url) throw new UsageError('--url is required: the full URL, exactly as it will be requested.');
  const freshness = freshnessOf(io, values);
  const key = privateKey(io, values['key-file']);
  if (values.method !== undefined)
    io.err('note: the Partner API does not sign the method; --method changes nothing in the signature.');
  const body = values['body-file'] ? readBodyFile(io, values['body-file']) : null;
  const payload = buildPartnerPayload({ kind: freshness.kind, value: freshness.value, url: values.url, body });
  const signature = await signPartner((bytes) => nodeRsaSha256(key.key, bytes), payload);
  const apiKey = io.env[PARTNER_CLI_ENV.apiKey]?.trim() || '<your X-API-KEY>';
  const headers = partnerSignedHeaders(apiKey, freshness.kind, freshness.value, signature.value);
  printSigned(io, values.json, {
    textKey: 'payload',
    heading: `payload (${payload.bytes.length} bytes; value + URL + body, no method)`,
    text: payload.text,
    signature: signature.value,
    headers,
  });
  return 0;
}

/** The key that checks: the public half of a private key, or a public key PEM alone. */
function verifyingKey(
  io: CliIo,
  keyFile: string | undefined,
): { publicKey: KeyObject; privateKey: KeyObject | null; pkcs8: boolean; bits: number } {
  const text = keyText(io, keyFile);
  if (/-----BEGIN (RSA )?PUBLIC KEY-----/.test(text)) {
    let publicKey: KeyObject;
    try {
      publicKey = createPublicKey(text.slice(text.indexOf('-----BEGIN')));
    } catch (e) {
      throw new Error(`The public key cannot be read: ${(e as Error).message}`, { cause: e });
    }
    return { publicKey, privateKey: null, pkcs8: false, bits: publicKey.asymmetricKeyDetails?.modulusLength ?? 2048 };
  }
  const read = privateKey(io, keyFile);
  return {
    publicKey: createPublicKey(read.key),
    privateKey: createPrivateKey(read.pkcs1Pem),
    pkcs8: read.givenFormat === 'pkcs8',
    bits: read.bits,
  };
}

async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      ...KEY_AND_REQUEST_OPTIONS,
      signature: { type: 'string' },
      method: { type: 'string', default: 'GET' },
      'header-name': { type: 'string', multiple: true },
      'capture-file': { type: 'string' },
      'ignore-window': { type: 'boolean', default: false },
    },
  });
  refuseSecretArguments(values);
  let capture: PartnerCapture;
  const notes: string[] = [];
  if (values['capture-file']) {
    const result = partnerCaptureFromRequest(readCaptureFile(io, values['capture-file']));
    if (!result.ok) throw new Error(result.error);
    capture = result.capture;
    notes.push(...result.notes);
  } else {
    if (!values.url) throw new UsageError('--url is required (or give --capture-file).');
    if (!values.signature) throw new UsageError('--signature is required (or give --capture-file).');
    const value = values.timestamp ?? values.nonce;
    if (value === undefined)
      throw new UsageError('--timestamp or --nonce is required: the value the payload starts with.');
    const base = {
      method: values.method,
      url: values.url,
      body: values['body-file'] ? readBodyFile(io, values['body-file']) : null,
      signature: values.signature,
      ...(values['header-name'] ? { headerNames: values['header-name'] } : {}),
    };
    capture =
      values.timestamp !== undefined
        ? {
            ...base,
            freshness: 'timestamp',
            value: values.timestamp,
            ...(values.nonce ? { alsoNonce: values.nonce } : {}),
          }
        : { ...base, freshness: 'nonce', value };
  }
  const key = verifyingKey(io, values['key-file']);
  const signingKey = key.privateKey;
  const d = await diagnosePartner(capture, nodeRsaVerifier(key.publicKey), {
    recover: nodeRsaDigestRecovery(key.publicKey),
    modulusBytes: key.bits / 8,
    keyFormat: key.pkcs8 ? 'pkcs8' : 'pkcs1',
    ...(signingKey ? { sign: (bytes: Uint8Array) => nodeRsaSha256(signingKey, bytes) } : {}),
    ...(values['ignore-window'] ? {} : { now: Math.floor(io.now() / 1000) }),
  });
  if (values.json) {
    io.out(
      JSON.stringify({
        valid: d.valid,
        expected: d.expected,
        keyPairMatches: d.keyPairMatches,
        causes: causesJson(d.causes),
      }),
    );
  } else {
    // The expected x-sign is known only when the private key was given (a public key only verifies).
    printDiagnosis(io, d, { expected: d.expected || null, captured: capture.signature }, [...notes, ...d.notes]);
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
      'partner-key': { type: 'string' },
      nonce: { type: 'string' },
      timestamp: { type: 'string' },
      'data-dir': { type: 'string' },
      confirm: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const environment = Environment.safeParse(values.env);
  if (!environment.success) throw new UsageError('--env must be mock, sandbox or production.');
  if (!values.path)
    throw new UsageError('--path is required, relative to the Partner API base URL (for example /assets).');
  if (values.timestamp !== undefined && values.nonce !== undefined)
    throw new UsageError('Give --timestamp or --nonce, not both: a server refuses a request that carries both.');
  if (values.timestamp !== undefined && !/^\d{1,20}$/.test(values.timestamp))
    throw new UsageError('--timestamp must be decimal digits (Unix seconds).');
  if (values.nonce !== undefined && values.nonce !== '' && !isPartnerNonce(values.nonce))
    throw new UsageError('--nonce must be 1 to 64 printable ASCII characters ("" for a fresh one).');
  let partnerKey: PartnerDemoKey | undefined;
  if (values['partner-key'] !== undefined) {
    if (environment.data !== 'mock')
      throw new UsageError('--partner-key names a demo partner of the mock; sandbox and production use their own key.');
    const parsed = PartnerDemoKey.safeParse(values['partner-key']);
    if (!parsed.success) throw new UsageError(`--partner-key must be one of ${PartnerDemoKey.options.join(', ')}.`);
    partnerKey = parsed.data;
  }
  const draft: RequestDraft = {
    environment: environment.data,
    scheme: 'partner',
    method: values.method,
    path: values.path,
    body: values['body-file'] ? readBodyFile(io, values['body-file']) : null,
    ...(values.timestamp !== undefined ? { timestamp: values.timestamp } : {}),
    ...(values.nonce !== undefined ? { nonce: values.nonce } : {}),
    ...(partnerKey ? { partnerKey } : {}),
  };
  return sendDraft(io, draft, values);
}
