/** What a snippet or a copied cURL command is made from: a signature preview or a history entry. No React. */
import type { RelayResult, RequestDraft, SignResponse, StringToSignView } from '../../core/contract.ts';
import type { SnippetInput, SnippetLanguage } from '../../core/snippets/index.ts';
import { snippetFor } from '../../core/snippets/index.ts';
import { partnerSnippetFor, type PartnerSnippetInput } from '../../core/snippets/partner.ts';

export function snippetInputFromEntry(entry: RelayResult): SnippetInput {
  return {
    url: entry.request.url,
    method: entry.request.method,
    body: entry.request.body,
    keyId: entry.keyId,
    timestamp: entry.timestamp,
    signature: entry.signature,
    headers: entry.request.extraHeaders ?? [],
  };
}

/** The preview's signature, with the body and added headers of the draft it signed. */
export function snippetInputFromPreview(
  signed: SignResponse,
  draft: Pick<RequestDraft, 'body' | 'headers'>,
): SnippetInput {
  return {
    url: signed.url,
    method: signed.method,
    body: draft.body,
    keyId: signed.keyId,
    timestamp: signed.timestamp,
    signature: signed.signature,
    headers: draft.headers ?? [],
  };
}

/** Which value starts a Partner API payload: its first segment, x-timestamp or x-nonce. */
function freshnessOf(stringToSign: StringToSignView, fallback: string): PartnerSnippetInput['freshness'] {
  const first = stringToSign.segments[0];
  return first?.name === 'nonce'
    ? { kind: 'nonce', value: first.text }
    : { kind: 'timestamp', value: first?.text ?? fallback };
}

/** A snippet's input in the scheme that signed it: v1 HMAC, or the Partner API's RSA (no key id: the X-API-KEY is read at run time). */
export type SchemeSnippetInput =
  { scheme: 'v1'; input: SnippetInput } | { scheme: 'partner'; input: PartnerSnippetInput };

export function schemeSnippetFromEntry(entry: RelayResult): SchemeSnippetInput {
  if (entry.scheme !== 'partner') return { scheme: 'v1', input: snippetInputFromEntry(entry) };
  return {
    scheme: 'partner',
    input: {
      url: entry.request.url,
      method: entry.request.method,
      body: entry.request.body,
      freshness: freshnessOf(entry.stringToSign, entry.timestamp),
      signature: entry.signature,
      headers: entry.request.extraHeaders ?? [],
    },
  };
}

export function schemeSnippetFromPreview(
  signed: SignResponse,
  draft: Pick<RequestDraft, 'body' | 'headers'>,
): SchemeSnippetInput {
  if (signed.scheme !== 'partner') return { scheme: 'v1', input: snippetInputFromPreview(signed, draft) };
  return {
    scheme: 'partner',
    input: {
      url: signed.url,
      method: signed.method,
      body: draft.body,
      freshness: freshnessOf(signed.stringToSign, signed.timestamp),
      signature: signed.signature,
      headers: draft.headers ?? [],
    },
  };
}

/** The snippet in a language, written for the scheme that signed the request. */
export function schemeSnippetCode(language: SnippetLanguage, s: SchemeSnippetInput): string {
  return s.scheme === 'partner' ? partnerSnippetFor(language, s.input) : snippetFor(language, s.input);
}
