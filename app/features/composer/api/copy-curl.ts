/**
 * "Copy as cURL" beside Send: signs the draft now (the server holds the secret) and puts the command
 * on the clipboard. A mutation, never retried: each copy is a fresh signature.
 */
import { useMutation } from '@tanstack/react-query';
import type { RequestDraft } from '../../../../core/contract.ts';
import { api } from '../../../lib/api-client.ts';
import { onDemand } from '../../../lib/deferred.ts';

// The cURL and snippet printers are not part of the first screen.
const curlCommand = onDemand(() => import('../../../lib/curl-command.ts'));

async function signAndCopy({ draft, confirm }: { draft: RequestDraft; confirm: boolean }) {
  const [signed, { draftCurl }] = await Promise.all([
    api.sign(confirm ? { ...draft, confirm: true } : draft),
    curlCommand(),
  ]);
  const command = draftCurl(signed, draft);
  await navigator.clipboard.writeText(command);
  return { signed, command };
}

export function useCopyDraftCurl() {
  return useMutation({ mutationKey: ['copy-curl'], mutationFn: signAndCopy, retry: false });
}
