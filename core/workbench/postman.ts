/**
 * Postman Collection v2.1 (and v2.0) files, read into a playground collection and written back.
 * The `postman-collection` package pulls Node-only dependencies (file types, mime tables, iconv), so
 * the file is read here with zod, leniently: unknown keys are ignored, and an item that does not fit
 * is dropped with the reason, never the whole file.
 *
 * What is kept: folders (`item` nesting), the request's method, URL (`url.raw`, or the URL built from
 * its parts when there is no raw; `:name` path variables replaced by their values), enabled headers
 * in order, a raw body exactly, an urlencoded body as the text `key=value&...` joined as written, the
 * collection's enabled variables. Postman's automatic Content-Type for a raw body with a language
 * and for an urlencoded body is added as a header, as Postman would send it.
 *
 * What is dropped, with a note: disabled headers, query parameters and variables; form-data, file and
 * GraphQL bodies; every auth block (the playground signs); the signature and transport headers;
 * pre-request and test scripts. Scripts are never evaluated; a line of the exact form
 * `pm.collectionVariables.set("tx_id", pm.response.json().txID)` (or pm.environment / pm.globals /
 * pm.variables, or `jsonData.…` after `jsonData = pm.response.json()`) is recognised as text and
 * becomes a capture rule, which is also how `printPostman` writes capture rules.
 *
 * Public API:
 *   importPostman(text, options): WorkbenchImport     throws ImportError only for an unreadable file
 *   printPostman(collection, bases): { text, notes }
 */
import { group } from '../checked.ts';
import { z } from '../zod.ts';
import { ImportError } from '../import/types.ts';
import { formatJsonPath, parseJsonPath } from './captures.ts';
import {
  COLLECTION_FORMAT,
  COLLECTION_VERSION,
  MAX_COLLECTION_CHARS,
  MAX_COLLECTION_REQUESTS,
  MAX_FOLDER_DEPTH,
  MAX_NAME_LENGTH,
  MAX_VARIABLES,
  SavedRequest,
  VARIABLE_NAME_PATTERN,
  hasControlCharacter,
  type CaptureRule,
  type Collection,
  type CollectionItem,
  type Folder,
  type Header,
  Variable,
} from './collection.ts';
import { headerNameProblem, headerValueProblem, isComputedHeader, isTransportHeader } from '../headers.ts';
import { CREDENTIAL_NAME, containsSecret, type Dropped, type ImportOptions, type WorkbenchImport } from './result.ts';
import { baseOf, mapUrlToEnvironment, type EnvironmentBases } from './url-mapping.ts';

export const POSTMAN_SCHEMA_V21 = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

// ---- the parts of the format that are read ---------------------------------------------------------

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const KeyValue = z.looseObject({
  key: z.string().nullish(),
  value: Scalar.optional(),
  disabled: z.boolean().optional(),
  type: z.string().optional(),
});
type KeyValue = z.infer<typeof KeyValue>;

const UrlObject = z.looseObject({
  raw: z.string().optional(),
  protocol: z.string().optional(),
  host: z.union([z.string(), z.array(z.string())]).optional(),
  port: z.union([z.string(), z.number()]).optional(),
  path: z
    .union([z.string(), z.array(z.union([z.string(), z.looseObject({ value: z.string().nullish() })]))])
    .optional(),
  query: z.array(KeyValue).nullish(),
  hash: z.string().optional(),
  variable: z.array(KeyValue).optional(),
});

const Body = z.looseObject({
  mode: z.string().optional(),
  raw: z.string().optional(),
  urlencoded: z.array(KeyValue).optional(),
  disabled: z.boolean().optional(),
  options: z.looseObject({ raw: z.looseObject({ language: z.string().optional() }).optional() }).optional(),
});

const Auth = z.looseObject({ type: z.string().optional() });

const Script = z.looseObject({ exec: z.union([z.string(), z.array(z.string())]).optional() });
const Event = z.looseObject({
  listen: z.string().optional(),
  script: Script.optional(),
  disabled: z.boolean().optional(),
});

const Request = z.union([
  z.string(),
  z.looseObject({
    method: z.string().optional(),
    header: z.union([z.array(KeyValue), z.string()]).nullish(),
    url: z.union([z.string(), UrlObject]).optional(),
    body: Body.nullish(),
    auth: Auth.nullish(),
  }),
]);

/** An item, with its children left unread (they are walked without recursion). */
const Item = z.looseObject({
  name: z.string().nullish(),
  item: z.array(z.unknown()).optional(),
  request: Request.optional(),
  event: z.array(Event).nullish(),
  auth: Auth.nullish(),
});

