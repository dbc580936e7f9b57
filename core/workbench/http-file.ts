/**
 * HTTP request files of the JetBrains HTTP Client and the VS Code REST Client (`.http`, `.rest`), with
 * their `http-client.env.json` / `http-client.private.env.json` environment files, read into a
 * playground collection and written back. No npm parser handles both dialects and stays pure (the
 * maintained one, httpyac, is a CLI that pulls Node I/O), so this is a small one. Files are data:
 * nothing is evaluated, no referenced file is read, and every size is limited.
 *
 * ## Grammar (what `importHttpFile` reads)
 *
 *   file         = [BOM] line*                 lines end at CRLF, LF or a lone CR
 *   separator    = "###" rest                  three or more "#" at the start of a line; the rest,
 *                                              trimmed, is the title of the next request
 *   comment      = ws* ("#" | "//") rest       anywhere outside a request line, in the body too:
 *                                              both tools leave such lines out of what they send
 *   metadata     = ws* ("#" | "//") ws* "@" tag [ws* ["="] ws* value]
 *                    @name X                   the request's name (REST Client and JetBrains)
 *                    @playground-demo-key K    the playground's own fields, written by printHttpFile;
 *                    @playground-timestamp-unit U   other tools read them as comments
 *                    @playground-scheme S      v1 or partner (a URL under a Partner API base is
 *                                              a Partner API request without it)
 *                    @playground-partner-key P   @playground-freshness timestamp|nonce
 *                    @playground-capture VAR $.json.path
 *                    any other @tag            (@no-redirect, @no-log, @timeout, @prompt, @note ...) noted, ignored
 *   file-var     = ws* "@" name ws* "=" ws* value ws*   outside a body; global to the file, so a request
 *                                              may use it before or after the line; the last one wins
 *   block        = the lines between separators (or the file's start and end)
 *   request      = (blank | comment | metadata | file-var)* request-line continuation*
 *                  (header | comment)* [blank-line body] [handler]
 *   request-line = [method ws+] target [ws+ "HTTP/" version]
 *                    method is GET HEAD POST PUT DELETE CONNECT PATCH OPTIONS TRACE in any case (written
 *                    upper-case); without one the whole line is the target and the method is GET.
 *                    WEBSOCKET, GRPC and GRAPHQL requests are dropped.
 *   continuation = ws* ("?" | "&") rest        a query continued on the next lines (both tools)
 *                | ws+ "/" rest                a path continued on an indented line (JetBrains)
 *                                              each is trimmed and appended to the target as it is
 *   header       = name ws* ":" ws* value      name and value trimmed; ends at the first blank line
 *   body         = line* up to the next separator or handler line
 *   handler      = ("> {%" ... "%}") | ("> " path) | (">>" ["!"] path) | ("<>" path)
 *                                              response handlers, output redirections and response
 *                                              references: dropped with a note, never evaluated
 *
 * ## The body, exactly
 *
 * The body is the block's lines after the first blank line that follows the headers, less comment
 * lines, less the blank (whitespace-only) lines at its start and at its end; inner blank lines and
 * every other character, trailing spaces included, are kept. Lines are joined with LF whatever the
 * file uses (the JetBrains client sends LF; REST Client sends the platform's line ending), except
 * that a line starting with "&" in an application/x-www-form-urlencoded body is joined without a
 * line break, as REST Client does. The body has no final line break (neither tool sends one). A body with no line left is null. A body
 * line `< path` or `<@ path` (a file to send) is refused: the body is dropped with a note, since a
 * file is data and is never read.
 *
 * ## URLs and environments
 *
 * `{{var}}` is kept verbatim in paths, header values and bodies (expansion is core/workbench/
 * variables.ts). To know the environment, the URL is resolved through the file variables, then the
 * chosen environment of the env file (public, then private), then its `$shared` section; a URL under
 * one of the playground's base URLs becomes that environment and the path after the base. An
 * origin-form target (`/qapi/v1/balance`) is joined to its Host header (https for ports 443 and
 * 8443, http otherwise, as REST Client does). Anything else is imported with environment null and a
 * note. The three signature headers (any case) and the transport headers (Host, Content-Length,
 * Connection, Transfer-Encoding) are dropped with a note: the playground writes them.
 *
 * ## Variables
 *
 * The collection's variables are the file variables and the chosen environment's public variables
 * (the file's win). A value that refers to other variables is resolved at import when it can be
 * (the playground does not expand a value again). Variables of `http-client.private.env.json` are
 * never imported: that file holds secrets; they are used only to recognise an environment's base.
 *
 * Public API:
 *   importHttpFile(text, options): WorkbenchImport     throws ImportError only for an unreadable file
 *   parseHttpEnvFile(text): HttpEnvFile                throws ImportError
 *   printHttpFile(collection, bases): { text, notes }
 *   MAX_HTTP_FILE_CHARS
 */
