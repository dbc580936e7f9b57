/** What a snippet or a copied cURL command is made from: a signature preview or a history entry. No React. */
import type { RelayResult, RequestDraft, SignResponse } from '../../core/contract.ts';
import type { SnippetInput } from '../../core/snippets/index.ts';

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
