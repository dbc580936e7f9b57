/**
 * The workbench keeps no secret: variables, saved requests and the drafts of open tabs are refused
 * when any of their strings equals or contains a configured secret in one of the forms the server's
 * Redactor knows (server/security/redact.ts). The value itself is never repeated in the message.
 */
import { WorkbenchError } from './errors.ts';

export type SecretTest = (text: string) => boolean;

/** The path ("tabs.0.draft.body") of the first string in `value`, object keys included, that holds a secret; null when none does. */
export function findSecret(value: unknown, isSecret: SecretTest): string | null {
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value: v, path } = next;
    if (typeof v === 'string') {
      if (isSecret(v)) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: path ? `${path}.${i}` : String(i) });
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      // Last first, so that the first entry is popped (and looked into) first.
      for (const [key, inner] of entries.reverse()) {
        const at = path ? `${path}.${key}` : key;
        if (isSecret(key)) return at;
        stack.push({ value: inner, path: at });
      }
    }
  }
  return null;
}

/** Throws a 'secret-refused' WorkbenchError naming `what` (and where in it) when `value` holds a secret. */
export function refuseSecrets(value: unknown, isSecret: SecretTest, what: string): void {
  const at = findSecret(value, isSecret);
  if (at === null) return;
  throw new WorkbenchError(
    'secret-refused',
    `${what}${at ? ` (at ${at})` : ''} contains a configured secret, or one of its forms. Variables, saved requests and open tabs are not for secrets: the playground signs with the secret it keeps on the server, so leave it out.`,
  );
}
