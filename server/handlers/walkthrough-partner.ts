/**
 * The Partner API half of POST /api/walkthrough (server/handlers/walkthrough.ts dispatches by scheme):
 * every intermediate value of RSA-signing a draft, for teaching. On the mock it uses the vectors'
 * public test key unless the draft names another demo partner; that test key is the only one whose
 * private half is ever shown (it guards nothing, and the vectors publish it). The X-API-KEY is never shown.
 */
import { constants, createHash, createPrivateKey, createPublicKey, publicDecrypt } from 'node:crypto';
import {
  PARTNER_WALKTHROUGH_HEX_BYTES,
  type PartnerWalkthroughResponse,
  type PartnerWalkthroughStep,
  type RequestDraft,
} from '../../core/contract.ts';
import {
  PARTNER_BASE_PATH,
  PARTNER_HEADER_API_KEY,
  PARTNER_HEADER_NONCE,
  PARTNER_HEADER_SIGNATURE,
  PARTNER_HEADER_TIMESTAMP,
  PARTNER_WINDOW_SECONDS,
  buildPartnerPayload,
  partnerValueHeader,
} from '../../core/partner/index.ts';
import { base64standard, base64url, toHex } from '../../core/signing/index.ts';
import { findPartnerDemoKey } from '../mock/partner/keys.ts';
import type { Services } from '../services.ts';
import { partnerKeyFor, segmentsView, signDraft } from '../signer.ts';

/** The demo partner whose private key may be shown: the vectors' public test key. */
export const SHOWN_PRIVATE_KEY_PARTNER = 'partner-test-key';

/** What stands in the headers for the X-API-KEY, which is a secret. */
export const API_KEY_PLACEHOLDER = '<your X-API-KEY: not shown>';

/** DER prefix of a SHA-256 DigestInfo (RFC 8017 §9.2, note 1). */
const SHA256_DIGEST_INFO_HEX = '3031300d060960864801650304020105000420';

const hexOfBase64url = (text: string) => Buffer.from(text, 'base64url').toString('hex');

function steps(freshnessHeader: string): PartnerWalkthroughStep[] {
  return [
    {
      id: 'key',
      title: 'The key pair',
      explanation:
        'An RSA key pair of at least 2048 bits. The private key signs, on your side; the public key (SPKI, "BEGIN PUBLIC KEY") is uploaded in the Qredo web app, Settings, Partner API tab, beside the X-API-KEY it gives.',
      pitfalls: [
        'OpenSSL 3 genrsa writes PKCS#8 ("BEGIN PRIVATE KEY"); Qredo\'s Go tools read only PKCS#1: openssl genrsa -traditional, or convert with openssl rsa -in k8.pem -traditional -out k1.pem. Both forms sign the same.',
        'The public key, or a PEM base64-encoded once more, used as the private key.',
        'A key pair generated again after the public key was uploaded: nothing signed with the new one verifies.',
      ],
    },
    {
      id: 'payload',
      title: 'The payload: value + URL + body',
      explanation: `The ${freshnessHeader} value exactly as sent, then the full URL (scheme, host, ${PARTNER_BASE_PATH}, path, query), then the body's bytes, with nothing between them. No HTTP method.`,
      pitfalls: [
        'The method put in out of the Qredo API v1 habit: 401 errPartnerAuth, reason "signature".',
        `${PARTNER_HEADER_TIMESTAMP} and ${PARTNER_HEADER_NONCE} both sent; a nonce used twice; a timestamp in milliseconds, or made more than ±${PARTNER_WINDOW_SECONDS} s before sending.`,
        'The base /qapi/v1/p from a typo in the docs (404); one host signed and another called; a "//" from a base ending in "/".',
        'The query left out, reordered, or re-encoded (%20 versus +, URLSearchParams, new URL()).',
        'The body written again after signing: pretty versus compact, key order, \\u escapes, CRLF, a final newline (axios trims it), {} sent for a POST without a body.',
      ],
    },
    {
      id: 'sha256',
      title: 'SHA-256 of the payload',
      explanation: 'The payload bytes (UTF-8) are hashed with SHA-256: 32 bytes.',
      pitfalls: ['Hashing the text in another encoding than UTF-8, or hashing the body alone.'],
    },
    {
      id: 'pkcs1',
      title: 'RSASSA-PKCS1-v1_5 signature',
      explanation:
        'The hash, wrapped in its DigestInfo and padded as 00 01 FF…FF 00 DigestInfo to the modulus length, is raised to the private exponent: as many bytes as the modulus (256 for 2048 bits). PKCS#1 v1.5 is deterministic: the same payload and key give the same signature.',
      pitfalls: [
        'RSA-PSS instead of PKCS#1 v1.5 (a different signature every time, which the server refuses).',
        'Signing the hex text of the hash instead of the payload with RSA-SHA256 (Node: crypto.sign("RSA-SHA256", payload, key)).',
      ],
    },
    {
      id: 'base64url',
      title: 'Unpadded base64url',
      explanation:
        'The signature bytes in the URL-safe alphabet (A-Z a-z 0-9 - _) without "=": 342 characters for 2048 bits.',
      pitfalls: [
        'toString("base64") or btoa: "+", "/" and "=" (344 characters), refused.',
        'Padding kept after a manual +/ rewrite; Go base64.URLEncoding instead of RawURLEncoding.',
      ],
    },
    {
      id: 'headers',
      title: 'The headers',
      explanation: `${PARTNER_HEADER_API_KEY} (which partner; not signed), ${freshnessHeader} (the value the payload starts with) and ${PARTNER_HEADER_SIGNATURE}. Names are case-insensitive.`,
      pitfalls: [
        'The X-API-KEY pasted with a newline, or decoded and encoded again.',
        'A browser WebSocket cannot carry these headers: feeds are opened by a backend, signed over the wss:// URL.',
      ],
    },
  ];
}

