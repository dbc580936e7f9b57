/**
 * A small OpenAPI 3.0 response checker: a spec file in, the deviations of one answer out.
 *
 *   const spec = loadOpenApi(fileURLToPath(new URL('./qredo-api-swagger.yaml', import.meta.url)));
 *   const deviations = validateResponse(spec, { method: 'GET', pathTemplate: '/balance', status: 200, body });
 *   // [] when the answer matches; otherwise one entry per broken rule, each with a JSON pointer into the body
 *
 * It knows nothing about any particular API, so it serves every OpenAPI 3.0 file in the project.
 *
 * How the spec is read:
 * - Schemas go through `@openapi-contrib/openapi-schema-to-json-schema` (OpenAPI 3.0 → JSON Schema:
 *   `nullable` becomes a `null` type, `format: int64`/`double` become numeric bounds, `format: byte`
 *   a base64 pattern) and are checked with ajv. Other formats are not checked: API files use
 *   invented ones (`unix-timestamp`, `string`, `object`).
 * - `$ref` is followed inside the file (`#/components/...`); references to other files are refused.
 * - A response is looked up by its exact status, then its range (`4XX`), then `default`. A status
 *   the operation does not declare is a deviation (keyword `status`).
 * - Strict about property names (option `undeclaredProperties`, default `'deviation'`): a property
 *   the schema does not declare is a deviation (keyword `additionalProperties`). OpenAPI allows them
 *   by default, but most API files declare no `required` list, so without this a renamed field would
 *   pass unnoticed. Free-form objects (no `properties`) stay open, and so do the direct branches of
 *   an `allOf`, which declare their properties between them.
 */
import { readFileSync } from 'node:fs';
import { openapiSchemaToJsonSchema } from '@openapi-contrib/openapi-schema-to-json-schema';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

/** A loaded OpenAPI file; build with loadOpenApi() or openApiFromDocument(), read with validateResponse(). */
export interface OpenApiSpec {
  /** Where the document came from, for messages. */
  source: string;
  /** The parsed document, unchanged. */
  document: Record<string, unknown>;
  options: Required<OpenApiOptions>;
  /** Validators compiled so far, by method, path template and response key. */
  readonly compiled: Map<string, Compiled>;
  readonly ajv: Ajv;
  /** Each converted schema node → its place in the spec, so that a deviation can name the rule it broke. */
  readonly locations: WeakMap<object, string>;
}

export interface OpenApiOptions {
  /** `'deviation'` (default): a property the schema does not declare is reported. `'allowed'`: OpenAPI's own default. */
  undeclaredProperties?: 'deviation' | 'allowed';
}

export interface ResponseToCheck {
  /** HTTP method, any case. */
  method: string;
  /** The path as the spec writes it, with `{name}` segments: `/funds/{fund_id}`. */
  pathTemplate: string;
  status: number;
  /** The parsed JSON body (undefined when there was none). */
  body: unknown;
}

export interface Deviation {
  /** JSON pointer (RFC 6901) into the body: `''` is the body itself, `/assets/BTC/total` a field in it. */
  pointer: string;
  /** A JSON Schema keyword (`type`, `enum`, `additionalProperties`, …), or `operation`, `status`, `content`. */
  keyword: string;
  /** One readable sentence: what the spec says and what the answer has. */
  message: string;
  /** Where the broken rule is written in the spec, as a JSON pointer fragment: `#/components/schemas/Error/properties/code/type`. */
  schemaPath: string;
}

export interface OperationInfo {
  method: string;
  pathTemplate: string;
  /** Response keys as written: `200`, `4XX`, `default`. */
  responses: string[];
}

interface Compiled {
  validate: ValidateFunction | null;
  /** Spec location of the schema the validator was compiled from. */
  schemaPath: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
/** The id under which the converted `components` live inside ajv; local `#/components/...` refs are rewritten to it. */
const DOCUMENT_ID = 'openapi-document';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads an OpenAPI 3.0 file (YAML or JSON) and prepares it for validateResponse(). */
export function loadOpenApi(file: string, options: OpenApiOptions = {}): OpenApiSpec {
  return openApiFromDocument(parse(readFileSync(file, 'utf8')) as unknown, file, options);
}

/** The same from an already parsed document. */
export function openApiFromDocument(document: unknown, source: string, options: OpenApiOptions = {}): OpenApiSpec {
  if (!isObject(document) || typeof document.openapi !== 'string' || !document.openapi.startsWith('3.0')) {
    throw new Error(`${source}: not an OpenAPI 3.0 document (no "openapi: 3.0.x" field)`);
  }
  const resolved: Required<OpenApiOptions> = { undeclaredProperties: options.undeclaredProperties ?? 'deviation' };
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, logger: false, verbose: true });
  const components = isObject(document.components) ? document.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  const locations = new WeakMap<object, string>();
  const context = { options: resolved, source, locations };
  const converted: Json = {};
  for (const [name, schema] of Object.entries(schemas))
    converted[name] = toJsonSchema(schema, context, `#/components/schemas/${escapePointer(name)}`);
  ajv.addSchema({ $id: DOCUMENT_ID, components: { schemas: converted } });
  return { source, document, options: resolved, compiled: new Map(), ajv, locations };
}

