import { describe, expect, it } from 'vitest';
import {
  formatDeviations,
  listOperations,
  openApiFromDocument,
  validateAgainst,
  validateResponse,
} from './validate.ts';

const DOCUMENT = {
  openapi: '3.0.3',
  paths: {
    '/things/{id}': {
      get: {
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          '4XX': { $ref: '#/components/responses/Problem' },
          default: { description: 'anything else, no body' },
        },
      },
    },
    '/inline': {
      post: {
        responses: {
          '201': {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { list: { type: 'array', items: { $ref: '#/components/schemas/Thing' } } },
                },
              },
            },
          },
        },
      },
    },
  },
  components: {
    responses: {
      Problem: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    },
    schemas: {
      Thing: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          count: { type: 'integer', format: 'int32', minimum: 0, exclusiveMinimum: true },
          kind: { type: 'string', enum: ['a', 'b'] },
          note: { type: 'string', nullable: true },
          extra: { type: 'object' },
          sized: {
            allOf: [
              { type: 'object', properties: { w: { type: 'number' } } },
              { type: 'object', properties: { h: { type: 'number' } } },
            ],
          },
        },
      },
      Problem: { type: 'object', properties: { code: { type: 'integer' }, reason: { type: 'string' } } },
    },
  },
};

const spec = openApiFromDocument(DOCUMENT, 'test.yaml');
const check = (pathTemplate: string, status: number, body: unknown, method = 'GET') =>
  validateResponse(spec, { method, pathTemplate, status, body });

describe('validateResponse', () => {
  it('accepts a conforming answer, nulls where nullable, and free-form objects', () => {
    expect(check('/things/{id}', 200, { id: 'x', count: 2, kind: 'a', note: null, extra: { anything: [1] } })).toEqual(
      [],
    );
    expect(check('/inline', 201, { list: [{ id: 'y' }] }, 'post')).toEqual([]);
  });

  it('names each broken rule with a pointer into the body and its place in the spec', () => {
    expect(check('/things/{id}', 200, { id: 7, kind: 'c', count: 0 })).toEqual([
      {
        pointer: '/id',
        keyword: 'type',
        message: 'must be string; got integer 7',
        schemaPath: '#/components/schemas/Thing/properties/id/type',
      },
      {
        pointer: '/count',
        keyword: 'exclusiveMinimum',
        message: 'must be > 0; got integer 0',
        schemaPath: '#/components/schemas/Thing/properties/count/exclusiveMinimum',
      },
      {
        pointer: '/kind',
        keyword: 'enum',
        message: 'must be one of ["a","b"]; got string "c"',
        schemaPath: '#/components/schemas/Thing/properties/kind/enum',
      },
    ]);
    const deep = check('/inline', 201, { list: [{ id: 'ok' }, { id: false }] }, 'POST');
    expect(deep.map((d) => [d.pointer, d.schemaPath])).toEqual([
      ['/list/1/id', '#/components/schemas/Thing/properties/id/type'],
    ]);
  });

  it('reports undeclared properties, except in free-form objects and between allOf branches', () => {
    const d = check('/things/{id}', 200, { id: 'x', renamed: 1, sized: { w: 1, h: 2 }, extra: { free: true } });
    expect(d).toEqual([
      {
        pointer: '/renamed',
        keyword: 'additionalProperties',
        message: 'property "renamed" is not declared by the schema',
        schemaPath: '#/components/schemas/Thing/additionalProperties',
      },
    ]);
    const lenient = openApiFromDocument(DOCUMENT, 'test.yaml', { undeclaredProperties: 'allowed' });
    expect(
      validateResponse(lenient, { method: 'get', pathTemplate: '/things/{id}', status: 200, body: { renamed: 1 } }),
    ).toEqual([]);
  });

  it('finds the response by exact status, then range, then default', () => {
    expect(check('/things/{id}', 404, { code: 404, reason: 'none' })).toEqual([]);
    expect(check('/things/{id}', 404, { code: '404' })[0]).toMatchObject({
      pointer: '/code',
      schemaPath: '#/components/schemas/Problem/properties/code/type',
    });
    expect(check('/things/{id}', 500, undefined)).toEqual([]);
    expect(check('/things/{id}', 500, { code: 500 })[0]).toMatchObject({ keyword: 'content' });
    expect(check('/inline', 200, {}, 'POST')).toEqual([
      {
        pointer: '',
        keyword: 'status',
        message: 'status 200 is not declared for POST /inline (declared: 201)',
        schemaPath: '#/paths/~1inline/post/responses',
      },
    ]);
  });

  it('reports an operation the spec does not have', () => {
    expect(check('/nothing', 200, {})[0]).toMatchObject({ keyword: 'operation' });
    expect(check('/inline', 201, {}, 'GET')[0]).toMatchObject({ keyword: 'operation' });
  });

  it('lists operations and formats deviations as lines', () => {
    expect(listOperations(spec)).toEqual([
      { method: 'GET', pathTemplate: '/things/{id}', responses: ['200', '4XX', 'default'] },
      { method: 'POST', pathTemplate: '/inline', responses: ['201'] },
    ]);
    expect(formatDeviations(check('/things/{id}', 200, { id: 1 }))).toBe(
      '/id: must be string; got integer 1 [#/components/schemas/Thing/properties/id/type]',
    );
  });

  it('refuses what it cannot read', () => {
    expect(() => openApiFromDocument({ swagger: '2.0' }, 'old.json')).toThrow(/not an OpenAPI 3.0 document/);
    const external = { openapi: '3.0.0', components: { schemas: { A: { $ref: 'other.yaml#/B' } } } };
    expect(() => openApiFromDocument(external, 'ext.yaml')).toThrow(/only #\/components\/ references/);
  });
});

describe('validateAgainst', () => {
  it('checks a value against one named schema', () => {
    expect(validateAgainst(spec, '#/components/schemas/Problem', { code: 1 })).toEqual([]);
    expect(validateAgainst(spec, '#/components/schemas/Problem', { code: 'x' })[0]).toMatchObject({ pointer: '/code' });
    expect(() => validateAgainst(spec, '#/components/schemas/Missing', {})).toThrow(/unresolved reference/);
  });
});
