import { describe, expect, it } from 'vitest';
import { draftFromRequest, savedRequestFromDraft } from './saved.ts';

describe('draftFromRequest', () => {
  it('keeps what the request is: environment, demo key, method, path with its query, headers, exact body', () => {
    const draft = draftFromRequest({
      environment: 'mock',
      demoKey: 'read-only',
      method: 'POST',
      path: '/transaction?probe=1',
      body: '{"a": 1}\r\n',
      headers: [{ name: 'X-Trace', value: 'abc' }],
      timestampUnit: 'nanoseconds',
    });
    expect(draft).toEqual({
      environment: 'mock',
      demoKey: 'read-only',
      method: 'POST',
      path: '/transaction?probe=1',
      body: '{"a": 1}\r\n',
      headers: [{ name: 'X-Trace', value: 'abc' }],
      timing: { mode: 'send-time', pinned: '', unit: 'nanoseconds' },
    });
  });

  it('is signed again at send time: a pinned timestamp, a nonce and the signing headers never come along', () => {
    const draft = draftFromRequest({
      environment: 'sandbox',
      demoKey: 'full',
      method: 'GET',
      path: '/balance',
      body: null,
      timestamp: '1700000000',
      nonce: 'n-1',
      headers: [
        { name: 'qredo-api-sig', value: 'S' },
        { name: 'QREDO-API-KEY', value: 'K' },
        { name: 'qredo-api-ts', value: '1700000000' },
        { name: 'Host', value: 'evil.example' },
        { name: 'Accept', value: 'text/plain' },
      ],
    });
    expect(draft).toEqual({
      environment: 'sandbox',
      method: 'GET',
      path: '/balance',
      body: '',
      headers: [{ name: 'Accept', value: 'text/plain' }],
      timing: { mode: 'send-time', pinned: '', unit: 'seconds' },
    });
    // The demo key is the mock's only; elsewhere the environment's configured key signs.
    expect(draft).not.toHaveProperty('demoKey');
    expect(JSON.stringify(draft)).not.toMatch(/1700000000|n-1|"S"|"K"/);
  });

  it('keeps a Partner API request for the Partner API, with its demo partner, in seconds', () => {
    const draft = draftFromRequest({
      scheme: 'partner',
      environment: 'mock',
      partnerKey: 'partner-fresh',
      method: 'GET',
      path: '/assets',
      body: null,
      timestampUnit: 'nanoseconds',
      headers: [{ name: 'x-sign', value: 'S' }],
    });
    expect(draft).toEqual({
      scheme: 'partner',
      partnerKey: 'partner-fresh',
      environment: 'mock',
      method: 'GET',
      path: '/assets',
      body: '',
      headers: [],
      timing: { mode: 'send-time', pinned: '', unit: 'seconds' },
    });
  });

  it('saves as the same request (Save to collection…)', () => {
    const draft = draftFromRequest({ environment: 'mock', method: 'PUT', path: '/x?y=1', body: 'b' });
    expect(savedRequestFromDraft('Put x', draft)).toEqual({
      type: 'request',
      name: 'Put x',
      method: 'PUT',
      path: '/x?y=1',
      headers: [],
      body: 'b',
      environment: 'mock',
      timestampUnit: 'seconds',
      captures: [],
    });
  });
});
