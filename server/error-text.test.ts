import { describe, expect, it } from 'vitest';
import { errorText } from './error-text.ts';

describe('errorText', () => {
  it("is an error's message or stack", () => {
    const error = new Error('boom');
    expect(errorText(error)).toBe('boom');
    expect(errorText(error, 'stack')).toBe(error.stack);
    expect(errorText({ message: 'not an Error, but it says' })).toBe('not an Error, but it says');
  });

  it('is the thrown value as text when it has no message', () => {
    expect(errorText('a string')).toBe('a string');
    expect(errorText(42)).toBe('42');
    expect(errorText(null)).toBe('null');
    expect(errorText(undefined)).toBe('undefined');
    expect(errorText({ code: 1 })).toBe('[object Object]');
  });
});
