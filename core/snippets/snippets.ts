/**
 * Code that reproduces a signed request outside the playground: cURL with the computed headers
 * (valid only while its timestamp is fresh), and Python, Node and Go programs that sign at run time
 * with the secret read from an environment variable. No snippet ever contains a secret.
 */
import { MOCK_WINDOW_SECONDS } from '../constants.ts';
import { HEADER_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP } from '../signing/index.ts';

export interface SnippetInput {
  /** The full URL, exactly as signed. */
  url: string;
  method: string;
  /** The exact body text, or null for none. */
  body: string | null;
  keyId: string;
  /** The timestamp and signature the playground computed (cURL sends them; the others show them for comparison). */
  timestamp: string;
  signature: string;
  /** Environment variable holding the secret (default QREDO_API_SECRET). */
  secretEnvVar?: string;
  /** Accepted skew, for the cURL comment (default 300 s, as the embedded mock). */
  windowSeconds?: number;
  /** Headers the person added, sent as they are (an Accept or Content-Type here replaces the default). */
  headers?: ReadonlyArray<{ name: string; value: string }>;
}

/** The headers sent besides the three signing ones, in order: the defaults unless replaced, then the added ones. */
export function plainHeaders(input: Pick<SnippetInput, 'body' | 'headers'>): Array<{ name: string; value: string }> {
  const added = input.headers ?? [];
  const has = (name: string) => added.some((h) => h.name.toLowerCase() === name);
  const out: Array<{ name: string; value: string }> = [];
  if (!has('accept')) out.push({ name: 'accept', value: 'application/json' });
  if (input.body !== null && !has('content-type')) out.push({ name: 'content-type', value: 'application/json' });
  return [...out, ...added];
}

export type SnippetLanguage = 'curl' | 'python' | 'node' | 'go';

export const SNIPPET_LANGUAGES: readonly SnippetLanguage[] = ['curl', 'python', 'node', 'go'];

/** Environment variable that pins the timestamp, to reproduce the playground's signature exactly. */
export const TIMESTAMP_ENV_VAR = 'QREDO_TIMESTAMP';

const DEFAULT_SECRET_VAR = 'QREDO_API_SECRET';

/** A POSIX shell single-quoted word: nothing inside is interpreted. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * A double-quoted string literal valid in JavaScript, Python 3 and Go alike: JSON's escapes are a
 * subset of all three, and JSON.stringify keeps non-ASCII characters as they are.
 */
export function literal(text: string): string {
  return JSON.stringify(text);
}

function secretVar(input: SnippetInput): string {
  const name = input.secretEnvVar ?? DEFAULT_SECRET_VAR;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw new Error(`${JSON.stringify(name)} is not an environment variable name.`);
  return name;
}

/** A cURL `--header` argument line, single-quoted for the shell. */
export function curlHeader(name: string, value: string): string {
  return `  --header ${shellQuote(`${name}: ${value}`)}`;
}

/**
 * The cURL snippet both schemes print: the comment lines, then one command sending the signing
 * header lines given (each scheme has its own), the plain headers and the body byte for byte.
 */
export function curlCommand(
  comment: readonly string[],
  input: Pick<SnippetInput, 'url' | 'method' | 'body' | 'headers'>,
  signingHeaderLines: readonly string[],
): string {
  const command = [
    `curl --include --silent --show-error --request ${shellQuote(input.method)}`,
    `  --url ${shellQuote(input.url)}`,
    ...signingHeaderLines,
    ...plainHeaders(input).map((h) => curlHeader(h.name, h.value)),
    ...(input.body !== null ? [`  --data-raw ${shellQuote(input.body)}`] : []),
  ];
  return `${comment.join('\n')}\n${command.join(' \\\n')}\n`;
}

/** A signing header a generated program sets: its name, and the program's variable holding its value. */
export interface SignedHeader {
  name: string;
  variable: string;
}

/**
 * The end of the Python program both schemes print, once the signature is computed: the signing
 * headers given and the plain ones, then the request sent and its answer printed.
 */
export function pythonSendTail(
  input: Pick<SnippetInput, 'body' | 'headers'>,
  signing: readonly SignedHeader[],
): string {
  return `headers = {
${signing.map((h) => `    "${h.name}": ${h.variable},`).join('\n')}
${plainHeaders(input)
  .map((h) => `    ${literal(h.name)}: ${literal(h.value)},`)
  .join('\n')}
}
request = urllib.request.Request(URL, data=body if BODY is not None else None, headers=headers, method=METHOD)
try:
    with urllib.request.urlopen(request) as response:
        print(response.status, response.reason)
        print(response.read().decode("utf-8", "replace"))
except urllib.error.HTTPError as error:
    print(error.code, error.reason)
    print(error.read().decode("utf-8", "replace"))
    sys.exit(1)
`;
}

