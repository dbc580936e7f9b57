import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fillPath } from '../../core/catalogue.ts';
import { PARTNER_DESCRIPTIONS, PARTNER_OPERATIONS, partnerOperationKey } from '../../core/partner/catalogue.ts';
import { PARTNER_ROUTES } from '../mock/partner/routes.ts';
import { readSwaggerOperations } from './partner.ts';
import { renderSwaggerOperations } from './render.ts';

const SWAGGER = fileURLToPath(new URL('../mock/partner/partner-api-swagger.yaml', import.meta.url));
const GENERATED = fileURLToPath(new URL('../../core/partner/swagger-operations.generated.ts', import.meta.url));
const swaggerText = readFileSync(SWAGGER, 'utf8');

describe('the Partner API catalogue', () => {
  it('is what the OpenAPI file gives today (the generated module is current)', async () => {
    expect(await renderSwaggerOperations(swaggerText, GENERATED)).toBe(readFileSync(GENERATED, 'utf8'));
  });

  it('has the 53 operations the mock serves, each with our own one-line description', () => {
    expect(PARTNER_OPERATIONS).toHaveLength(53);
    const keys = PARTNER_OPERATIONS.map(partnerOperationKey).sort();
    expect(keys).toEqual(PARTNER_ROUTES.map(partnerOperationKey).sort());
    expect(Object.keys(PARTNER_DESCRIPTIONS).sort()).toEqual(keys);
    for (const o of PARTNER_OPERATIONS) {
      expect(o.description, partnerOperationKey(o)).toMatch(/^[A-Z].{10,120}[.)]$/);
      expect(o.summary.length, partnerOperationKey(o)).toBeGreaterThan(3);
    }
    expect(new Set(PARTNER_OPERATIONS.map((o) => o.id)).size).toBe(53);
  });

  it('has a form for every path placeholder and JSON example bodies for the operations that take a body', () => {
    for (const o of PARTNER_OPERATIONS) {
      const placeholders = [...o.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const pathParams = o.params.filter((p) => p.in === 'path');
      expect(pathParams.map((p) => p.name).sort(), o.path).toEqual([...placeholders].sort());
      expect(pathParams.every((p) => p.required)).toBe(true);
      if (o.exampleBody !== undefined) expect(() => JSON.parse(o.exampleBody!), o.path).not.toThrow();
    }
    const byKey = new Map(PARTNER_OPERATIONS.map((o) => [partnerOperationKey(o), o]));
    expect(JSON.parse(byKey.get('POST /company')!.exampleBody!)).toMatchObject({ name: 'ACME Corp' });
    expect(byKey.get('GET /company/{company_id}')!.exampleBody).toBeUndefined();
    // A schema without an example still gets a body to start from.
    expect(JSON.parse(byKey.get('POST /coreclient')!.exampleBody!)).toHaveProperty('name');
    const ledger = byKey.get('GET /company/{company_id}/fund/{fund_id}/ledger')!;
    expect(ledger.params.find((p) => p.name === 'direction')?.values).toEqual(['all', 'in', 'out']);
    expect(fillPath(ledger, { company_id: 'c1', fund_id: 'f 1', direction: 'in', limit: '5' })).toBe(
      '/company/c1/fund/f%201/ledger?direction=in&limit=5',
    );
    expect(byKey.get('GET /coreclient/feed')!.auth).toBe('zkp');
    expect(byKey.get('GET /assets')!.auth).toBe('rsa');
  });

  it('reads path-level parameters and $ref parameters, and skips the signing headers', () => {
    const ops = readSwaggerOperations(`
openapi: 3.0.2
paths:
  /thing/{id}:
    parameters:
      - $ref: '#/components/parameters/Id'
    get:
      tags: [T]
      summary: '  A   thing '
      parameters:
        - { name: x-sign, in: header, schema: { type: string } }
        - { name: kind, in: query, schema: { type: string, enum: [a, b] } }
    post:
      tags: [T]
      summary: Make one
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties: { n: { type: integer }, s: { type: string, example: hi } }
components:
  parameters:
    Id: { name: id, in: path, required: true, description: The id }
`);
    expect(ops).toEqual([
      {
        method: 'GET',
        path: '/thing/{id}',
        tag: 'T',
        summary: 'A thing',
        auth: 'rsa',
        params: [
          { name: 'id', in: 'path', required: true, description: 'The id' },
          { name: 'kind', in: 'query', required: false, description: '', values: ['a', 'b'] },
        ],
      },
      {
        method: 'POST',
        path: '/thing/{id}',
        tag: 'T',
        summary: 'Make one',
        auth: 'rsa',
        params: [{ name: 'id', in: 'path', required: true, description: 'The id' }],
        exampleBody: '{\n  "n": 0,\n  "s": "hi"\n}',
      },
    ]);
  });
});
