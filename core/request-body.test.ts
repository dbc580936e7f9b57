import { describe, expect, it } from 'vitest';
import { describeUnexpectedBody, methodTakesNoBody, unexpectedBody } from './request-body.ts';

describe('methodTakesNoBody', () => {
  it.each([
    ['GET', true],
    ['get', true],
    ['HEAD', true],
    ['DELETE', true],
    ['POST', false],
    ['PUT', false],
    ['PATCH', false],
    ['OPTIONS', false],
    ['PROPFIND', false],
  ])('%s → %s', (method, expected) => {
    expect(methodTakesNoBody(method)).toBe(expected);
  });
});

describe('unexpectedBody', () => {
  it('is null without a body, or for a method that takes one', () => {
    expect(unexpectedBody('GET', null)).toBeNull();
    expect(unexpectedBody('GET', '')).toBeNull();
    expect(unexpectedBody('POST', '{"a":1}')).toBeNull();
  });

  it('counts the bytes of a body sent with GET, whitespace included', () => {
    expect(unexpectedBody('GET', '{"é":1}')).toEqual({ method: 'GET', bytes: 8, whitespaceOnly: false });
    expect(unexpectedBody('GET', ' \r\n\t')).toEqual({ method: 'GET', bytes: 4, whitespaceOnly: true });
  });

  it('follows the operation when it takes no body, whatever the method', () => {
    expect(unexpectedBody('POST', '{}', { operationTakesNoBody: true })).toEqual({
      method: 'POST',
      bytes: 2,
      whitespaceOnly: false,
    });
  });
});

describe('describeUnexpectedBody', () => {
  it('says what is signed and sent, in bytes', () => {
    expect(describeUnexpectedBody({ method: 'GET', bytes: 222, whitespaceOnly: false })).toBe(
      'GET with a 222 B body: it is signed and sent',
    );
    expect(describeUnexpectedBody({ method: 'DELETE', bytes: 12345, whitespaceOnly: false })).toBe(
      'DELETE with a 12,345 B body: it is signed and sent',
    );
    expect(describeUnexpectedBody({ method: 'GET', bytes: 4, whitespaceOnly: true })).toBe(
      'GET with a 4 B whitespace-only body: it is signed and sent',
    );
  });
});
