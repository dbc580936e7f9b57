/**
 * The playground's own collection file: saved requests in folders, collection variables and capture
 * rules, as a versioned JSON document. It is data: parsing is size-limited and validated, and
 * nothing in it is evaluated.
 *
 *   { "format": "qredo-playground-collection", "version": 1, "name": "...",
 *     "variables": [{ "name": "tx_id", "value": "..." }],
 *     "items": [ { "type": "folder", "name": "...", "items": [...] },
 *                { "type": "request", "name": "...", "method": "GET", "path": "/balance",
 *                  "headers": [], "body": null, "environment": "mock",
 *                  "scheme"?: "partner", "demoKey"?: "full", "partnerKey"?: "partner-northwind",
 *                  "timestampUnit"?: "seconds", "freshness"?: "nonce",
 *                  "captures": [{ "variable": "tx_id", "from": "body", "path": "$.txID" }] } ] }
 *
 * `path` is relative to the environment's base URL, query included, as the exact text (it may hold
 * {{variables}}); `headers` are the extra request headers in order; `body` is the exact text or null;
 * `environment` is null for a request imported from outside every environment's base.
 *
 * Public API:
 *   Collection, CollectionItem, SavedRequest, Folder (zod schemas and their types)
 *   ItemName, Variable, Variables, VariableName, Header, CaptureRule (the parts, for the wire contract)
 *   parseCollection(text): Collection              throws ImportError naming the JSON pointer
 *   printCollection(collection): string             deterministic, 2-space JSON and a final newline
 *   savedRequests(collection): Array<{ request, folders }>   every request in document order
 *   emptyCollection(name): Collection
 *   the limits MAX_COLLECTION_CHARS, MAX_COLLECTION_REQUESTS, MAX_FOLDER_DEPTH, MAX_VARIABLES...
 */
import { itemAt, lastItem } from '../checked.ts';
import { z } from '../zod.ts';
import { DemoKey, Environment, HttpMethod, PartnerDemoKey, Scheme, TimestampUnit } from '../contract-base.ts';
import { ImportError } from '../import/types.ts';
import { parseJsonPath } from './captures.ts';
import { headerNameProblem, headerValueProblem } from '../headers.ts';
import { VARIABLE_NAME_PATTERN, VARIABLE_NAME_RULE } from './variables.ts';

export { VARIABLE_NAME_PATTERN, VARIABLE_NAME_RULE } from './variables.ts';

export const COLLECTION_FORMAT = 'qredo-playground-collection';
export const COLLECTION_VERSION = 1;
/** Largest file any workbench importer reads, in characters. */
export const MAX_COLLECTION_CHARS = 5 * 1024 * 1024;
export const MAX_COLLECTION_REQUESTS = 10_000;
/** Folders and requests together. */
export const MAX_COLLECTION_ITEMS = 20_000;
export const MAX_FOLDER_DEPTH = 32;
export const MAX_VARIABLES = 1000;
export const MAX_HEADERS = 200;
export const MAX_CAPTURES = 100;
export const MAX_NAME_LENGTH = 200;
export const MAX_PATH_LENGTH = 8192;
export const MAX_VARIABLE_VALUE_LENGTH = 65_536;

/** True when the text has a C0 control character (line breaks, tabs, NUL...) or DEL. */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** The name of a collection, a folder or a saved request. */
export const ItemName = z
  .string()
  .min(1, 'The name is empty.')
  .max(MAX_NAME_LENGTH, `The name is longer than ${MAX_NAME_LENGTH} characters.`)
  .refine((s) => !hasControlCharacter(s), 'The name may not contain line breaks, tabs or other control characters.');

export const VariableName = z.string().regex(VARIABLE_NAME_PATTERN, VARIABLE_NAME_RULE);

export const Variable = z
  .object({
    name: VariableName,
    value: z
      .string()
      .max(MAX_VARIABLE_VALUE_LENGTH, `The value is longer than ${MAX_VARIABLE_VALUE_LENGTH} characters.`),
  })
  .strict();
export type Variable = z.infer<typeof Variable>;

