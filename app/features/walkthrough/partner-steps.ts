/**
 * The Partner API's pipeline as the walkthrough shows it: the server's PartnerWalkthroughResponse
 * (every intermediate value, on the vectors' public test key for the mock) laid out as steps, each
 * with the server's explanation and pitfalls. No React.
 */
import type { PartnerWalkthroughResponse } from '../../../core/contract.ts';
import type { Step, StepValue } from './steps.ts';

/** Long hex (a 2048-bit modulus, the encoded message) shown whole would bury the step: first and last bytes. */
function cut(hex: string, keep = 48): string {
  return hex.length <= keep * 2 + 8 ? hex : `${hex.slice(0, keep)}…${hex.slice(-keep)}`;
}

function grouped(hex: string): string {
  return (hex.match(/.{1,2}/g) ?? []).join(' ');
}

export function partnerWalkthroughSteps(w: PartnerWalkthroughResponse): Step[] {
  const byId = new Map(w.steps.map((s) => [s.id, s]));
  const valuesFor: Record<PartnerWalkthroughResponse['steps'][number]['id'], StepValue[]> = {
    key: [
      { label: 'Key', value: `${w.key.bits}-bit RSA`, note: w.partnerKey ?? w.keyId },
      { label: 'Public key (SPKI)', value: w.key.publicKeyPem.trim() },
      { label: 'Modulus n', value: cut(w.key.modulusHex), note: `${w.key.modulusHex.length / 2} bytes` },
      { label: 'Exponent e', value: w.key.publicExponentHex },
      w.key.privateKeyPemBytes
        ? {
            label: 'Private key (PKCS#1)',
            value: new TextDecoder().decode(new Uint8Array(w.key.privateKeyPemBytes)).trim(),
            note: 'the public test key: guards nothing',
          }
        : { label: 'Private key', value: w.key.reason ?? 'not shown', note: 'stays on the server' },
    ],
    payload: [
      ...w.payload.segments.map((s) => ({
        label:
          s.name === 'nonce'
            ? 'x-nonce value'
            : s.name === 'timestamp'
              ? 'x-timestamp value'
              : s.name === 'url'
                ? 'URL'
                : 'Body',
        value: s.text === '' ? '(empty)' : s.text,
        note: `bytes ${s.offset}–${s.offset + s.length}`,
      })),
      {
        label: 'Payload (hex)',
        value: grouped(w.payload.hex),
        note: `${w.payload.byteLength} bytes${w.payload.hexTruncated ? ', cut' : ''}`,
      },
    ],
    sha256: [{ label: 'SHA-256', value: w.sha256Hex, note: '32 bytes' }],
    pkcs1: [
      { label: 'DigestInfo', value: w.digestInfoHex, note: 'SHA-256 OID + hash' },
      { label: 'Encoded message', value: cut(w.encodedMessageHex), note: '00 01 FF…FF 00 DigestInfo' },
      { label: 'Signature (hex)', value: cut(w.signatureHex), note: `${w.signatureHex.length / 2} bytes` },
    ],
    base64url: [
      { label: 'x-sign', value: w.signature, note: `${w.signature.length} characters` },
      { label: 'Padded (wrong)', value: w.contrasts.padded },
      { label: 'Standard base64 (wrong)', value: w.contrasts.standardBase64 },
      { label: 'Method signed (wrong)', value: w.contrasts.methodInPayload },
    ],
    headers: w.headers.map((h) => ({ label: h.name, value: h.value })),
  };
  return w.steps.map((s, i) => ({
    n: i + 1,
    id: s.id,
    title: byId.get(s.id)?.title ?? s.title,
    explain: s.explanation,
    values: valuesFor[s.id],
    pitfalls: s.pitfalls,
  }));
}
