/**
 * A test file's `let p: TestPlayground` is typed as always set, but an after hook can run before any
 * test set it (the first test failed to start it, or none of the tests that ran starts one). Read it
 * there through this, which says so: `await ifAssigned(p)?.close()`.
 */
export function ifAssigned<T>(value: T): T | undefined {
  return value;
}