/** The end of the Node program both schemes print, as pythonSendTail. */
export function nodeSendTail(input: Pick<SnippetInput, 'body' | 'headers'>, signing: readonly SignedHeader[]): string {
  return `const headers = {
${signing.map((h) => `  '${h.name}': ${h.variable},`).join('\n')}
${plainHeaders(input)
  .map((h) => `  ${literal(h.name)}: ${literal(h.value)},`)
  .join('\n')}
};
const response = await fetch(URL, { method: METHOD, headers, body: BODY === null ? undefined : body, redirect: 'manual' });
console.log(response.status, response.statusText);
console.log(await response.text());
if (!response.ok) process.exitCode = 1;
`;
}

/** The end of the Go program's main both schemes print, as pythonSendTail. */
export function goSendTail(input: Pick<SnippetInput, 'body' | 'headers'>, signing: readonly SignedHeader[]): string {
  return `\tvar body io.Reader
\tif hasBody {
\t\tbody = bytes.NewReader([]byte(bodyText))
\t}
\treq, err := http.NewRequest(method, url, body)
\tif err != nil {
\t\tpanic(err)
\t}
${signing.map((h) => `\treq.Header.Set("${h.name}", ${h.variable})`).join('\n')}
${plainHeaders(input)
  .map((h) => `\treq.Header.Add(${literal(h.name)}, ${literal(h.value)})`)
  .join('\n')}
\tclient := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
\tresp, err := client.Do(req)
\tif err != nil {
\t\tpanic(err)
\t}
\tdefer resp.Body.Close()
\ttext, _ := io.ReadAll(resp.Body)
\tfmt.Println(resp.Status)
\tfmt.Println(string(text))
\tif resp.StatusCode >= 300 {
\t\tos.Exit(1)
\t}
}
`;
}

export function curlSnippet(input: SnippetInput): string {
  const window = input.windowSeconds ?? MOCK_WINDOW_SECONDS;
  const comment = [
    `# Signed for ${HEADER_TIMESTAMP} ${input.timestamp}: valid only while that timestamp is inside the server's`,
    `# window (about ±${window} s on the embedded mock). After that, sign again (the Python, Node and Go snippets`,
    `# sign at run time). The body after --data-raw is sent byte for byte; do not reformat it.`,
  ];
  return curlCommand(comment, input, [
    curlHeader(HEADER_KEY, input.keyId),
    curlHeader(HEADER_TIMESTAMP, input.timestamp),
    curlHeader(HEADER_SIGNATURE, input.signature),
  ]);
}

export function pythonSnippet(input: SnippetInput): string {
  const secret = secretVar(input);
  return `#!/usr/bin/env python3
"""Signs and sends one Qredo API v1 request with the standard library only.

Run:  ${secret}='<your secret>' python3 qredo_request.py
The secret is read from the environment, never written here. Set ${TIMESTAMP_ENV_VAR}=${input.timestamp}
to reproduce the playground's signature ${input.signature}.
"""
import base64
import hashlib
import hmac
import os
import sys
import time
import urllib.error
import urllib.request

API_KEY_ID = ${literal(input.keyId)}
METHOD = ${literal(input.method)}
URL = ${literal(input.url)}
BODY = ${input.body === null ? 'None' : literal(input.body)}


def decode_secret(secret):
    # Base64-decode the secret as shown in the web app; either alphabet, padding optional.
    text = secret.strip().replace("-", "+").replace("_", "/").rstrip("=")
    text += "=" * (-len(text) % 4)
    return base64.b64decode(text, validate=True)


key = decode_secret(os.environ["${secret}"])
timestamp = os.environ.get("${TIMESTAMP_ENV_VAR}") or str(int(time.time()))
body = BODY.encode("utf-8") if BODY is not None else b""
# timestamp + METHOD + full URL + body, no separators, as UTF-8 bytes.
message = (timestamp + METHOD + URL).encode("utf-8") + body
digest = hmac.new(key, message, hashlib.sha256).digest()
signature = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
print("${HEADER_SIGNATURE}: " + signature, file=sys.stderr)

${pythonSendTail(input, [
  { name: HEADER_KEY, variable: 'API_KEY_ID' },
  { name: HEADER_TIMESTAMP, variable: 'timestamp' },
  { name: HEADER_SIGNATURE, variable: 'signature' },
])}`;
}

