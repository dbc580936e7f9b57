/**
 * The composer's values as a tab's draft (core/contract.ts WorkspaceDraft) and back: what the open
 * tabs keep on the server so that they survive a reload. The values hold no secret (the key is a
 * demo key's name or the environment's configured one), so neither does a draft.
 */
import type { WorkspaceDraft } from '../../../core/contract.ts';
import { DEMO_KEYS } from '../../../core/constants.ts';
import { defaultComposerValues, matchOperation, OTHER_METHOD, STANDARD_METHODS, type ComposerValues } from './form.ts';

export function workspaceDraftFromValues(values: ComposerValues): WorkspaceDraft {
  return {
    environment: values.environment,
    demoKey: values.demoKey,
    operationId: values.operationId,
    method: values.method,
    customMethod: values.customMethod,
    path: values.path,
    params: { ...values.params },
    body: values.body,
    bodyAside: values.bodyAside,
    headers: values.headers.map(({ name, value }) => ({ name, value })),
    timing: { ...values.timing },
    // The API, and for the Partner API its demo partner and (when it signs one) the nonce as typed.
    ...(values.scheme === 'partner'
      ? {
          scheme: 'partner' as const,
          partnerKey: values.partnerKey,
          ...(values.freshness === 'nonce' ? { nonce: values.nonce } : {}),
        }
      : {}),
  };
}

/**
 * The composer's values for a draft. A draft that does not name its operation (one made from a saved
 * or imported request) gets the catalogue operation its method and path match, if any.
 */
export function valuesFromWorkspaceDraft(draft: WorkspaceDraft): ComposerValues {
  const defaults = defaultComposerValues();
  const standard = (STANDARD_METHODS as readonly string[]).includes(draft.method) || draft.method === OTHER_METHOD;
  const method = standard ? draft.method : OTHER_METHOD;
  const customMethod = standard ? (draft.customMethod ?? '') : draft.method;
  let operationId = draft.operationId;
  let params = draft.params;
  if (operationId === undefined) {
    const match = matchOperation(method === OTHER_METHOD ? customMethod : method, draft.path, draft.scheme ?? 'v1');
    operationId = match?.operation.id ?? '';
    params = params ?? match?.params;
  }
  return {
    environment: draft.environment,
    demoKey:
      draft.demoKey && (DEMO_KEYS as readonly string[]).includes(draft.demoKey) ? draft.demoKey : defaults.demoKey,
    operationId,
    method,
    customMethod,
    path: draft.path,
    params: { ...(params ?? {}) },
    body: draft.body,
    bodyAside: draft.bodyAside ?? '',
    headers: draft.headers.map(({ name, value }) => ({ name, value })),
    timing: draft.timing ? { ...draft.timing } : defaults.timing,
    scheme: draft.scheme ?? 'v1',
    partnerKey: draft.partnerKey ?? defaults.partnerKey,
    freshness: draft.nonce === undefined ? 'timestamp' : 'nonce',
    nonce: draft.nonce ?? '',
  };
}
