import { describe, expect, it } from 'vitest';
import { planImport } from './import-files.ts';

const f = (name: string, text = name) => ({ name, text });

describe('files picked for an import', () => {
  it('tell the .http file from its environment files', () => {
    expect(planImport([f('http-client.env.json'), f('api.http'), f('http-client.private.env.json')])).toEqual({
      main: f('api.http'),
      envFile: 'http-client.env.json',
      privateEnvFile: 'http-client.private.env.json',
    });
  });

  it('take a Postman or playground file alone', () => {
    expect(planImport([f('qredo.postman_collection.json')])).toEqual({ main: f('qredo.postman_collection.json') });
  });

  it('refuse a pick without a request file, with two of them, or env files beside a JSON file', () => {
    expect(planImport([f('http-client.env.json')]).problem).toMatch(/request file/);
    expect(planImport([f('a.http'), f('b.http')]).problem).toMatch(/one request file/);
    expect(planImport([f('c.json'), f('http-client.env.json')]).problem).toMatch(/\.http file only/);
  });
});
