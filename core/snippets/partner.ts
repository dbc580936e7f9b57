/**
 * Code that reproduces a Partner API request outside the playground: cURL with the signature computed
 * now (valid while its timestamp is fresh, or once for a nonce), and Node, Python and Go programs
 * that sign at run time (RSA PKCS#1 v1.5 over SHA-256, unpadded base64url) and send. The private key
 * is read from a file or an environment variable and the X-API-KEY from an environment variable: no
 * snippet ever contains either.
 */
import {
  PARTNER_HEADER_API_KEY,
  PARTNER_HEADER_NONCE,
  PARTNER_HEADER_SIGNATURE,
  PARTNER_HEADER_TIMESTAMP,
  PARTNER_WINDOW_SECONDS,
  type PartnerValueKind,
} from '../partner/index.ts';
import {
  TIMESTAMP_ENV_VAR,
  curlCommand,
  curlHeader,
  goSendTail,
  literal,
  nodeSendTail,
  pythonSendTail,
  type SnippetLanguage,
} from './snippets.ts';

/** Environment variables the Partner snippets read. */
export const PARTNER_SNIPPET_ENV = {
  /** The X-API-KEY from the Qredo web app. */
  apiKey: 'QREDO_PARTNER_API_KEY',
  /** The private key's PEM itself… */
  privateKey: 'QREDO_PARTNER_PRIVATE_KEY',
  /** …or the path of its PEM file. */
  privateKeyFile: 'QREDO_PARTNER_PRIVATE_KEY_FILE',
  /** Pins the x-timestamp, to reproduce the playground's signature exactly. */
  timestamp: TIMESTAMP_ENV_VAR,
  /** Pins the x-nonce (a fresh one is made otherwise). */
  nonce: 'QREDO_NONCE',
} as const;

export interface PartnerSnippetInput {
  /** The full URL, exactly as signed. */
  url: string;
  method: string;
  /** The exact body text, or null for none. */
  body: string | null;
  /** Which header starts the payload, and the value the playground signed (cURL sends it). */
  freshness: { kind: PartnerValueKind; value: string };
  /** The x-sign the playground computed (cURL sends it; the others print theirs for comparison). */
  signature: string;
  /** Accepted skew, for the cURL comment (default 300 s, as the embedded mock). */
  windowSeconds?: number;
  /** Headers the person added, sent as they are (an Accept or Content-Type here replaces the default). */
  headers?: ReadonlyArray<{ name: string; value: string }>;
}

const E = PARTNER_SNIPPET_ENV;

function valueHeader(input: PartnerSnippetInput): string {
  return input.freshness.kind === 'nonce' ? PARTNER_HEADER_NONCE : PARTNER_HEADER_TIMESTAMP;
}

function reproduceLine(input: PartnerSnippetInput): string {
  const pin = input.freshness.kind === 'nonce' ? E.nonce : E.timestamp;
  return `Set ${pin}=${input.freshness.value} to reproduce the playground's signature ${input.signature.slice(0, 16)}…`;
}

export function partnerCurlSnippet(input: PartnerSnippetInput): string {
  const window = input.windowSeconds ?? PARTNER_WINDOW_SECONDS;
  const comment =
    input.freshness.kind === 'nonce'
      ? [
          `# Signed over ${PARTNER_HEADER_NONCE} ${input.freshness.value}: a server accepts each nonce once per API key, so`,
          `# this command works once; sign again for the next (the Node, Python and Go snippets sign at run time).`,
        ]
      : [
          `# Signed for ${PARTNER_HEADER_TIMESTAMP} ${input.freshness.value}: valid only while that timestamp is inside the`,
          `# server's window (±${window} s on the embedded mock). After that, sign again (the Node, Python and Go`,
          `# snippets sign at run time).`,
        ];
  comment.push(
    `# The X-API-KEY is read from $${E.apiKey}, never written here. The body after --data-raw is sent`,
    `# byte for byte: it is signed, so do not reformat it.`,
  );
  return curlCommand(comment, input, [
    // The X-API-KEY comes from the shell's environment, so this header is double-quoted, not single.
    `  --header "${PARTNER_HEADER_API_KEY}: \${${E.apiKey}:?set ${E.apiKey} to your X-API-KEY}"`,
    curlHeader(valueHeader(input), input.freshness.value),
    curlHeader(PARTNER_HEADER_SIGNATURE, input.signature),
  ]);
}