/** Every operation in the spec, in file order. */
export function listOperations(spec: OpenApiSpec): OperationInfo[] {
  const out: OperationInfo[] = [];
  const paths = isObject(spec.document.paths) ? spec.document.paths : {};
  for (const [pathTemplate, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const responses = isObject(op.responses) ? Object.keys(op.responses) : [];
      out.push({ method: method.toUpperCase(), pathTemplate, responses });
    }
  }
  return out;
}

/** Checks one answer against the operation's declared response; [] when it matches. */
export function validateResponse(spec: OpenApiSpec, answer: ResponseToCheck): Deviation[] {
  const method = answer.method.toLowerCase();
  const paths = isObject(spec.document.paths) ? spec.document.paths : {};
  const item = paths[answer.pathTemplate];
  const op = isObject(item) ? item[method] : undefined;
  const opPath = `#/paths/${escapePointer(answer.pathTemplate)}/${method}`;
  if (!isObject(op)) {
    return [
      {
        pointer: '',
        keyword: 'operation',
        message: `${answer.method.toUpperCase()} ${answer.pathTemplate} is not an operation of ${spec.source}`,
        schemaPath: `#/paths/${escapePointer(answer.pathTemplate)}`,
      },
    ];
  }
  const responses = isObject(op.responses) ? op.responses : {};
  const key = [String(answer.status), `${String(answer.status)[0]}XX`, 'default'].find((k) => k in responses);
  if (key === undefined) {
    return [
      {
        pointer: '',
        keyword: 'status',
        message: `status ${answer.status} is not declared for ${answer.method.toUpperCase()} ${answer.pathTemplate} (declared: ${Object.keys(responses).join(', ')})`,
        schemaPath: `${opPath}/responses`,
      },
    ];
  }
  const cacheKey = `${method} ${answer.pathTemplate} ${key}`;
  let compiled = spec.compiled.get(cacheKey);
  if (!compiled) {
    compiled = compileResponse(spec, responses[key], `${opPath}/responses/${escapePointer(key)}`);
    spec.compiled.set(cacheKey, compiled);
  }
  if (!compiled.validate) {
    return answer.body === undefined
      ? []
      : [
          {
            pointer: '',
            keyword: 'content',
            message: `status ${answer.status} declares no JSON body, but the answer has one`,
            schemaPath: compiled.schemaPath,
          },
        ];
  }
  if (compiled.validate(answer.body)) return [];
  return (compiled.validate.errors ?? [])
    .filter((e) => e.keyword !== 'if')
    .map((e) => toDeviation(e, answer.body, spec.locations));
}

/**
 * Checks a value against one schema of the spec, named by its reference (`#/components/schemas/Error`):
 * for messages that are not an operation's answer (a WebSocket frame, an error the spec does not list).
 */
export function validateAgainst(spec: OpenApiSpec, ref: string, value: unknown): Deviation[] {
  const cacheKey = `schema ${ref}`;
  // Entries under "schema …" keys always have a validator (only an operation's answer may have none).
  let validate = spec.compiled.get(cacheKey)?.validate;
  if (!validate) {
    resolveLocal(spec, ref);
    const context = { options: spec.options, source: spec.source, locations: spec.locations };
    validate = spec.ajv.compile(toJsonSchema({ $ref: ref }, context, ref));
    spec.compiled.set(cacheKey, { validate, schemaPath: ref });
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).filter((e) => e.keyword !== 'if').map((e) => toDeviation(e, value, spec.locations));
}

/** Deviations as text, one per line: `/pointer: message (schemaPath)`. */
export function formatDeviations(deviations: readonly Deviation[]): string {
  return deviations.map((d) => `${d.pointer || '(body)'}: ${d.message} [${d.schemaPath}]`).join('\n');
}

// ---- internals ---------------------------------------------------------------------------------

function compileResponse(spec: OpenApiSpec, response: unknown, location: string): Compiled {
  let schemaPath = location;
  let resolved = response;
  // A response may itself be a reference, e.g. `$ref: '#/components/responses/NotFound'`.
  for (let hops = 0; isObject(resolved) && typeof resolved.$ref === 'string'; hops++) {
    if (hops > 16) throw new Error(`${spec.source}: reference loop at ${location}`);
    schemaPath = resolved.$ref;
    resolved = resolveLocal(spec, resolved.$ref);
  }
  const content = isObject(resolved) && isObject(resolved.content) ? resolved.content : {};
  const mediaType = Object.keys(content).find((t) => t === 'application/json' || /[/+]json\b/.test(t));
  const media = mediaType ? content[mediaType] : undefined;
  if (!mediaType || !isObject(media) || !isObject(media.schema)) return { validate: null, schemaPath };
  schemaPath = `${schemaPath}/content/${escapePointer(mediaType)}/schema`;
  const schema = media.schema;
  const context = { options: spec.options, source: spec.source, locations: spec.locations };
  return { validate: spec.ajv.compile(toJsonSchema(schema, context, schemaPath)), schemaPath };
}

