/** What the snippets are made from: the last signature preview or the selected history entry. No React. */
import type { RelayResult, SignResponse } from '../../../core/contract.ts';
import type { SnippetInput } from '../../../core/snippets/index.ts';

export function snippetInputFromEntry(entry: RelayResult): SnippetInput {
  return {
    url: entry.request.url,
    method: entry.request.method,
    body: entry.request.body,
    keyId: entry.keyId,
    timestamp: entry.timestamp,
    signature: entry.signature,
  };
}

export function snippetInputFromPreview(signed: SignResponse, body: string | null): SnippetInput {
  return {
    url: signed.url,
    method: signed.method,
    body,
    keyId: signed.keyId,
    timestamp: signed.timestamp,
    signature: signed.signature,
  };
}

export const SNIPPET_TAB_LABEL = { curl: 'cURL', python: 'Python', node: 'Node', go: 'Go' } as const;
