import { describe, expect, it } from 'vitest';
import { decodeBase64, extensionFor, hexDump } from './binary.ts';
import { relayErrorTitle } from './errors.ts';
import { fileStamp, formatBytes, formatDuration } from './format.ts';
import { readQredoError, statusLine, statusMeaning, statusTone } from './status.ts';

describe('status', () => {
  it.each([
    [200, '', '200 OK'],
    [401, '', '401 Unauthorized'],
    [302, '', '302 Found'],
    [299, 'Odd', '299 Odd'],
    [599, '', '599 Server error'],
  ])('%i reads as its meaning', (status, text, line) => {
    expect(statusLine(status, text)).toBe(line);
  });
  it('names tones by class', () => {
    expect(statusTone(204)).toBe('success');
    expect(statusTone(307)).toBe('redirect');
    expect(statusTone(403)).toBe('client-error');
    expect(statusTone(502)).toBe('server-error');
    expect(statusTone(null)).toBe('error');
    expect(statusMeaning(404)).toBe('Not Found');
  });
  it('reads the Qredo error body', () => {
    expect(readQredoError('{"code":401,"msg":"errPartnerAuth","detail":{"reason":"signature"}}')).toEqual({
      code: '401',
      msg: 'errPartnerAuth',
      reason: 'signature',
    });
    expect(readQredoError('{"code":"403","msg":"Forbidden"}')).toEqual({ code: '403', msg: 'Forbidden', reason: null });
    expect(readQredoError('{"error":"x"}')).toBeNull();
    expect(readQredoError('<html>')).toBeNull();
    expect(readQredoError('[1]')).toBeNull();
  });
});

describe('format', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [2048, '2.0 KB'],
    [1536 * 1024, '1.5 MB'],
    [10 * 1024 * 1024, '10.0 MB'],
    [300 * 1024 * 1024, '300 MB'],
  ])('%i bytes is %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
  it('formats durations', () => {
    expect(formatDuration(null)).toBe('–');
    expect(formatDuration(0.42)).toBe('0.4 ms');
    expect(formatDuration(35.4)).toBe('35 ms');
    expect(formatDuration(1530)).toBe('1.53 s');
  });
  it('stamps file names in UTC', () => {
    expect(fileStamp(Date.UTC(2026, 10, 29, 9, 5, 7))).toBe('20261129-090507');
  });
});

describe('binary', () => {
  it('decodes base64 and dumps hex', () => {
    const bytes = decodeBase64(btoa('{"a":1}\u0000\u00ff'));
    expect(Array.from(bytes.slice(-2))).toEqual([0, 255]);
    expect(hexDump(bytes)[0]).toBe('00000000  7b 22 61 22 3a 31 7d 00 ff                       |{"a":1}..|');
    expect(decodeBase64(btoa('abcdefgh'), 4)).toHaveLength(4);
  });
  it('picks a download extension', () => {
    expect(extensionFor('application/json', false)).toBe('json');
    expect(extensionFor('text/html; charset=utf-8', false)).toBe('html');
    expect(extensionFor(undefined, true)).toBe('bin');
  });
  it('titles relay errors', () => {
    expect(relayErrorTitle('timeout')).toMatch(/did not answer/);
    expect(relayErrorTitle('something-new')).toMatch(/relay/);
  });
});
