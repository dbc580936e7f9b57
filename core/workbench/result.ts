/**
 * What every workbench importer returns: the collection, what was left out and why, and notes on what
 * was assumed. Only a file that cannot be read at all is an error (ImportError from core/import).
 *
 * Public API: WorkbenchImport, Dropped, ImportOptions, CREDENTIAL_NAME, containsSecret().
 */
import type { Collection } from './collection.ts';
import type { EnvironmentBases } from './url-mapping.ts';

export interface Dropped {
  /** What was left out, naming the request or variable ("header qredo-api-sig of request \"Balance\""). */
  what: string;
  why: string;
}

export interface WorkbenchImport {
  collection: Collection;
  dropped: Dropped[];
  notes: string[];
}

export interface ImportOptions {
  /** The environments' base URLs (the mock's port is configuration). */
  bases: EnvironmentBases;
  /** The Partner API's base URLs: a URL under one of them is imported as a Partner API request. */
  partnerBases?: EnvironmentBases;
  /** The collection's name when the file does not give one. */
  name?: string;
  /**
   * Every form of every configured secret: a variable whose value contains one is dropped, since
   * variables are not for secrets. Empty strings are ignored.
   */
  secrets?: readonly string[];
}

/**
 * Variable names that say they hold a credential (token, secret, password, api key, signature...): such
 * a variable is not imported, since variables are not for secrets.
 */
export const CREDENTIAL_NAME =
  /(token|secret|passw(or)?d|passwd|api[-_.]?key|apikey|private|credential|signature|^sig$|bearer|auth)/i;

export function containsSecret(value: string, secrets: readonly string[] | undefined): boolean {
  return (secrets ?? []).some((s) => s !== '' && value.includes(s));
}