export async function partnerWalkthrough(services: Services, draft: RequestDraft): Promise<PartnerWalkthroughResponse> {
  const partnerKey = draft.environment === 'mock' ? (draft.partnerKey ?? SHOWN_PRIVATE_KEY_PARTNER) : null;
  const withKey: RequestDraft = { ...draft, ...(partnerKey ? { partnerKey } : {}) };
  const signed = await signDraft(services, withKey);
  const key = partnerKeyFor(services, draft.environment, partnerKey ?? undefined);
  const publicKey = createPublicKey(key.publicKeyPem);
  const jwk = publicKey.export({ format: 'jwk' });
  const payload = signed.stringToSign;
  const sha256 = createHash('sha256').update(payload.bytes).digest('hex');
  const signatureBytes = Buffer.from(signed.signature, 'base64url');
  const encodedMessage = publicDecrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, signatureBytes);
  const withMethod = buildPartnerPayload({
    kind: signed.freshness,
    value: signed.timestamp + signed.method,
    url: signed.url,
    body: signed.body,
  });
  const methodSignature = base64url(await key.signer(withMethod.bytes));
  const shown = partnerKey === SHOWN_PRIVATE_KEY_PARTNER;
  const header = partnerValueHeader(signed.freshness);
  return {
    scheme: 'partner',
    environment: signed.environment,
    keyId: signed.keyId,
    partnerKey,
    key: {
      publicKeyPem: key.publicKeyPem,
      bits: key.modulusBytes * 8,
      modulusHex: hexOfBase64url(jwk.n ?? ''),
      publicExponentHex: hexOfBase64url(jwk.e ?? ''),
      privateKeyPemBytes: shown
        ? Array.from(
            Buffer.from(
              createPrivateKey(findPartnerDemoKey(SHOWN_PRIVATE_KEY_PARTNER).privateKeyPem)
                .export({ type: 'pkcs1', format: 'pem' })
                .toString(),
              'utf8',
            ),
          )
        : null,
      reason: shown
        ? null
        : `Only the vectors' public test key (${SHOWN_PRIVATE_KEY_PARTNER}, a demo partner of the mock) has its private key shown; this one's stays on the server. Choose that demo partner to see it.`,
    },
    method: signed.method,
    url: signed.url,
    freshness: { header, value: signed.timestamp },
    body: signed.body,
    payload: {
      ...segmentsView(payload),
      hex: toHex(payload.bytes.subarray(0, PARTNER_WALKTHROUGH_HEX_BYTES)),
      hexTruncated: payload.bytes.length > PARTNER_WALKTHROUGH_HEX_BYTES,
    },
    sha256Hex: sha256,
    digestInfoHex: SHA256_DIGEST_INFO_HEX + sha256,
    encodedMessageHex: encodedMessage.toString('hex'),
    signatureHex: signatureBytes.toString('hex'),
    signature: signed.signature,
    headers: signed.headers.map(([name, value]) => ({
      name,
      value: name === PARTNER_HEADER_API_KEY ? API_KEY_PLACEHOLDER : value,
    })),
    steps: steps(header),
    contrasts: {
      methodInPayload: methodSignature,
      padded: base64standard(signatureBytes).replace(/\+/g, '-').replace(/\//g, '_'),
      standardBase64: base64standard(signatureBytes),
    },
  };
}