function resolveLocal(spec: OpenApiSpec, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`${spec.source}: only local references are supported; got ${ref}`);
  let node: unknown = spec.document;
  for (const part of ref.slice(2).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[key] : undefined;
  }
  if (node === undefined) throw new Error(`${spec.source}: unresolved reference ${ref}`);
  return node;
}

interface ConvertContext {
  options: Required<OpenApiOptions>;
  source: string;
  locations: WeakMap<object, string>;
}

/** OpenAPI 3.0 schema → JSON Schema ajv can compile, with local refs pointing into the document added under DOCUMENT_ID. */
function toJsonSchema(schema: unknown, context: ConvertContext, location: string): Json {
  const converted = openapiSchemaToJsonSchema(isObject(schema) ? schema : {}, { cloneSchema: true }) as Json;
  delete converted.$schema;
  return adapt(converted, context, location, false);
}

/**
 * Rewrites refs, turns draft-4 boolean exclusive bounds into numbers, closes declared objects when
 * asked, and records where each node sits in the spec.
 */
function adapt(node: Json, context: ConvertContext, location: string, branchOfAllOf: boolean): Json {
  context.locations.set(node, location);
  if (typeof node.$ref === 'string') node.$ref = absoluteRef(node.$ref, context.source);
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof node[flag] === 'boolean') {
      if (node[flag] && typeof node[bound] === 'number') {
        node[flag] = node[bound];
        delete node[bound];
      } else delete node[flag];
    }
  }
  if (isObject(node.properties)) {
    for (const [name, value] of Object.entries(node.properties))
      if (isObject(value)) adapt(value, context, `${location}/properties/${escapePointer(name)}`, false);
    const open = 'additionalProperties' in node || 'patternProperties' in node || branchOfAllOf;
    if (context.options.undeclaredProperties === 'deviation' && !open) node.additionalProperties = false;
  }
  if (isObject(node.additionalProperties))
    adapt(node.additionalProperties, context, `${location}/additionalProperties`, false);
  if (isObject(node.items)) adapt(node.items, context, `${location}/items`, false);
  if (Array.isArray(node.items))
    node.items.forEach((item, i) => isObject(item) && adapt(item, context, `${location}/items/${i}`, false));
  if (isObject(node.not)) adapt(node.not, context, `${location}/not`, false);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = node[key];
    if (Array.isArray(list))
      list.forEach(
        (member, i) => isObject(member) && adapt(member, context, `${location}/${key}/${i}`, key === 'allOf'),
      );
  }
  return node;
}

function absoluteRef(ref: string, source: string): string {
  if (ref.startsWith(`${DOCUMENT_ID}#`)) return ref;
  if (!ref.startsWith('#/components/'))
    throw new Error(`${source}: only #/components/ references are supported; got ${ref}`);
  return `${DOCUMENT_ID}${ref}`;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function valueAt(body: unknown, pointer: string): unknown {
  if (pointer === '') return body;
  let node: unknown = body;
  for (const part of pointer.slice(1).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    node = Array.isArray(node) ? node[Number(key)] : isObject(node) ? node[key] : undefined;
  }
  return node;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return `${Number.isInteger(value) ? 'integer' : 'number'} ${value}`;
  if (typeof value === 'string')
    return `string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function toDeviation(e: ErrorObject, body: unknown, locations: WeakMap<object, string>): Deviation {
  // The rule's place in the spec: the schema node holding the keyword (ajv's own schemaPath loses its way through refs).
  const holder = isObject(e.parentSchema) ? locations.get(e.parentSchema) : undefined;
  const schemaPath = holder ? `${holder}/${e.keyword}` : e.schemaPath;
  if (e.keyword === 'additionalProperties') {
    const name = String((e.params as { additionalProperty: string }).additionalProperty);
    return {
      pointer: `${e.instancePath}/${escapePointer(name)}`,
      keyword: e.keyword,
      message: `property ${JSON.stringify(name)} is not declared by the schema`,
      schemaPath,
    };
  }
  const got = describe(valueAt(body, e.instancePath));
  if (e.keyword === 'enum') {
    const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
    return {
      pointer: e.instancePath,
      keyword: e.keyword,
      message: `must be one of ${JSON.stringify(allowed)}; got ${got}`,
      schemaPath,
    };
  }
  return {
    pointer: e.instancePath,
    keyword: e.keyword,
    message: `${e.message ?? 'is invalid'}; got ${got}`,
    schemaPath,
  };
}
