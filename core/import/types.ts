/** A request read from a pasted cURL command or raw HTTP text. */
export interface ImportedHeader {
  name: string;
  value: string;
}

export interface ImportedRequest {
  method: string;
  url: string;
  headers: ImportedHeader[];
  /** The body text exactly as given, or null for none. */
  body: string | null;
  /** Things the parser ignored or assumed, for the person to see (never errors). */
  notes: string[];
}

/** The only error the import parsers throw: a message a person can act on. */
export class ImportError extends Error {
  override readonly name = 'ImportError';
}

/** The first header with this name (case-insensitive), or undefined. */
export function headerValue(request: Pick<ImportedRequest, 'headers'>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return request.headers.find((h) => h.name.toLowerCase() === lower)?.value;
}
