/**
 * What a thrown value says about itself, for logs and 500 responses: its `message` (or `stack`), or
 * the value itself as text when it has none. Anything can be thrown, an Error or not.
 */
export function errorText(error: unknown, part: 'message' | 'stack' = 'message'): string {
  const own =
    (typeof error === 'object' || typeof error === 'function') && error !== null
      ? (error as Partial<Record<typeof part, unknown>>)[part]
      : undefined;
  return String(own ?? error);
}