export function nodeSnippet(input: SnippetInput): string {
  const secret = secretVar(input);
  return `// Signs and sends one Qredo API v1 request with Node 18+ and no dependencies.
// Run:  ${secret}='<your secret>' node qredo-request.mjs
// The secret is read from the environment, never written here. Set ${TIMESTAMP_ENV_VAR}=${input.timestamp}
// to reproduce the playground's signature ${input.signature}.
import { createHmac } from 'node:crypto';

const API_KEY_ID = ${literal(input.keyId)};
const METHOD = ${literal(input.method)};
const URL = ${literal(input.url)};
const BODY = ${input.body === null ? 'null' : literal(input.body)};

// Base64-decode the secret as shown in the web app; either alphabet, padding optional.
function decodeSecret(secret) {
  let text = secret.trim().replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  while (text.length % 4) text += '=';
  return Buffer.from(text, 'base64');
}

const secret = process.env.${secret};
if (!secret) throw new Error('Set ${secret} to your API secret.');
const key = decodeSecret(secret);
const timestamp = process.env.${TIMESTAMP_ENV_VAR} || String(Math.floor(Date.now() / 1000));
const body = BODY === null ? Buffer.alloc(0) : Buffer.from(BODY, 'utf8');
// timestamp + METHOD + full URL + body, no separators, as UTF-8 bytes.
const signature = createHmac('sha256', key).update(timestamp + METHOD + URL, 'utf8').update(body).digest('base64url');
console.error('${HEADER_SIGNATURE}: ' + signature);

${nodeSendTail(input, [
  { name: HEADER_KEY, variable: 'API_KEY_ID' },
  { name: HEADER_TIMESTAMP, variable: 'timestamp' },
  { name: HEADER_SIGNATURE, variable: 'signature' },
])}`;
}

export function goSnippet(input: SnippetInput): string {
  const secret = secretVar(input);
  return `// Signs and sends one Qredo API v1 request with the Go standard library.
// Run:  ${secret}='<your secret>' go run qredo_request.go
// The secret is read from the environment, never written here. Set ${TIMESTAMP_ENV_VAR}=${input.timestamp}
// to reproduce the playground's signature ${input.signature}.
package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

const (
	apiKeyID = ${literal(input.keyId)}
	method   = ${literal(input.method)}
	url      = ${literal(input.url)}
	hasBody  = ${input.body === null ? 'false' : 'true'}
	bodyText = ${literal(input.body ?? '')}
)

// decodeSecret base64-decodes the secret as shown in the web app; either alphabet, padding optional.
func decodeSecret(secret string) ([]byte, error) {
	text := strings.NewReplacer("-", "+", "_", "/").Replace(strings.TrimSpace(secret))
	text = strings.TrimRight(text, "=")
	for len(text)%4 != 0 {
		text += "="
	}
	return base64.StdEncoding.DecodeString(text)
}

func main() {
	key, err := decodeSecret(os.Getenv("${secret}"))
	if err != nil || len(key) == 0 {
		fmt.Fprintln(os.Stderr, "Set ${secret} to your API secret (base64).")
		os.Exit(2)
	}
	timestamp := os.Getenv("${TIMESTAMP_ENV_VAR}")
	if timestamp == "" {
		timestamp = strconv.FormatInt(time.Now().Unix(), 10)
	}
	// timestamp + METHOD + full URL + body, no separators, as UTF-8 bytes.
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(timestamp))
	mac.Write([]byte(method))
	mac.Write([]byte(url))
	mac.Write([]byte(bodyText))
	signature := base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
	fmt.Fprintln(os.Stderr, "${HEADER_SIGNATURE}: "+signature)

${goSendTail(input, [
  { name: HEADER_KEY, variable: 'apiKeyID' },
  { name: HEADER_TIMESTAMP, variable: 'timestamp' },
  { name: HEADER_SIGNATURE, variable: 'signature' },
])}`;
}

export function snippetFor(language: SnippetLanguage, input: SnippetInput): string {
  switch (language) {
    case 'curl':
      return curlSnippet(input);
    case 'python':
      return pythonSnippet(input);
    case 'node':
      return nodeSnippet(input);
    case 'go':
      return goSnippet(input);
  }
}

export function allSnippets(input: SnippetInput): Record<SnippetLanguage, string> {
  return { curl: curlSnippet(input), python: pythonSnippet(input), node: nodeSnippet(input), go: goSnippet(input) };
}
