import { describe, expect, it } from 'vitest';
import type { HistoryEntry, WorkspaceDraft } from '../../../core/contract.ts';
import { draftFromEntry, draftFromRequest, draftFromSaved, savedRequestFromDraft } from './saved.ts';

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

describe('a saved request keeps its API', () => {
  const partnerDraft: WorkspaceDraft = {
    scheme: 'partner',
    partnerKey: 'partner-fresh',
    nonce: 'typed-once',
    environment: 'mock',
    method: 'POST',
    path: '/company',
    body: '{"name":"n"}',
    headers: [],
    timing: { mode: 'send-time', pinned: '', unit: 'nanoseconds' },
  };

  it('a Partner API request is saved as one, with its partner and its nonce mode, and opens as one', () => {
    const saved = savedRequestFromDraft('Company', partnerDraft);
    expect(saved).toEqual({
      type: 'request',
      name: 'Company',
      scheme: 'partner',
      method: 'POST',
      path: '/company',
      headers: [],
      body: '{"name":"n"}',
      environment: 'mock',
      partnerKey: 'partner-fresh',
      freshness: 'nonce',
      captures: [],
    });
    // The nonce typed once is never saved: a fresh one is made or typed for the next send.
    expect(draftFromSaved(saved)).toEqual({
      scheme: 'partner',
      partnerKey: 'partner-fresh',
      nonce: '',
      environment: 'mock',
      method: 'POST',
      path: '/company',
      body: '{"name":"n"}',
      headers: [],
      timing: { mode: 'send-time', pinned: '', unit: 'seconds' },
    });
  });

  it('a Partner API request signed with a timestamp opens without a nonce; a v1 request stays v1', () => {
    const { nonce: _unused, ...timestamped } = partnerDraft;
    const back = draftFromSaved(savedRequestFromDraft('Company', timestamped));
    expect(back.scheme).toBe('partner');
    expect(back).not.toHaveProperty('nonce');
    const v1 = draftFromSaved(
      savedRequestFromDraft('Balance', {
        ...timestamped,
        scheme: undefined,
        demoKey: 'read-only',
        partnerKey: undefined,
      }),
    );
    expect(v1).not.toHaveProperty('scheme');
    expect(v1.demoKey).toBe('read-only');
    expect(v1.timing?.unit).toBe('nanoseconds');
  });

  it('a demo partner is kept only on the mock, where it signs', () => {
    const saved = savedRequestFromDraft('Company', { ...partnerDraft, environment: 'sandbox' });
    expect(saved).not.toHaveProperty('partnerKey');
    expect(draftFromSaved(saved)).not.toHaveProperty('partnerKey');
  });

  it('"New request from history" on a Partner API entry opens a Partner API draft with its partner', () => {
    const entry = {
      scheme: 'partner',
      environment: 'mock',
      keyId: 'partner-northwind',
      timestamp: '1700000000',
      request: { method: 'GET', path: '/assets', body: null, extraHeaders: [] },
      stringToSign: { segments: [{ name: 'nonce', text: 'n' }] },
    } as unknown as HistoryEntry;
    expect(draftFromEntry(entry)).toMatchObject({ scheme: 'partner', partnerKey: 'partner-northwind', nonce: '' });
    const v1 = draftFromEntry({ ...entry, scheme: undefined, keyId: 'K' } as unknown as HistoryEntry, 'full');
    expect(v1).not.toHaveProperty('scheme');
    expect(v1.demoKey).toBe('full');
  });
});
