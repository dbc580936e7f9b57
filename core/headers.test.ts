import { describe, expect, it } from 'vitest';
import { extraHeaderIssues, headerNameProblem, headerValueProblem, isComputedHeader } from './headers.ts';

describe('added request headers', () => {
  it('accepts ordinary headers, Accept and Content-Type included', () => {
    for (const name of ['X-Request-Id', 'accept', 'Content-Type', 'If-None-Match', 'qredo-api-sign'])
      expect(headerNameProblem(name)).toBeNull();
    expect(headerValueProblem('abc 123\tdef')).toBeNull();
  });

  it('refuses the computed, transport and hop-by-hop names, in any case, with a reason', () => {
    for (const name of ['qredo-api-key', 'QREDO-API-TS', 'Qredo-Api-Sig']) {
      expect(isComputedHeader(name)).toBe(true);
      expect(headerNameProblem(name)).toMatch(/computed by the playground/);
    }
    for (const name of ['Host', 'content-length', 'Transfer-Encoding', 'Connection', 'Keep-Alive', 'TE', 'Upgrade'])
      expect(headerNameProblem(name)).toMatch(/written by the relay/);
    expect(headerNameProblem('X Bad')).toMatch(/HTTP token/);
    expect(headerNameProblem('')).toMatch(/empty/);
  });

  it('refuses values that would split the request or be re-encoded', () => {
    expect(headerValueProblem('a\r\nX-Injected: 1')).toMatch(/line break/);
    expect(headerValueProblem('a\nb')).toMatch(/line break/);
    expect(headerValueProblem('café')).toMatch(/visible ASCII/);
  });

  it('names each problem at its field', () => {
    expect(
      extraHeaderIssues([
        { name: 'X-Ok', value: '1' },
        { name: 'Host', value: 'evil.example' },
        { name: 'X-Two', value: 'a\nb' },
      ]),
    ).toEqual([
      expect.stringMatching(/^headers\.1\.name: Host is written by the relay/),
      expect.stringMatching(/^headers\.2\.value: The header value contains a line break/),
    ]);
  });
});