export function partnerNodeSnippet(input: PartnerSnippetInput): string {
  const nonce = input.freshness.kind === 'nonce';
  return `// Signs and sends one Qredo Partner API request with Node 18+ and no dependencies.
// Run:  ${E.apiKey}='<your X-API-KEY>' ${E.privateKeyFile}=private.pem node partner-request.mjs
// (or put the PEM itself in ${E.privateKey}). PKCS#1 and PKCS#8 keys both work here.
// Neither the key nor the X-API-KEY is written here. ${reproduceLine(input)}
import { randomUUID, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';

const METHOD = ${literal(input.method)};
const URL = ${literal(input.url)};
const BODY = ${input.body === null ? 'null' : literal(input.body)};

const apiKey = process.env.${E.apiKey}?.trim();
if (!apiKey) throw new Error('Set ${E.apiKey} to your X-API-KEY.');
const keyPem =
  process.env.${E.privateKey} ||
  (process.env.${E.privateKeyFile} && readFileSync(process.env.${E.privateKeyFile}, 'utf8'));
if (!keyPem) throw new Error('Set ${E.privateKeyFile} to your private key file (or ${E.privateKey} to its PEM).');
${
  nonce
    ? `// A nonce instead of a timestamp: unique per request (a server refuses one it has seen).
const value = process.env.${E.nonce} || randomUUID();`
    : `// Unix seconds, taken when sending: a server accepts about ±${PARTNER_WINDOW_SECONDS} s.
const value = process.env.${E.timestamp} || String(Math.floor(Date.now() / 1000));`
}
const body = BODY === null ? Buffer.alloc(0) : Buffer.from(BODY, 'utf8');
// value + full URL + body, no method and no separators; RSA PKCS#1 v1.5 over SHA-256.
const payload = Buffer.concat([Buffer.from(value + URL, 'utf8'), body]);
const signature = sign('RSA-SHA256', payload, keyPem).toString('base64url');
console.error('${PARTNER_HEADER_SIGNATURE}: ' + signature);

${nodeSendTail(input, [
  { name: PARTNER_HEADER_API_KEY, variable: 'apiKey' },
  { name: valueHeader(input), variable: 'value' },
  { name: PARTNER_HEADER_SIGNATURE, variable: 'signature' },
])}`;
}

export function partnerPythonSnippet(input: PartnerSnippetInput): string {
  const nonce = input.freshness.kind === 'nonce';
  return `#!/usr/bin/env python3
"""Signs and sends one Qredo Partner API request.

Needs the \`cryptography\` package (pip install cryptography; Debian: apt install python3-cryptography).
Run:  ${E.apiKey}='<your X-API-KEY>' ${E.privateKeyFile}=private.pem python3 partner_request.py
(or put the PEM itself in ${E.privateKey}). PKCS#1 and PKCS#8 keys both work here.
Neither the key nor the X-API-KEY is written here. ${reproduceLine(input)}
"""
import base64
import os
import sys
import time
import urllib.error
import urllib.request
import uuid

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

METHOD = ${literal(input.method)}
URL = ${literal(input.url)}
BODY = ${input.body === null ? 'None' : literal(input.body)}

api_key = os.environ.get("${E.apiKey}", "").strip()
if not api_key:
    sys.exit("Set ${E.apiKey} to your X-API-KEY.")
pem = os.environ.get("${E.privateKey}", "").encode("ascii")
if not pem:
    path = os.environ.get("${E.privateKeyFile}")
    if not path:
        sys.exit("Set ${E.privateKeyFile} to your private key file (or ${E.privateKey} to its PEM).")
    with open(path, "rb") as f:
        pem = f.read()
key = serialization.load_pem_private_key(pem[pem.index(b"-----BEGIN"):], password=None)

${
  nonce
    ? `# A nonce instead of a timestamp: unique per request (a server refuses one it has seen).
value = os.environ.get("${E.nonce}") or uuid.uuid4().hex`
    : `# Unix seconds, taken when sending: a server accepts about +-${PARTNER_WINDOW_SECONDS} s.
value = os.environ.get("${E.timestamp}") or str(int(time.time()))`
}
body = BODY.encode("utf-8") if BODY is not None else b""
# value + full URL + body, no method and no separators; RSA PKCS#1 v1.5 over SHA-256.
payload = (value + URL).encode("utf-8") + body
raw = key.sign(payload, padding.PKCS1v15(), hashes.SHA256())
signature = base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")
print("${PARTNER_HEADER_SIGNATURE}: " + signature, file=sys.stderr)

${pythonSendTail(input, [
  { name: PARTNER_HEADER_API_KEY, variable: 'api_key' },
  { name: valueHeader(input), variable: 'value' },
  { name: PARTNER_HEADER_SIGNATURE, variable: 'signature' },
])}`;
}

