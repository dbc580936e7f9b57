import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCurl } from '../import/curl.ts';
import { headerValue } from '../import/types.ts';
import { allSnippets, curlSnippet, shellQuote, type SnippetInput } from './snippets.ts';

const input: SnippetInput = {
  url: 'https://api.qredo.network/qapi/v1/transaction',
  method: 'POST',
  body: '{"note":"it\'s \\"quoted\\" – café 🚀"}\n',
  keyId: 'P15GkHVm8aEWC-',
  timestamp: '1700000000',
  signature: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ',
};

describe('snippets', () => {
  it('the cURL snippet round-trips through the cURL importer, byte for byte', () => {
    const r = parseCurl(curlSnippet(input));
    expect(r).toMatchObject({ method: 'POST', url: input.url, body: input.body });
    expect(headerValue(r, 'qredo-api-sig')).toBe(input.signature);
    expect(headerValue(r, 'qredo-api-ts')).toBe(input.timestamp);
    expect(headerValue(r, 'qredo-api-key')).toBe(input.keyId);
    expect(curlSnippet(input)).toMatch(/valid only while that timestamp is inside/);
  });

  it('keeps any body exact through shell quoting (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }).filter((s) => !s.includes('\0')),
        (body) => {
          expect(parseCurl(curlSnippet({ ...input, body })).body).toBe(body);
        },
      ),
      { numRuns: 2000 },
    );
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
  });

  it('the programs read the secret from the environment and name no secret', () => {
    const s = allSnippets(input);
    expect(s.python).toContain('os.environ["QREDO_API_SECRET"]');
    expect(s.node).toContain('process.env.QREDO_API_SECRET');
    expect(s.go).toContain('os.Getenv("QREDO_API_SECRET")');
    for (const text of Object.values(s)) expect(text).not.toMatch(/JDJhJDEw/);
    expect(s.python).not.toMatch(/^import (requests|httpx)/m);
    expect(s.node).not.toMatch(/require\(|from '(?!node:)/);
  });

  it('refuses an environment variable name that is not one', () => {
    expect(() => allSnippets({ ...input, secretEnvVar: 'A; rm -rf /' })).toThrow(/not an environment variable name/);
  });
});
