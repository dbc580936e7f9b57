/**
 * The query-key hash of signature previews (key ['sign', draft]). TanStack's default hash is the
 * key's JSON: for a 100 KB body that is a new 100 KB string to build and hash several times per
 * keystroke. Here the body is replaced by a number given to each distinct body text, remembered for
 * the last few bodies: exact (bodies are told apart by their whole text, as a Map does), and a body
 * seen again is found by the string the editor already holds.
 */
import type { RequestDraft } from '../../core/contract.ts';

const REMEMBERED = 64;
const bodyIds = new Map<string, number>();
let nextId = 0;

function bodyId(body: string): number {
  let id = bodyIds.get(body);
  if (id === undefined) {
    id = nextId++;
    bodyIds.set(body, id);
    if (bodyIds.size > REMEMBERED) bodyIds.delete(bodyIds.keys().next().value!);
  }
  return id;
}

export function signQueryKeyHash(queryKey: readonly unknown[]): string {
  const [name, draft] = queryKey as [string, RequestDraft | undefined];
  if (typeof draft !== 'object' || draft === null) return JSON.stringify(queryKey);
  const { body, ...rest } = draft;
  const fields = Object.keys(rest)
    .sort()
    .map((k) => [k, rest[k as keyof typeof rest]]);
  return JSON.stringify([name, fields, body === null ? null : bodyId(body)]);
}
