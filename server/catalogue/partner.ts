/**
 * Reads the Partner API's operations out of Qredo's OpenAPI file (partner-api-swagger.yaml) with the
 * `yaml` parser: method, path, tag, summary, path and query parameters, and an example body (the
 * file's own example, else one built from the body schema's properties). `main.ts` writes the result
 * into core/partner/swagger-operations.generated.ts, which the build checks is current.
 */
import { parse } from 'yaml';
import type { PartnerMethod, SwaggerOperation } from '../../core/partner/catalogue-types.ts';

type SwaggerParam = SwaggerOperation['params'][number];

type Node = Record<string, unknown>;
const METHODS: readonly PartnerMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function readSwaggerOperations(yamlText: string): SwaggerOperation[] {
  const spec = parse(yamlText) as Node;
  const deref = (v: unknown, depth = 0): unknown => {
    if (!isNode(v) || typeof v.$ref !== 'string' || depth > 20) return v;
    let at: unknown = spec;
    for (const part of v.$ref.replace(/^#\//, '').split('/')) at = isNode(at) ? at[part] : undefined;
    return deref(at, depth + 1);
  };
  const out: SwaggerOperation[] = [];
  for (const [path, item] of Object.entries(spec.paths as Node)) {
    if (!isNode(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of METHODS) {
      const op = item[method.toLowerCase()];
      if (!isNode(op)) continue;
      const all = [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])].map((p) => deref(p) as Node);
      const headers = all.filter((p) => p.in === 'header').map((p) => String(p.name).toLowerCase());
      const params: SwaggerParam[] = all
        .filter((p) => p.in === 'path' || p.in === 'query')
        .map((p) => {
          const schema = (deref(p.schema) ?? {}) as Node;
          const values = Array.isArray(schema.enum) ? schema.enum.map(String) : undefined;
          return {
            name: String(p.name),
            in: p.in as 'path' | 'query',
            required: p.required === true || p.in === 'path',
            description: oneLine(String(p.description ?? schema.description ?? schema.title ?? '')),
            ...(values ? { values } : {}),
          };
        });
      const tags = Array.isArray(op.tags) ? op.tags.map(String) : [];
      const example = exampleBody(op.requestBody, deref);
      out.push({
        method,
        path,
        tag: tags[0] ?? 'Other',
        summary: oneLine(String(op.summary ?? '')),
        auth: headers.some((h) => h === 'x-api-zkp' || h === 'x-api-xkp') ? 'zkp' : 'rsa',
        params,
        ...(example !== undefined ? { exampleBody: example } : {}),
      });
    }
  }
  return out;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The body example as pretty JSON: the file's example, the first of its x-examples, else a skeleton of the schema. */
function exampleBody(requestBody: unknown, deref: (v: unknown) => unknown): string | undefined {
  const body = deref(requestBody);
  if (!isNode(body) || !isNode(body.content)) return undefined;
  const json = body.content['application/json'];
  if (!isNode(json)) return undefined;
  const schema = deref(json.schema) as Node | undefined;
  const firstOf = (examples: unknown) => {
    if (!isNode(examples)) return undefined;
    const first = Object.values(examples)[0];
    return isNode(first) && 'value' in first ? first.value : first;
  };
  const example =
    json.example ??
    firstOf(json.examples) ??
    schema?.example ??
    firstOf(schema?.['x-examples']) ??
    skeleton(schema, deref);
  return example === undefined ? undefined : JSON.stringify(example, null, 2);
}

function skeleton(schema: unknown, deref: (v: unknown) => unknown, depth = 0): unknown {
  const s = deref(schema);
  if (!isNode(s) || depth > 6) return undefined;
  if (s.example !== undefined) return s.example;
  if (isNode(s.properties)) {
    return Object.fromEntries(
      Object.entries(s.properties).map(([name, p]) => [name, skeleton(p, deref, depth + 1) ?? '']),
    );
  }
  if (s.type === 'array') return [];
  if (s.type === 'integer' || s.type === 'number') return 0;
  if (s.type === 'boolean') return false;
  if (s.type === 'string') return '';
  return undefined;
}