/** The Go imports, sorted as gofmt keeps them: a nonce needs hex, a timestamp strconv and time. */
function goImports(nonce: boolean): string {
  const common = ['bytes', 'crypto', 'crypto/rand', 'crypto/rsa', 'crypto/sha256', 'crypto/x509', 'encoding/base64'];
  const rest = ['encoding/pem', 'fmt', 'io', 'net/http', 'os', 'strings'];
  const all = [...common, ...(nonce ? ['encoding/hex'] : ['strconv', 'time']), ...rest].sort();
  return all.map((name) => `\t"${name}"`).join('\n');
}

export function partnerGoSnippet(input: PartnerSnippetInput): string {
  const nonce = input.freshness.kind === 'nonce';
  return `// Signs and sends one Qredo Partner API request with the Go standard library (crypto/rsa).
// Run:  ${E.apiKey}='<your X-API-KEY>' ${E.privateKeyFile}=private.pem go run partner_request.go
// (or put the PEM itself in ${E.privateKey}). The key must be PKCS#1 ("BEGIN RSA PRIVATE KEY"), as for
// Qredo's own Go tools; convert a PKCS#8 key with: openssl rsa -in key.pem -traditional -out key-pkcs1.pem
// Neither the key nor the X-API-KEY is written here. ${reproduceLine(input)}
package main

import (
${goImports(nonce)}
)

const (
	method   = ${literal(input.method)}
	url      = ${literal(input.url)}
	hasBody  = ${input.body === null ? 'false' : 'true'}
	bodyText = ${literal(input.body ?? '')}
)

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, format+"\\n", args...)
	os.Exit(2)
}

func main() {
	apiKey := strings.TrimSpace(os.Getenv("${E.apiKey}"))
	if apiKey == "" {
		fail("Set ${E.apiKey} to your X-API-KEY.")
	}
	pemBytes := []byte(os.Getenv("${E.privateKey}"))
	if len(pemBytes) == 0 {
		path := os.Getenv("${E.privateKeyFile}")
		if path == "" {
			fail("Set ${E.privateKeyFile} to your private key file (or ${E.privateKey} to its PEM).")
		}
		var err error
		if pemBytes, err = os.ReadFile(path); err != nil {
			fail("%v", err)
		}
	}
	// pem.Decode skips any text before "-----BEGIN".
	block, _ := pem.Decode(pemBytes)
	if block == nil {
		fail("The private key is not a PEM.")
	}
	key, err := x509.ParsePKCS1PrivateKey(block.Bytes)
	if err != nil {
		fail("%v (convert a PKCS#8 key: openssl rsa -in key.pem -traditional -out key-pkcs1.pem)", err)
	}
${
  nonce
    ? `	// A nonce instead of a timestamp: unique per request (a server refuses one it has seen).
	value := os.Getenv("${E.nonce}")
	if value == "" {
		random := make([]byte, 16)
		if _, err := rand.Read(random); err != nil {
			panic(err)
		}
		value = hex.EncodeToString(random)
	}`
    : `	// Unix seconds, taken when sending: a server accepts about +-${PARTNER_WINDOW_SECONDS} s.
	value := os.Getenv("${E.timestamp}")
	if value == "" {
		value = strconv.FormatInt(time.Now().Unix(), 10)
	}`
}
	// value + full URL + body, no method and no separators; RSA PKCS#1 v1.5 over SHA-256.
	digest := sha256.Sum256([]byte(value + url + bodyText))
	raw, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, digest[:])
	if err != nil {
		panic(err)
	}
	signature := base64.RawURLEncoding.EncodeToString(raw)
	fmt.Fprintln(os.Stderr, "${PARTNER_HEADER_SIGNATURE}: "+signature)

${goSendTail(input, [
  { name: PARTNER_HEADER_API_KEY, variable: 'apiKey' },
  { name: valueHeader(input), variable: 'value' },
  { name: PARTNER_HEADER_SIGNATURE, variable: 'signature' },
])}`;
}

export function partnerSnippetFor(language: SnippetLanguage, input: PartnerSnippetInput): string {
  switch (language) {
    case 'curl':
      return partnerCurlSnippet(input);
    case 'python':
      return partnerPythonSnippet(input);
    case 'node':
      return partnerNodeSnippet(input);
    case 'go':
      return partnerGoSnippet(input);
  }
}

export function allPartnerSnippets(input: PartnerSnippetInput): Record<SnippetLanguage, string> {
  return {
    curl: partnerCurlSnippet(input),
    python: partnerPythonSnippet(input),
    node: partnerNodeSnippet(input),
    go: partnerGoSnippet(input),
  };
}