import { group, itemAt, lastItem } from '../checked.ts';
import { ImportError } from '../import/types.ts';
import { formatJsonPath, parseJsonPath, suggestVariableName } from './captures.ts';
import {
  COLLECTION_FORMAT,
  COLLECTION_VERSION,
  MAX_COLLECTION_CHARS,
  MAX_COLLECTION_REQUESTS,
  MAX_NAME_LENGTH,
  SavedRequest,
  VARIABLE_NAME_PATTERN,
  hasControlCharacter,
  savedRequests,
  type CaptureRule,
  type Collection,
  type Header,
  MAX_VARIABLES,
  Variable,
} from './collection.ts';
import { HEADER_NAME_PATTERN, headerNameProblem, isComputedHeader, isTransportHeader } from '../headers.ts';
import { CREDENTIAL_NAME, containsSecret, type Dropped, type ImportOptions, type WorkbenchImport } from './result.ts';
import { baseOf, mapUrlToEnvironment, type EnvironmentBases } from './url-mapping.ts';
import { findReferences } from './variables.ts';
import { DemoKey, PartnerDemoKey, Scheme, TimestampUnit } from '../contract-base.ts';

export const MAX_HTTP_FILE_CHARS = MAX_COLLECTION_CHARS;
const MAX_ENV_FILE_CHARS = 1024 * 1024;

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'PATCH', 'OPTIONS', 'TRACE'];
const OTHER_PROTOCOLS = ['WEBSOCKET', 'GRPC', 'GRAPHQL'];
const SEPARATOR = /^#{3,}/;
const COMMENT = /^\s*(#|\/\/)/;
const METADATA = /^\s*(?:#|\/\/)\s*@([A-Za-z][\w-]*)(?:\s*=\s*|\s+|$)(.*)$/;
const FILE_VARIABLE = /^\s*@([^\s=]+)\s*=\s*(.*?)\s*$/;
const CONTINUATION = /^(\s*[?&]|\s+\/)/;
const HANDLER = /^(>\s|>>|<>)/;
const FILE_BODY = /^<(?:@\w*)?\s+\S/;
const HEADER_LINE = /^([^:]+):(.*)$/;
const GLOBAL_SET =
  /client\.global\.set\(\s*["']([A-Za-z_][A-Za-z0-9_.-]*)["']\s*,\s*response\.body((?:\.[A-Za-z_$][\w$]*|\[\d+\]|\[(?:'[^'\\]*'|"[^"\\]*")\])*)\s*\)/g;
/** REST Client request variables: {{name.response.body.$.path}}. */
const RESPONSE_REFERENCE = /^([A-Za-z0-9_-]+)\.response\.body\.(\$.*)$/;

function describeRequest(name: string | null, line: number): string {
  return `request ${name !== null ? `${JSON.stringify(name)} ` : ''}(line ${line})`;
}
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// ---- environment files ----------------------------------------------------------------------------

/** An environment file: environment name → variable name → value, with notes on what was left out. */
export interface HttpEnvFile {
  environments: Record<string, Record<string, string>>;
  notes: string[];
}

/** Reads `http-client.env.json` or `http-client.private.env.json`: { "env": { "var": "value" } }. */
export function parseHttpEnvFile(text: string): HttpEnvFile {
  if (text.length > MAX_ENV_FILE_CHARS)
    throw new ImportError(`The environment file is ${text.length} characters; the limit is ${MAX_ENV_FILE_CHARS}.`);
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ImportError(`The environment file is not valid JSON: ${(e as Error).message}`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw new ImportError('The environment file must be a JSON object of environments: { "dev": { "host": "..." } }.');
  const environments: Record<string, Record<string, string>> = {};
  const notes: string[] = [];
  for (const [env, vars] of Object.entries(json as Record<string, unknown>)) {
    if (!vars || typeof vars !== 'object' || Array.isArray(vars)) {
      notes.push(`The environment file's entry "${env}" is not an object of variables and was left out.`);
      continue;
    }
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(vars as Record<string, unknown>)) {
      if (typeof value === 'string') out[name] = value;
      else if (typeof value === 'number' || typeof value === 'boolean') out[name] = String(value);
      else
        notes.push(
          `"${env}.${name}" is not a text value (settings such as SSLConfiguration are not variables) and was left out.`,
        );
    }
    environments[env] = out;
  }
  return { environments, notes };
}

// ---- lines ------------------------------------------------------------------------------------------

interface Line {
  text: string;
  /** 1-based line number in the file. */
  n: number;
}

interface Block {
  title: string | null;
  lines: Line[];
}

function blocksOf(text: string): Block[] {
  const lines = text.split(/\r\n|\n|\r/);
  const blocks: Block[] = [{ title: null, lines: [] }];
  lines.forEach((t, i) => {
    if (SEPARATOR.test(t)) {
      const title = t.replace(SEPARATOR, '').trim();
      blocks.push({ title: title === '' ? null : title, lines: [] });
    } else lastItem(blocks).lines.push({ text: t, n: i + 1 });
  });
  return blocks;
}

const isBlank = (t: string) => t.trim() === '';

// ---- one request ---------------------------------------------------------------------------------

interface RawRequest {
  name: string | null;
  title: string | null;
  line: number;
  method: string;
  target: string;
  headers: Array<{ name: string; value: string; n: number }>;
  body: string | null;
  demoKey?: string;
  timestampUnit?: string;
  scheme?: string;
  partnerKey?: string;
  freshness?: string;
  captures: Array<{ variable: string; path: string; n: number }>;
}

/** The playground's own one-value fields, by their @playground- tag. */
const PLAYGROUND_FIELDS = {
  'playground-demo-key': 'demoKey',
  'playground-timestamp-unit': 'timestampUnit',
  'playground-scheme': 'scheme',
  'playground-partner-key': 'partnerKey',
  'playground-freshness': 'freshness',
} as const satisfies Record<string, keyof RawRequest>;
type PlaygroundField = (typeof PLAYGROUND_FIELDS)[keyof typeof PLAYGROUND_FIELDS];
const isPlaygroundTag = (tag: string): tag is keyof typeof PLAYGROUND_FIELDS => Object.hasOwn(PLAYGROUND_FIELDS, tag);

class BlockError extends Error {}

function parseBlock(
  block: Block,
  fileVars: Map<string, { value: string; n: number }>,
  notes: string[],
  dropped: Dropped[],
): RawRequest | null {
  const lines = block.lines;
  let i = 0;
  let name: string | null = null;
  const meta: Pick<RawRequest, PlaygroundField | 'captures'> = { captures: [] };
  const ignoredTags = new Set<string>();

  const readMetadata = (line: Line): boolean => {
    const m = METADATA.exec(line.text);
    if (!m) return false;
    const tag = group(m, 1);
    const value = group(m, 2).trim();
    if (tag === 'name') name = value || null;
    else if (isPlaygroundTag(tag)) meta[PLAYGROUND_FIELDS[tag]] = value;
    else if (tag === 'playground-capture') {
      const c = /^(\S+)\s+(\S.*)$/.exec(value);
      if (c) meta.captures.push({ variable: group(c, 1), path: group(c, 2).trim(), n: line.n });
      else notes.push(`Line ${line.n}: @playground-capture needs a variable name and a JSON path; it was ignored.`);
    } else ignoredTags.add(tag);
    return true;
  };

  // Before the request line: blank lines, comments, metadata, file variables.
  for (; i < lines.length; i++) {
    const line = itemAt(lines, i);
    if (isBlank(line.text)) continue;
    if (COMMENT.test(line.text)) {
      readMetadata(line);
      continue;
    }
    const fv = FILE_VARIABLE.exec(line.text);
    if (fv) {
      const prev = fileVars.get(group(fv, 1));
      if (prev)
        notes.push(
          `Line ${line.n}: @${fv[1]} is defined again (first on line ${prev.n}); the last definition is used.`,
        );
      fileVars.set(group(fv, 1), { value: group(fv, 2), n: line.n });
      continue;
    }
    break;
  }
  if (i >= lines.length) return null;

  const first = itemAt(lines, i);
  const label = () => describeRequest(name ?? block.title, first.n);
  let requestText = first.text.trim();
  i++;
  // Continuation lines of the target.
  while (i < lines.length && CONTINUATION.test(itemAt(lines, i).text) && !isBlank(itemAt(lines, i).text)) {
    requestText += itemAt(lines, i).text.trim();
    i++;
  }
  const word = /^(\S+)\s+(.*)$/.exec(requestText);
  let method = 'GET';
  let target = requestText;
  if (word && METHODS.includes(group(word, 1).toUpperCase())) {
    method = group(word, 1).toUpperCase();
    target = group(word, 2);
    if (method !== word[1]) notes.push(`Line ${first.n}: the method ${word[1]} is sent as ${method}.`);
  } else if (word && OTHER_PROTOCOLS.includes(group(word, 1).toUpperCase())) {
    throw new BlockError(
      `${group(word, 1).toUpperCase()} requests are not plain HTTP requests; the playground sends HTTP only.`,
    );
  }
  target = target.replace(/\s+HTTP\/[\d.]+\s*$/i, '').trim();
  if (target === '' || /\s/.test(target.replace(/\{\{[^{}]*\}\}/g, '')))
    throw new BlockError(
      `line ${first.n} (${JSON.stringify(requestText.slice(0, 80))}) is not a request line such as "GET https://host/path".`,
    );

  const headers: RawRequest['headers'] = [];
  let handlerAt = -1;
  for (; i < lines.length; i++) {
    const line = itemAt(lines, i);
    if (isBlank(line.text)) {
      i++;
      break;
    }
    if (HANDLER.test(line.text)) {
      handlerAt = i;
      break;
    }
    if (COMMENT.test(line.text)) {
      readMetadata(line);
      continue;
    }
    const h = HEADER_LINE.exec(line.text.trim());
    if (!h || !HEADER_NAME_PATTERN.test(group(h, 1).trim()))
      throw new BlockError(
        `line ${line.n} (${JSON.stringify(line.text.slice(0, 60))}) is not a header "name: value"; a blank line must come before the body.`,
      );
    headers.push({ name: group(h, 1).trim(), value: group(h, 2).trim(), n: line.n });
  }

  // The body, up to a handler line.
  const bodyLines: Line[] = [];
  let commentLines = 0;
  if (handlerAt < 0) {
    for (; i < lines.length; i++) {
      const line = itemAt(lines, i);
      if (HANDLER.test(line.text)) {
        handlerAt = i;
        break;
      }
      if (COMMENT.test(line.text)) {
        commentLines++;
        continue;
      }
      bodyLines.push(line);
    }
  }
  if (handlerAt >= 0) {
    // `client.global.set("x", response.body.a.b)` is the JetBrains way to carry a value: it becomes a
    // capture rule. It is recognised as text; no script is ever run.
    const script = lines
      .slice(handlerAt)
      .map((l) => l.text)
      .join('\n');
    for (const m of script.matchAll(GLOBAL_SET)) {
      const path = '$' + group(m, 2);
      if (parseJsonPath(path).ok) {
        meta.captures.push({ variable: group(m, 1), path, n: itemAt(lines, handlerAt).n });
        notes.push(
          `${cap(label())}: client.global.set("${m[1]}", response.body${m[2]}) became the capture rule ${m[1]} ← ${path}.`,
        );
      }
    }
    dropped.push({
      what: `the response handler of ${label()} (line ${itemAt(lines, handlerAt).n})`,
      why: 'Response handlers, output redirections and response references are scripts or files of other tools; the playground never evaluates them (use a capture rule for a value to carry).',
    });
  }
  while (bodyLines.length > 0 && isBlank(itemAt(bodyLines, 0).text)) bodyLines.shift();
  while (bodyLines.length > 0 && isBlank(lastItem(bodyLines).text)) bodyLines.pop();
  // A form body continued on lines starting with "&" is one line (REST Client joins them so).
  const form = headers.some(
    (h) => h.name.toLowerCase() === 'content-type' && /^\s*application\/x-www-form-urlencoded/i.test(h.value),
  );
  let body: string | null = bodyLines.length
    ? bodyLines.map((l, k) => (k > 0 && !(form && l.text.startsWith('&')) ? '\n' : '') + l.text).join('')
    : null;
  if (body !== null && commentLines > 0)
    notes.push(`${cap(label())}: ${commentLines} comment line(s) inside the body were left out, as both tools do.`);
  const fileLine = bodyLines.find((l) => FILE_BODY.test(l.text));
  if (fileLine) {
    dropped.push({
      what: `the body of ${label()} (${fileLine.text.trim().slice(0, 80)})`,
      why: 'It reads a file; imported files are data and no file is ever read: paste the content as the body.',
    });
    body = null;
  }
  for (const tag of ignoredTags) notes.push(`${cap(label())}: "@${tag}" is a setting of other tools and was ignored.`);
  return {
    name,
    title: block.title,
    line: first.n,
    method,
    target,
    headers,
    body,
    ...meta,
  };
}

// ---- the file ------------------------------------------------------------------------------------

export interface HttpImportOptions extends ImportOptions {
  /** The text of http-client.env.json. */
  envFile?: string;
  /** The text of http-client.private.env.json: used only to recognise bases, never imported. */
  privateEnvFile?: string;
  /** Which environment of the env files to use; by default the only one, or the first (with a note). */
  envName?: string;
}

function hostUrl(host: string, target: string): string {
  const port = /:(\d+)$/.exec(host)?.[1];
  return `${port === '443' || port === '8443' ? 'https' : 'http'}://${host}${target}`;
}

/** Reads a .http file (and its environment files) into a collection. */
export function importHttpFile(text: string, options: HttpImportOptions): WorkbenchImport {
  if (text.length > MAX_HTTP_FILE_CHARS)
    throw new ImportError(`The file is ${text.length} characters; the limit is ${MAX_HTTP_FILE_CHARS}.`);
  const notes: string[] = [];
  const dropped: Dropped[] = [];
  const source = text.replace(/^\uFEFF/, '');
  if (/\r\n?/.test(source)) notes.push('The file has CRLF (or CR) line endings; request bodies are imported with LF.');

  // Environment files.
  const env = options.envFile !== undefined ? parseHttpEnvFile(options.envFile) : null;
  const priv = options.privateEnvFile !== undefined ? parseHttpEnvFile(options.privateEnvFile) : null;
  if (env) notes.push(...env.notes);
  if (priv) notes.push(...priv.notes.map((n) => `Private environment file: ${n}`));
  const names = [
    ...new Set([...Object.keys(env?.environments ?? {}), ...Object.keys(priv?.environments ?? {})]),
  ].filter((n) => n !== '$shared');
  let envName = options.envName ?? null;
  if (envName !== null && !names.includes(envName))
    throw new ImportError(
      `The environment files have no environment "${envName}"${names.length ? `; they have ${names.join(', ')}` : ''}.`,
    );
  if (envName === null && names.length > 0) {
    envName = itemAt(names, 0);
    if (names.length > 1)
      notes.push(
        `The environment files define ${names.join(', ')}; "${envName}" was used. Choose another to import with its values.`,
      );
  }
  const publicVars: Record<string, string> = {
    ...(env?.environments['$shared'] ?? {}),
    ...(envName !== null ? (env?.environments[envName] ?? {}) : {}),
  };
  const privateVars: Record<string, string> = {
    ...(priv?.environments['$shared'] ?? {}),
    ...(envName !== null ? (priv?.environments[envName] ?? {}) : {}),
  };
  for (const name of Object.keys(privateVars)) {
    dropped.push({
      what: `the private variable ${name}`,
      why: 'http-client.private.env.json holds secrets, and the playground keeps no secret in a variable; it was used only to recognise the base URL.',
    });
  }

  // Requests.
  const fileVars = new Map<string, { value: string; n: number }>();
  const raws: RawRequest[] = [];
  for (const block of blocksOf(source)) {
    try {
      const raw = parseBlock(block, fileVars, notes, dropped);
      if (raw) raws.push(raw);
    } catch (e) {
      if (!(e instanceof BlockError)) throw e;
      const first = block.lines.find((l) => !isBlank(l.text) && !COMMENT.test(l.text));
      dropped.push({
        what: describeRequest(block.title, first?.n ?? 0),
        why: e.message.charAt(0).toUpperCase() + e.message.slice(1),
      });
    }
    if (raws.length > MAX_COLLECTION_REQUESTS)
      throw new ImportError(`The file has more than ${MAX_COLLECTION_REQUESTS} requests.`);
  }

  const lookup = (name: string): string | undefined =>
    fileVars.get(name)?.value ?? publicVars[name] ?? privateVars[name];

  // Variables: file variables, then the environment's (the file's win).
  const variables: Variable[] = [];
  const seen = new Set<string>();
  const addVariable = (name: string, value: string, where: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    if (!VARIABLE_NAME_PATTERN.test(name)) {
      dropped.push({
        what: `the variable ${name} (${where})`,
        why: 'Its name is not a playground variable name (letters, digits, _, . or -).',
      });
      return;
    }
    let resolved = value;
    if (findReferences(value).length > 0) {
      const r = resolveValue(value, lookup);
      if (r === null)
        notes.push(
          `The value of ${name} (${where}) refers to a variable that is not defined; it is kept as written and will not be expanded.`,
        );
      else resolved = r;
    }
    if (CREDENTIAL_NAME.test(name)) {
      dropped.push({
        what: `the variable ${name} (${where})`,
        why: 'Its name says it holds a credential, and variables are not for secrets; define it in the playground if it is not one.',
      });
      return;
    }
    if (containsSecret(resolved, options.secrets)) {
      dropped.push({
        what: `the variable ${name} (${where})`,
        why: 'Its value contains a configured secret; variables are not for secrets.',
      });
      return;
    }
    const checked = Variable.safeParse({ name, value: resolved });
    if (!checked.success) {
      dropped.push({
        what: `the variable ${name} (${where})`,
        why: checked.error.issues.map((i) => i.message).join(' '),
      });
      return;
    }
    if (variables.length >= MAX_VARIABLES) {
      dropped.push({
        what: `the variable ${name} (${where})`,
        why: `A collection has at most ${MAX_VARIABLES} variables.`,
      });
      return;
    }
    variables.push(checked.data);
  };
  for (const [name, v] of fileVars) addVariable(name, v.value, `line ${v.n}`);
  for (const [name, value] of Object.entries(publicVars)) addVariable(name, value, `environment ${envName}`);

  // REST Client's {{name.response.body.$.path}} becomes a capture rule on the named request and a
  // plain variable where it is used.
  const byName = new Map(raws.flatMap((r) => (r.name === null ? [] : [[r.name, r] as const])));
  const replaced = new Map<string, string>();
  const taken = new Set([...seen, ...raws.flatMap((r) => r.captures.map((c) => c.variable))]);
  const rewrite = (text: string): string => {
    let out = text;
    for (const ref of findReferences(text)) {
      if (ref.kind !== 'reference') continue;
      const m = RESPONSE_REFERENCE.exec(ref.name);
      if (!m) continue;
      const requestName = group(m, 1);
      const source = byName.get(requestName);
      const parsed = parseJsonPath(group(m, 2));
      if (!source || !parsed.ok) continue;
      let variable = replaced.get(ref.name);
      if (variable === undefined) {
        const last = parsed.segments[parsed.segments.length - 1];
        const base = last?.kind === 'key' ? suggestVariableName(last.key) : `${requestName}_value`;
        variable = taken.has(base) ? `${requestName}.${base}` : base;
        for (let k = 2; taken.has(variable) && k < 100; k++) variable = `${requestName}.${base}_${k}`;
        taken.add(variable);
        replaced.set(ref.name, variable);
        source.captures.push({ variable, path: formatJsonPath(parsed.segments), n: source.line });
        notes.push(
          `{{${ref.name}}} became the variable {{${variable}}}, captured from the response of request "${m[1]}".`,
        );
      }
      out = out.split(text.slice(ref.range.start, ref.range.end)).join(`{{${variable}}}`);
    }
    return out;
  };
  for (const raw of raws) {
    raw.target = rewrite(raw.target);
    raw.headers.forEach((h) => (h.value = rewrite(h.value)));
    if (raw.body !== null) raw.body = rewrite(raw.body);
  }

  const items: SavedRequest[] = [];
  const dynamicSeen = new Set<string>();
  for (const raw of raws) {
    const label = describeRequest(raw.name ?? raw.title, raw.line);
    const headers: Header[] = [];
    let url = raw.target;
    const host = raw.headers.find((h) => h.name.toLowerCase() === 'host');
    if (url.startsWith('/') && host) url = hostUrl(host.value, url);
    for (const h of raw.headers) {
      if (isComputedHeader(h.name)) {
        dropped.push({
          what: `header ${h.name} of ${label}`,
          why: 'The playground computes the signature headers on every send.',
        });
        continue;
      }
      if (isTransportHeader(h.name)) {
        dropped.push({ what: `header ${h.name} of ${label}`, why: 'The relay writes it from the URL and the body.' });
        continue;
      }
      const problem = headerNameProblem(h.name);
      if (problem) {
        dropped.push({ what: `header ${h.name.slice(0, 60)} of ${label} (line ${h.n})`, why: problem });
        continue;
      }
      headers.push({ name: h.name, value: h.value });
    }
    const mapped = mapUrlToEnvironment(url, lookup, options.bases, options.partnerBases);
    notes.push(...mapped.notes.map((n) => `${cap(label)}: ${n}`));
    for (const text of [raw.target, ...headers.map((h) => h.value), raw.body ?? '']) {
      for (const ref of findReferences(text)) {
        if (ref.kind === 'dynamic' && !dynamicSeen.has(ref.name)) {
          dynamicSeen.add(ref.name);
          notes.push(
            `{{${ref.name}}} is a dynamic variable of other tools; it was kept, and must be replaced by a value or a variable before sending.`,
          );
        } else if (ref.kind === 'reference') {
          notes.push(
            `${cap(label)}: {{${ref.name}}} refers to another request's response; add a capture rule to that request and use its variable.`,
          );
        }
      }
    }
    const captures: CaptureRule[] = [];
    for (const c of raw.captures) {
      if (!VARIABLE_NAME_PATTERN.test(c.variable) || !parseJsonPath(c.path).ok) {
        notes.push(
          `Line ${c.n}: the capture "${c.variable} ${c.path}" is not a variable name and a JSON path; it was ignored.`,
        );
        continue;
      }
      captures.push({ variable: c.variable, from: 'body', path: c.path });
    }
    const name = (raw.name ?? raw.title ?? `${raw.method} ${mapped.path || raw.target}`).slice(0, MAX_NAME_LENGTH);
    const candidate: SavedRequest = {
      type: 'request',
      name: [...name].map((c) => (hasControlCharacter(c) ? ' ' : c)).join(''),
      method: raw.method,
      path: mapped.path,
      headers,
      body: raw.body,
      environment: mapped.environment,
      captures,
    };
    const scheme = raw.scheme ?? (mapped.scheme === 'partner' ? 'partner' : undefined);
    if (scheme !== undefined) {
      const s = Scheme.safeParse(scheme);
      if (s.success) candidate.scheme = s.data;
      else notes.push(`${cap(label)}: "${scheme}" is not an API of the playground (v1 or partner); it was ignored.`);
    }
    if (raw.partnerKey !== undefined) {
      const k = PartnerDemoKey.safeParse(raw.partnerKey);
      if (k.success) candidate.partnerKey = k.data;
      else notes.push(`${cap(label)}: "${raw.partnerKey}" is not a demo partner; it was ignored.`);
    }
    if (raw.freshness !== undefined) {
      if (raw.freshness === 'timestamp' || raw.freshness === 'nonce') candidate.freshness = raw.freshness;
      else notes.push(`${cap(label)}: "${raw.freshness}" is neither timestamp nor nonce; it was ignored.`);
    }
    if (raw.demoKey !== undefined) {
      const k = DemoKey.safeParse(raw.demoKey);
      if (k.success) candidate.demoKey = k.data;
      else notes.push(`${cap(label)}: "${raw.demoKey}" is not a demo key; it was ignored.`);
    }
    if (raw.timestampUnit !== undefined) {
      const u = TimestampUnit.safeParse(raw.timestampUnit);
      if (u.success) candidate.timestampUnit = u.data;
      else notes.push(`${cap(label)}: "${raw.timestampUnit}" is not a timestamp unit; it was ignored.`);
    }
    const checked = SavedRequest.safeParse(candidate);
    if (!checked.success) {
      dropped.push({ what: label, why: checked.error.issues.map((i) => i.message).join(' ') });
      continue;
    }
    items.push(checked.data);
  }

  const collection: Collection = {
    format: COLLECTION_FORMAT,
    version: COLLECTION_VERSION,
    name: (options.name ?? 'Imported requests').slice(0, MAX_NAME_LENGTH) || 'Imported requests',
    variables,
    items,
  };
  return { collection, dropped, notes };
}

function resolveValue(value: string, lookup: (name: string) => string | undefined, depth = 0): string | null {
  if (depth > 8) return null;
  let out = '';
  let last = 0;
  for (const r of findReferences(value)) {
    if (r.kind !== 'variable') return null;
    const v = lookup(r.name);
    if (v === undefined) return null;
    const inner = resolveValue(v, lookup, depth + 1);
    if (inner === null) return null;
    out += value.slice(last, r.range.start) + inner;
    last = r.range.end;
  }
  return out + value.slice(last);
}

// ---- printing ------------------------------------------------------------------------------------

/** Why a body cannot be written so that it reads back the same, or null. */
function bodyProblem(body: string): string | null {
  if (body === '') return 'an empty (not absent) body cannot be written';
  if (/\r/.test(body)) return 'the body has CR characters, and bodies are read back with LF line endings';
  const lines = body.split('\n');
  if (isBlank(itemAt(lines, 0)) || isBlank(lastItem(lines)))
    return 'the body starts or ends with a blank line, which both tools trim';
  const bad = lines.find((l) => COMMENT.test(l) || SEPARATOR.test(l) || HANDLER.test(l) || FILE_BODY.test(l));
  if (bad !== undefined)
    return `the body line ${JSON.stringify(bad.slice(0, 40))} would be read as a comment, separator, handler or file`;
  return null;
}

/**
 * The collection as one .http file that both tools read: collection variables as file variables,
 * one `### name` block per request (folders are flattened; their names lead the request's), the
 * playground's own fields as `# @playground-...` comments. What the format cannot carry is listed in
 * `notes` and written as close as it can be.
 */
export function printHttpFile(
  collection: Collection,
  bases: EnvironmentBases,
  partnerBases?: EnvironmentBases,
): { text: string; notes: string[] } {
  const notes: string[] = [];
  const out: string[] = [];
  for (const v of collection.variables) {
    if (v.value !== v.value.trim() || /[\r\n]/.test(v.value))
      notes.push(
        `The value of ${v.name} has leading or trailing spaces or line breaks, which a .http file cannot keep.`,
      );
    out.push(`@${v.name} = ${v.value.replace(/[\r\n]+/g, ' ')}`);
  }
  if (out.length) out.push('');
  for (const { request: r, folders } of savedRequests(collection)) {
    const name = [...folders, r.name].join(' / ');
    if (folders.length) notes.push(`"${name}": folders are written into the request's name; .http files have none.`);
    if (name !== name.trim()) notes.push(`"${name}": leading or trailing spaces of the name are lost.`);
    out.push(`### ${name}`);
    if (r.scheme) out.push(`# @playground-scheme ${r.scheme}`);
    if (r.demoKey) out.push(`# @playground-demo-key ${r.demoKey}`);
    if (r.partnerKey) out.push(`# @playground-partner-key ${r.partnerKey}`);
    if (r.timestampUnit) out.push(`# @playground-timestamp-unit ${r.timestampUnit}`);
    if (r.freshness) out.push(`# @playground-freshness ${r.freshness}`);
    for (const c of r.captures) out.push(`# @playground-capture ${c.variable} ${c.path}`);
    if (!METHODS.includes(r.method))
      notes.push(
        `"${name}": ${r.method} is not a method the JetBrains and VS Code tools know; they would read it as part of the URL.`,
      );
    const url = r.environment
      ? baseOf(r.environment, r.scheme, bases, partnerBases).replace(/\/+$/, '') + r.path
      : r.path;
    if (/\s/.test(url) || url === '' || (r.environment !== null && !/^($|[/?])/.test(r.path)))
      notes.push(`"${name}": the path ${JSON.stringify(r.path.slice(0, 60))} does not read back as the same URL.`);
    out.push(`${r.method} ${url}`);
    for (const h of r.headers) {
      if (h.value !== h.value.trim() || /^[#&]/.test(h.name))
        notes.push(
          `"${name}": the header ${h.name} does not read back exactly (spaces around values are trimmed; a line starting with # is a comment, with & a query line).`,
        );
      out.push(`${h.name}: ${h.value}`);
    }
    if (r.body !== null) {
      const problem = bodyProblem(r.body);
      if (problem) notes.push(`"${name}": ${problem}.`);
      out.push('', r.body.replace(/\r\n?/g, '\n'));
    }
    out.push('');
  }
  return { text: out.join('\n'), notes };
}