/** A list of variables (a collection's, an environment's): at most MAX_VARIABLES, each name once. */
export const Variables = z
  .array(Variable)
  .max(MAX_VARIABLES, `A collection or an environment has at most ${MAX_VARIABLES} variables.`)
  .superRefine((vars, ctx) => {
    const seen = new Set<string>();
    vars.forEach((v, i) => {
      if (seen.has(v.name))
        ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `The variable ${v.name} is defined twice.` });
      seen.add(v.name);
    });
  });

export const Header = z
  .object({
    name: z.string().superRefine((name, ctx) => {
      const problem = headerNameProblem(name);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    value: z.string().superRefine((value, ctx) => {
      const problem = headerValueProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  })
  .strict();
export type Header = z.infer<typeof Header>;

export const CaptureRule = z
  .object({
    variable: VariableName,
    from: z.literal('body'),
    path: z.string().superRefine((path, ctx) => {
      const parsed = parseJsonPath(path);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
    }),
  })
  .strict();
export type CaptureRule = z.infer<typeof CaptureRule>;

export const SavedRequest = z
  .object({
    type: z.literal('request'),
    name: ItemName,
    method: HttpMethod,
    path: z
      .string()
      .max(MAX_PATH_LENGTH, `The path is longer than ${MAX_PATH_LENGTH} characters.`)
      .refine(
        (s) => !hasControlCharacter(s),
        'The path may not contain line breaks, tabs or other control characters.',
      ),
    headers: z.array(Header).max(MAX_HEADERS, `A request has at most ${MAX_HEADERS} headers.`),
    body: z.string().nullable(),
    environment: Environment.nullable(),
    /** The API: absent for Qredo API v1, "partner" for the Partner API (signed with RSA). */
    scheme: Scheme.optional(),
    /** A v1 request on the mock: which demo key signs it. */
    demoKey: DemoKey.optional(),
    /** A Partner API request on the mock: which demo partner signs it. */
    partnerKey: PartnerDemoKey.optional(),
    /** A v1 request: the timestamp's unit. */
    timestampUnit: TimestampUnit.optional(),
    /** A Partner API request: "nonce" when it signs a fresh nonce instead of the timestamp. */
    freshness: z.enum(['timestamp', 'nonce']).optional(),
    captures: z.array(CaptureRule).max(MAX_CAPTURES, `A request has at most ${MAX_CAPTURES} capture rules.`),
  })
  .strict();
export type SavedRequest = z.infer<typeof SavedRequest>;

export interface Folder {
  type: 'folder';
  name: string;
  items: CollectionItem[];
}
export type CollectionItem = Folder | SavedRequest;

export const Folder: z.ZodType<Folder> = z
  .object({
    type: z.literal('folder'),
    name: ItemName,
    get items(): z.ZodArray<z.ZodType<CollectionItem>> {
      return z.array(CollectionItem);
    },
  })
  .strict();

export const CollectionItem: z.ZodType<CollectionItem> = z.lazy(() =>
  z.discriminatedUnion('type', [SavedRequest, Folder as z.ZodType<Folder> & z.ZodObject]),
);

export const Collection = z
  .object({
    format: z.literal(COLLECTION_FORMAT),
    version: z.literal(COLLECTION_VERSION),
    name: ItemName,
    variables: Variables,
    items: z.array(CollectionItem),
  })
  .strict();
export type Collection = z.infer<typeof Collection>;

export function emptyCollection(name: string): Collection {
  return { format: COLLECTION_FORMAT, version: COLLECTION_VERSION, name, variables: [], items: [] };
}

/** Every request in document order, with the names of the folders it is in. */
export function savedRequests(
  collection: Pick<Collection, 'items'>,
): Array<{ request: SavedRequest; folders: string[] }> {
  const out: Array<{ request: SavedRequest; folders: string[] }> = [];
  const stack: Array<{ items: CollectionItem[]; folders: string[]; i: number }> = [
    { items: collection.items, folders: [], i: 0 },
  ];
  while (stack.length > 0) {
    const top = lastItem(stack);
    if (top.i >= top.items.length) {
      stack.pop();
      continue;
    }
    const item = itemAt(top.items, top.i++);
    if (item.type === 'request') out.push({ request: item, folders: top.folders });
    else stack.push({ items: item.items, folders: [...top.folders, item.name], i: 0 });
  }
  return out;
}

/** RFC 6901 pointer of a zod issue path. */
function pointer(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '/';
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/**
 * Walks the raw JSON without recursion before zod sees it, so that a deeply nested or huge document
 * is refused with a clear message instead of exhausting the stack or the memory.
 */
function checkShape(json: unknown): void {
  const top = json as { items?: unknown };
  const stack: Array<{ items: unknown; path: string; depth: number }> = [
    { items: top.items, path: '/items', depth: 0 },
  ];
  let requests = 0;
  let items = 0;
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { items: list, path, depth } = next;
    if (!Array.isArray(list)) continue;
    items += list.length;
    if (items > MAX_COLLECTION_ITEMS)
      throw new ImportError(`At ${path}: the collection has more than ${MAX_COLLECTION_ITEMS} folders and requests.`);
    list.forEach((item: unknown, i) => {
      const it = item as { type?: unknown; items?: unknown } | null;
      if (it && typeof it === 'object' && it.type === 'folder') {
        if (depth + 1 > MAX_FOLDER_DEPTH)
          throw new ImportError(`At ${path}/${i}: folders are nested more than ${MAX_FOLDER_DEPTH} deep.`);
        stack.push({ items: it.items, path: `${path}/${i}/items`, depth: depth + 1 });
      } else if (++requests > MAX_COLLECTION_REQUESTS) {
        throw new ImportError(`At ${path}/${i}: the collection has more than ${MAX_COLLECTION_REQUESTS} requests.`);
      }
    });
  }
}

/** Reads a playground collection file. Throws ImportError with the JSON pointer of the first problems. */
export function parseCollection(text: string): Collection {
  if (text.length > MAX_COLLECTION_CHARS)
    throw new ImportError(`The file is ${text.length} characters; the limit is ${MAX_COLLECTION_CHARS}.`);
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ImportError(`The file is not valid JSON: ${(e as Error).message}`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw new ImportError('At /: a collection is a JSON object.');
  const head = json as { format?: unknown; version?: unknown };
  if (head.format !== COLLECTION_FORMAT)
    throw new ImportError(
      `At /format: this is not a playground collection ("format" should be "${COLLECTION_FORMAT}").`,
    );
  if (typeof head.version === 'number' && head.version > COLLECTION_VERSION)
    throw new ImportError(
      `At /version: the collection is version ${head.version}, newer than this playground understands (${COLLECTION_VERSION}).`,
    );
  checkShape(json);
  const parsed = Collection.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `At ${pointer(i.path)}: ${i.message}`);
    const more = parsed.error.issues.length > 5 ? ` (and ${parsed.error.issues.length - 5} more)` : '';
    throw new ImportError(issues.join(' ') + more);
  }
  return parsed.data;
}

function printRequest(r: SavedRequest): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: 'request',
    name: r.name,
    method: r.method,
    path: r.path,
    headers: r.headers.map((h) => ({ name: h.name, value: h.value })),
    body: r.body,
    environment: r.environment,
  };
  if (r.scheme !== undefined) out.scheme = r.scheme;
  if (r.demoKey !== undefined) out.demoKey = r.demoKey;
  if (r.partnerKey !== undefined) out.partnerKey = r.partnerKey;
  if (r.timestampUnit !== undefined) out.timestampUnit = r.timestampUnit;
  if (r.freshness !== undefined) out.freshness = r.freshness;
  out.captures = r.captures.map((c) => ({ variable: c.variable, from: c.from, path: c.path }));
  return out;
}

function printItems(items: readonly CollectionItem[]): unknown[] {
  return items.map((item) =>
    item.type === 'request' ? printRequest(item) : { type: 'folder', name: item.name, items: printItems(item.items) },
  );
}

/** The collection as a file: keys in a fixed order, 2-space indentation and a final newline. */
export function printCollection(collection: Collection): string {
  const doc = {
    format: COLLECTION_FORMAT,
    version: COLLECTION_VERSION,
    name: collection.name,
    variables: collection.variables.map((v) => ({ name: v.name, value: v.value })),
    items: printItems(collection.items),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
