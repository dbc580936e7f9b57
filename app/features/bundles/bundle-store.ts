/** The bundle imported from a file or by drag and drop (a link's bundle lives in the URL instead). */
import { createPageStore } from '../../lib/page-store.ts';
import type { Bundle } from '../../../core/bundle/index.ts';

export type Imported = { bundle: Bundle; source: string } | { error: string; source: string } | null;

const store = createPageStore<Imported>(null);

export function setImported(next: Imported): void {
  store.set(next);
}

export function useImported(): Imported {
  return store.use();
}

/** Largest file read at all (the parser limits the text again). */
export const MAX_FILE_BYTES = 12 * 1024 * 1024;

/** Reads a file as a bundle (text only, never evaluated) and stores the result or the reason it failed. */
export async function importFile(file: File): Promise<Imported> {
  let result: Imported;
  if (file.size > MAX_FILE_BYTES) {
    result = {
      error: `${file.name} is ${file.size} bytes; a bundle file may be at most ${MAX_FILE_BYTES}.`,
      source: file.name,
    };
  } else {
    // The parser validates with the contract's zod schemas: loaded when a bundle is first opened.
    const [{ parseBundle }, text] = await Promise.all([import('../../../core/bundle/index.ts'), file.text()]);
    const parsed = parseBundle(text);
    result = parsed.ok ? { bundle: parsed.bundle, source: file.name } : { error: parsed.error, source: file.name };
  }
  setImported(result);
  return result;
}