const Document = z.looseObject({
  info: z.looseObject({ name: z.string().nullish(), schema: z.string().optional() }),
  item: z.array(z.unknown()),
  variable: z.array(KeyValue).nullish(),
  auth: Auth.nullish(),
  event: z.array(Event).nullish(),
});

// ---- scripts ---------------------------------------------------------------------------------------

const SET_FROM_RESPONSE =
  /pm\.(?:collectionVariables|environment|globals|variables)\.set\(\s*(["'])([A-Za-z_][A-Za-z0-9_.-]*)\1\s*,\s*(pm\.response\.json\(\)|[A-Za-z_$][\w$]*)((?:\.[A-Za-z_$][\w$]*|\[\d+\]|\[(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\])*)\s*\)/g;

function scriptText(event: z.infer<typeof Event>): string {
  const exec = event.script?.exec;
  return Array.isArray(exec) ? exec.join('\n') : (exec ?? '');
}

/** Capture rules recognised in a test script (as text), and whether the script does anything else. */
function capturesFromScript(script: string): { captures: CaptureRule[]; other: boolean } {
  const parsedVars = new Set<string>();
  for (const m of script.matchAll(
    /(?:var|let|const)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:pm\.response\.json\(\)|JSON\.parse\(\s*responseBody\s*\))/g,
  ))
    parsedVars.add(group(m, 1));
  const captures: CaptureRule[] = [];
  let rest = script;
  for (const m of script.matchAll(SET_FROM_RESPONSE)) {
    if (m[3] !== 'pm.response.json()' && !parsedVars.has(group(m, 3))) continue;
    const path = parseJsonPath('$' + group(m, 4));
    if (!path.ok) continue;
    captures.push({ variable: group(m, 2), from: 'body', path: formatJsonPath(path.segments) });
    rest = rest.replace(m[0], '');
  }
  const other = rest
    .split('\n')
    .map((l) =>
      l.replace(/\/\/.*$/, '').replace(/(?:var|let|const)\s+[A-Za-z_$][\w$]*\s*=\s*pm\.response\.json\(\)/, ''),
    )
    .some((l) => l.replace(/[;\s]/g, '') !== '');
  return { captures, other };
}

// ---- import ----------------------------------------------------------------------------------------

function text(v: z.infer<typeof Scalar> | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

function urlOf(
  url: string | z.infer<typeof UrlObject> | undefined,
  label: string,
  notes: string[],
  dropped: Dropped[],
): string {
  if (url === undefined) return '';
  if (typeof url === 'string') return url;
  for (const q of url.query ?? [])
    if (q.disabled)
      dropped.push({ what: `query parameter ${q.key ?? ''} of ${label}`, why: 'It is disabled in Postman.' });
  let raw = url.raw;
  if (raw === undefined) {
    const host = Array.isArray(url.host) ? url.host.join('.') : (url.host ?? '');
    const path = Array.isArray(url.path)
      ? url.path.map((p) => (typeof p === 'string' ? p : (p.value ?? ''))).join('/')
      : (url.path ?? '');
    const query = (url.query ?? [])
      .filter((q) => !q.disabled)
      .map((q) => (q.value === null || q.value === undefined ? (q.key ?? '') : `${q.key ?? ''}=${text(q.value)}`));
    raw =
      (url.protocol ? `${url.protocol}://` : '') +
      host +
      (url.port !== undefined ? `:${url.port}` : '') +
      (path ? `/${path.replace(/^\/+/, '')}` : '') +
      (query.length ? `?${query.join('&')}` : '');
    notes.push(`${label}: the URL was rebuilt from its parts (the file has no raw URL).`);
  }
  // Path variables (:id) take their values, as Postman does when it sends.
  for (const v of url.variable ?? []) {
    if (!v.key) continue;
    const value = text(v.value);
    const re = new RegExp(`(/):${v.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[/?#]|$)`, 'g');
    if (!re.test(raw)) continue;
    raw = raw.replace(re, `$1${value === '' ? `{{${v.key}}}` : value}`);
    if (value === '') notes.push(`${label}: the path variable :${v.key} has no value and became {{${v.key}}}.`);
  }
  return raw;
}

const CONTENT_TYPE_OF_LANGUAGE: Record<string, string> = {
  json: 'application/json',
  text: 'text/plain',
  javascript: 'application/javascript',
  xml: 'application/xml',
  html: 'text/html',
};

interface ImportState {
  options: ImportOptions;
  dropped: Dropped[];
  notes: string[];
  lookup: (name: string) => string | undefined;
  requests: number;
}

function describeAuth(auth: z.infer<typeof Auth> | null | undefined, where: string, state: ImportState) {
  if (auth && auth.type && auth.type !== 'noauth')
    state.dropped.push({
      what: `the ${auth.type} auth of ${where}`,
      why: 'The playground signs every request itself; other authentication is not carried over.',
    });
}

function cleanName(name: string | null | undefined, fallback: string): string {
  const n = [...(name ?? '')].map((c) => (hasControlCharacter(c) ? ' ' : c)).join('');
  return (n.trim() === '' ? fallback : n).slice(0, MAX_NAME_LENGTH);
}

function importRequest(item: z.infer<typeof Item>, label: string, state: ImportState): SavedRequest | null {
  const { dropped, notes } = state;
  const req = typeof item.request === 'string' ? { url: item.request } : (item.request ?? {});
  if (typeof req !== 'object') return null;
  const r = req as Exclude<z.infer<typeof Request>, string>;
  describeAuth(r.auth, label, state);
  const headers: Header[] = [];
  const headerList: KeyValue[] =
    typeof r.header === 'string'
      ? r.header
          .split(/\r?\n/)
          .filter((l) => l.trim() !== '')
          .map((l) => {
            const c = l.indexOf(':');
            return c > 0 ? { key: l.slice(0, c).trim(), value: l.slice(c + 1).trim() } : { key: l.trim(), value: '' };
          })
      : (r.header ?? []);
  for (const h of headerList) {
    const name = h.key ?? '';
    if (h.disabled) {
      dropped.push({ what: `header ${name} of ${label}`, why: 'It is disabled in Postman.' });
      continue;
    }
    if (isComputedHeader(name)) {
      dropped.push({
        what: `header ${name} of ${label}`,
        why: 'The playground computes the signature headers on every send.',
      });
      continue;
    }
    if (isTransportHeader(name)) {
      dropped.push({ what: `header ${name} of ${label}`, why: 'The relay writes it from the URL and the body.' });
      continue;
    }
    const value = text(h.value);
    const problem = headerNameProblem(name) ?? headerValueProblem(value);
    if (problem) {
      dropped.push({ what: `header ${name.slice(0, 60)} of ${label}`, why: problem });
      continue;
    }
    headers.push({ name, value });
  }
  const hasContentType = () => headers.some((h) => h.name.toLowerCase() === 'content-type');

  let body: string | null = null;
  const b = r.body;
  if (b && !b.disabled && b.mode) {
    if (b.mode === 'raw') {
      body = b.raw ?? '';
      const language = b.options?.raw?.language;
      const type = language ? CONTENT_TYPE_OF_LANGUAGE[language] : undefined;
      if (type && !hasContentType() && body !== '') {
        headers.push({ name: 'Content-Type', value: type });
        notes.push(`${label}: Content-Type: ${type} was added, as Postman adds it for a raw ${language} body.`);
      }
    } else if (b.mode === 'urlencoded') {
      const pairs = (b.urlencoded ?? []).filter((p) => {
        if (p.disabled)
          dropped.push({ what: `form field ${p.key ?? ''} of ${label}`, why: 'It is disabled in Postman.' });
        return !p.disabled;
      });
      body = pairs.map((p) => `${p.key ?? ''}=${text(p.value)}`).join('&');
      notes.push(
        `${label}: the urlencoded body was joined as written (key=value&...); Postman percent-encodes reserved characters when it sends.`,
      );
      if (!hasContentType()) headers.push({ name: 'Content-Type', value: 'application/x-www-form-urlencoded' });
    } else {
      dropped.push({
        what: `the ${b.mode} body of ${label}`,
        why: 'Only raw and urlencoded bodies are carried over; form-data, file and GraphQL bodies are not text the playground can send exactly.',
      });
    }
  }

  const captures: CaptureRule[] = [];
  for (const e of item.event ?? []) {
    const script = scriptText(e);
    if (script.trim() === '' || e.disabled) continue;
    const found = e.listen === 'test' ? capturesFromScript(script) : { captures: [], other: true };
    captures.push(...found.captures.filter((c) => VARIABLE_NAME_PATTERN.test(c.variable)));
    if (found.captures.length)
      notes.push(
        `${label}: ${found.captures.map((c) => `${c.variable} ← ${c.path}`).join(', ')} became capture rule(s).`,
      );
    if (found.other)
      dropped.push({
        what: `the ${e.listen ?? ''} script of ${label}`,
        why: 'Scripts are never run: the playground signs requests itself, and capture rules carry values from a response.',
      });
  }

  const rawUrl = urlOf(r.url, label, notes, dropped);
  const mapped = mapUrlToEnvironment(rawUrl, state.lookup, state.options.bases, state.options.partnerBases);
  notes.push(...mapped.notes.map((n) => `${label}: ${n}`));
  const candidate: SavedRequest = {
    type: 'request',
    name: cleanName(item.name, `${r.method ?? 'GET'} ${mapped.path}`),
    method: r.method ?? 'GET',
    path: mapped.path,
    headers,
    body,
    environment: mapped.environment,
    ...(mapped.scheme === 'partner' ? { scheme: 'partner' as const } : {}),
    captures: captures.slice(0, 100),
  };
  const checked = SavedRequest.safeParse(candidate);
  if (!checked.success) {
    dropped.push({ what: label, why: checked.error.issues.map((i) => i.message).join(' ') });
    return null;
  }
  return checked.data;
}

/** Reads a Postman v2.1 (or v2.0) collection export. */
export function importPostman(textIn: string, options: ImportOptions): WorkbenchImport {
  if (textIn.length > MAX_COLLECTION_CHARS)
    throw new ImportError(`The file is ${textIn.length} characters; the limit is ${MAX_COLLECTION_CHARS}.`);
  let json: unknown;
  try {
    json = JSON.parse(textIn.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ImportError(`The file is not valid JSON: ${(e as Error).message}`);
  }
  const j = json as { requests?: unknown; order?: unknown } | null;
  if (j && typeof j === 'object' && Array.isArray(j.requests))
    throw new ImportError(
      'This is a Postman v1 collection; export it from Postman as Collection v2.1 and import that.',
    );
  const doc = Document.safeParse(json);
  if (!doc.success)
    throw new ImportError(
      `This is not a Postman v2.1 collection: ${doc.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.length ? '/' + i.path.join('/') : '/'}: ${i.message}`)
        .join('; ')}.`,
    );
  const d = doc.data;
  const dropped: Dropped[] = [];
  const notes: string[] = [];
  const schema = d.info.schema ?? '';
  if (!/v2\.1\.\d/.test(schema)) {
    if (/v2\.0\.\d/.test(schema)) notes.push('This is a Postman v2.0 collection; it was read as v2.1.');
    else
      notes.push(
        `The collection does not name the v2.1 schema (${schema.slice(0, 80) || 'no schema'}); it was read as v2.1.`,
      );
  }

  // Variables.
  const raw = new Map<string, string>();
  const variables: Variable[] = [];
  for (const v of d.variable ?? []) {
    const name = v.key ?? '';
    if (name === '') continue;
    if (v.disabled) {
      dropped.push({ what: `the variable ${name}`, why: 'It is disabled in Postman.' });
      continue;
    }
    const value = text(v.value);
    raw.set(name, value);
    if (!VARIABLE_NAME_PATTERN.test(name)) {
      dropped.push({
        what: `the variable ${name.slice(0, 60)}`,
        why: 'Its name is not a playground variable name (letters, digits, _, . or -).',
      });
    } else if (v.type === 'secret' || CREDENTIAL_NAME.test(name)) {
      dropped.push({
        what: `the variable ${name}`,
        why: 'It holds a credential (by its type or name), and variables are not for secrets; define it in the playground if it is not one.',
      });
    } else if (containsSecret(value, options.secrets)) {
      dropped.push({
        what: `the variable ${name}`,
        why: 'Its value contains a configured secret; variables are not for secrets.',
      });
    } else if (variables.some((x) => x.name === name)) {
      notes.push(`The variable ${name} is defined twice; the first value is kept.`);
    } else if (variables.length >= MAX_VARIABLES) {
      dropped.push({ what: `the variable ${name}`, why: `A collection has at most ${MAX_VARIABLES} variables.` });
    } else {
      const checked = Variable.safeParse({ name, value });
      if (checked.success) variables.push(checked.data);
      else dropped.push({ what: `the variable ${name}`, why: checked.error.issues.map((i) => i.message).join(' ') });
    }
  }
  const state: ImportState = { options, dropped, notes, lookup: (n) => raw.get(n), requests: 0 };
  describeAuth(d.auth, 'the collection', state);
  for (const e of d.event ?? [])
    if (scriptText(e).trim() !== '')
      dropped.push({ what: `the collection's ${e.listen ?? ''} script`, why: 'Scripts are never run.' });

  // Items, without recursion.
  const root: CollectionItem[] = [];
  const stack: Array<{ items: unknown[]; into: CollectionItem[]; depth: number; path: string[] }> = [
    { items: d.item, into: root, depth: 0, path: [] },
  ];
  for (let next = stack.shift(); next !== undefined; next = stack.shift()) {
    const { items, into, depth, path } = next;
    items.forEach((value, i) => {
      const parsed = Item.safeParse(value);
      const where = [...path, `#${i + 1}`].join(' / ');
      if (!parsed.success) {
        dropped.push({
          what: `item ${where}`,
          why: parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; '),
        });
        return;
      }
      const item = parsed.data;
      const name = cleanName(item.name, item.item ? 'Untitled folder' : 'Untitled request');
      if (item.item) {
        if (depth + 1 > MAX_FOLDER_DEPTH)
          throw new ImportError(`Folders are nested more than ${MAX_FOLDER_DEPTH} deep.`);
        describeAuth(item.auth, `folder "${name}"`, state);
        for (const e of item.event ?? [])
          if (scriptText(e).trim() !== '')
            dropped.push({ what: `the ${e.listen ?? ''} script of folder "${name}"`, why: 'Scripts are never run.' });
        const folder: Folder = { type: 'folder', name, items: [] };
        into.push(folder);
        stack.push({ items: item.item, into: folder.items, depth: depth + 1, path: [...path, name] });
        return;
      }
      if (++state.requests > MAX_COLLECTION_REQUESTS)
        throw new ImportError(`The collection has more than ${MAX_COLLECTION_REQUESTS} requests.`);
      const request = importRequest(item, `request "${[...path, name].join(' / ')}"`, state);
      if (request) into.push(request);
    });
  }

  const collection: Collection = {
    format: COLLECTION_FORMAT,
    version: COLLECTION_VERSION,
    name: cleanName(d.info.name, options.name ?? 'Imported from Postman'),
    variables,
    items: root,
  };
  return { collection, dropped, notes };
}

// ---- export ----------------------------------------------------------------------------------------

/** The capture rules as a Postman test script that Postman runs and importPostman reads back. */
function captureScript(captures: readonly CaptureRule[]): string[] {
  return [
    '// Capture rules of the Qredo API Playground',
    ...captures.map(
      (c) => `pm.collectionVariables.set(${JSON.stringify(c.variable)}, pm.response.json()${c.path.slice(1)});`,
    ),
  ];
}

/**
 * The collection as a Postman v2.1 collection. The URL is the base of the request's environment and
 * API and the path (just the path when there is no environment), so a Partner API request reads back
 * as one; the demo key or partner, timestamp unit and nonce mode have no place in Postman and are
 * listed in `notes`.
 */
export function printPostman(
  collection: Collection,
  bases: EnvironmentBases,
  partnerBases?: EnvironmentBases,
): { text: string; notes: string[] } {
  const notes: string[] = [];
  const items = (list: readonly CollectionItem[]): unknown[] =>
    list.map((item) => {
      if (item.type === 'folder') return { name: item.name, item: items(item.items) };
      if (item.demoKey !== undefined || item.timestampUnit !== undefined)
        notes.push(`"${item.name}": the demo key and timestamp unit have no place in a Postman collection.`);
      if (item.partnerKey !== undefined || item.freshness !== undefined)
        notes.push(`"${item.name}": the demo partner and nonce mode have no place in a Postman collection.`);
      if (item.scheme === 'partner' && (!partnerBases || item.environment === null))
        notes.push(`"${item.name}": nothing in a Postman collection says it is a Partner API request.`);
      const request: Record<string, unknown> = {
        method: item.method,
        header: item.headers.map((h) => ({ key: h.name, value: h.value })),
        url: item.environment
          ? baseOf(item.environment, item.scheme, bases, partnerBases).replace(/\/+$/, '') + item.path
          : item.path,
      };
      if (item.body !== null) request.body = { mode: 'raw', raw: item.body };
      const out: Record<string, unknown> = { name: item.name, request };
      if (item.captures.length)
        out.event = [{ listen: 'test', script: { type: 'text/javascript', exec: captureScript(item.captures) } }];
      return out;
    });
  const doc = {
    info: { name: collection.name, schema: POSTMAN_SCHEMA_V21 },
    item: items(collection.items),
    variable: collection.variables.map((v) => ({ key: v.name, value: v.value })),
  };
  return { text: JSON.stringify(doc, null, 2) + '\n', notes };
}
