import { describe, expect, it } from 'vitest';
import type { DoctorResponse } from '../../../core/contract.ts';
import {
  correctedDraft,
  correctedRequest,
  defaultDoctorValues,
  diffText,
  doctorRequestFromForm,
  doctorView,
  valuesFromDoctorRequest,
} from './view-model.ts';

describe('doctorRequestFromForm', () => {
  it('sends a pasted cURL command as { curl } and anything else as { raw }', () => {
    const v = { ...defaultDoctorValues(), captured: "  curl 'https://x/qapi/v1/balance'" };
    expect(doctorRequestFromForm(v)).toEqual({ environment: 'mock', capture: { curl: v.captured } });
    const raw = { ...v, captured: 'GET /qapi/v1/balance HTTP/1.1\nHost: x\n\n' };
    expect(doctorRequestFromForm(raw).capture).toEqual({ raw: raw.captured });
  });

  it('takes fields exactly as typed; an empty body is none, an empty key id is left out', () => {
    const v = {
      ...defaultDoctorValues(),
      mode: 'fields' as const,
      timestamp: '1700000000',
      method: 'get',
      url: 'https://api.qredo.network/qapi/v1/balance ',
      signature: 'abc',
      environment: 'sandbox' as const,
      demoKey: 'full' as const,
    };
    expect(doctorRequestFromForm(v)).toEqual({
      environment: 'sandbox',
      capture: {
        timestamp: '1700000000',
        method: 'get',
        url: 'https://api.qredo.network/qapi/v1/balance ',
        body: null,
        signature: 'abc',
      },
    });
    const withKey = doctorRequestFromForm({ ...v, environment: 'mock', keyId: 'K', body: ' ' });
    expect(withKey).toMatchObject({ demoKey: 'full', capture: { keyId: 'K', body: ' ' } });
  });
});

describe('diffText', () => {
  it('splits around the differing middle', () => {
    expect(diffText('https://a/qapi/v1/balance', 'http://a/qapi/v1/balance')).toEqual({
      prefix: 'http',
      left: 's',
      right: '',
      suffix: '://a/qapi/v1/balance',
    });
    expect(diffText('same', 'same')).toEqual({ prefix: 'same', left: '', right: '', suffix: '' });
    expect(diffText('abcX', 'abcY')).toEqual({ prefix: 'abc', left: 'X', right: 'Y', suffix: '' });
  });
});

describe('doctorView', () => {
  const base: DoctorResponse = {
    environment: 'mock',
    keyId: 'K1',
    keyIdMatches: true,
    capture: { timestamp: '1', method: 'GET', url: 'https://h/qapi/v1/balance', body: null, signature: 'CAPTURED' },
    valid: false,
    signatureMatches: false,
    expected: 'EXPECTED',
    components: [
      { name: 'timestamp', captured: '1', same: true },
      { name: 'url', captured: 'https://h/qapi/v1/balance', same: false, signed: '/qapi/v1/balance' },
      { name: 'body', captured: '', same: true },
      { name: 'signature', captured: 'CAPTURED', expected: 'EXPECTED', same: false },
    ],
    causes: [
      { id: 'url-path-only', title: 'Path signed', detail: 'd1', certain: true },
      { id: 'url-scheme', title: 'Scheme', detail: 'd2', certain: false },
    ],
    reproduced: true,
    summary: 'The path alone was signed.',
    notes: [],
    variantsTried: 40,
  };

  it('ranks causes with their confidence and marks what differs', () => {
    const v = doctorView(base);
    expect(v.valid).toBe(false);
    expect(v.verdict).toMatch(/^Not valid/);
    expect(v.causes.map((c) => [c.rank, c.id, c.confidence])).toEqual([
      [1, 'url-path-only', 'certain'],
      [2, 'url-scheme', 'likely'],
    ]);
    const url = v.components.find((c) => c.name === 'url')!;
    expect(url.other).toMatchObject({ label: 'Signed instead', value: '/qapi/v1/balance' });
    expect(url.other!.diff.left).toBe('https://h');
    const sig = v.components.find((c) => c.name === 'signature')!;
    expect(sig.other).toMatchObject({ label: 'Expected', value: 'EXPECTED' });
    expect(v.components.find((c) => c.name === 'body')!.captured).toBe('(empty)');
    expect(v.keyLine).toContain('K1');
  });

  it('says valid plainly', () => {
    const v = doctorView({ ...base, valid: true, signatureMatches: true, causes: [], components: [] });
    expect(v.verdict).toMatch(/^Valid/);
  });
});

describe('the doctor, Partner API', () => {
  it('asks with scheme partner, the demo partner on the mock, and x-nonce for a nonce capture', () => {
    const v = { ...defaultDoctorValues(), scheme: 'partner' as const, partnerKey: 'partner-fresh' as const };
    expect(doctorRequestFromForm({ ...v, captured: "curl 'u'" })).toEqual({
      scheme: 'partner',
      environment: 'mock',
      partnerKey: 'partner-fresh',
      capture: { curl: "curl 'u'" },
    });
    const fields = doctorRequestFromForm({
      ...v,
      environment: 'sandbox',
      mode: 'fields',
      timestamp: 'n-1',
      freshness: 'nonce',
      url: 'https://sandbox-api.qredo.network/api/v1/p/assets',
      signature: 's',
    });
    expect(fields).not.toHaveProperty('partnerKey');
    expect(fields.capture).toMatchObject({ timestamp: 'n-1', freshness: 'nonce' });
    // The v1 demo key is not sent for a Partner capture.
    expect(doctorRequestFromForm({ ...v, demoKey: 'full', captured: 'x' })).not.toHaveProperty('demoKey');
  });
});

describe('a request handed to the doctor, and back to the composer', () => {
  it('fills the form so that submitting it asks the same question', () => {
    const fields = {
      environment: 'mock' as const,
      demoKey: 'read-only' as const,
      capture: {
        timestamp: '1700000000',
        method: 'POST',
        url: 'http://127.0.0.1:1/qapi/v1/transaction',
        body: '{"a":1}\r\n',
        signature: 'SIG',
        keyId: 'K',
      },
    };
    expect(doctorRequestFromForm(valuesFromDoctorRequest(fields))).toEqual(fields);
    const pasted = { environment: 'sandbox' as const, capture: { curl: "curl 'https://x/qapi/v1/balance'" } };
    expect(doctorRequestFromForm(valuesFromDoctorRequest(pasted))).toEqual(pasted);
  });

  const failing: DoctorResponse = {
    environment: 'sandbox',
    keyId: 'K1',
    keyIdMatches: true,
    capture: { timestamp: '1', method: 'post', url: 'https://h/qapi/v1/transaction', body: '{"a": 1}', signature: 'S' },
    valid: false,
    signatureMatches: false,
    expected: 'E',
    components: [],
    causes: [{ id: 'method-case', title: 'Method case', detail: 'd', certain: true }],
    reproduced: true,
    summary: 's',
    notes: [],
    variantsTried: 1,
  };

  it('opens the corrected request: the method upper-cased when its case was the mistake, URL and body as sent', () => {
    expect(correctedRequest(failing)).toEqual({
      scheme: 'v1',
      environment: 'sandbox',
      method: 'POST',
      url: 'https://h/qapi/v1/transaction',
      body: '{"a": 1}',
    });
    // Another cause: the method stays exactly as captured.
    expect(correctedRequest({ ...failing, causes: [] }).method).toBe('post');
    // A Partner API capture goes back to the Partner API's composer.
    expect(correctedRequest({ ...failing, scheme: 'partner' }).scheme).toBe('partner');
  });

  const demoKeys = [{ id: 'read-only' as const, keyId: 'K1' }];

  it('makes the composer request: the path under the base with its query, the method corrected, the exact body', () => {
    const d = { ...failing, capture: { ...failing.capture, url: 'https://h/qapi/v1/transaction?probe=1' } };
    expect(correctedDraft(d, ['https://h/qapi/v1'], demoKeys)).toEqual({
      ok: true,
      request: {
        environment: 'sandbox',
        method: 'POST',
        path: '/transaction?probe=1',
        body: '{"a": 1}',
        timestampUnit: 'seconds',
      },
    });
  });

  it('carries no secret and nothing signed: no timestamp, signature or key id, only the demo key’s name on the mock', () => {
    const d: DoctorResponse = {
      ...failing,
      environment: 'mock',
      capture: { ...failing.capture, timestamp: '1700000000123456789', keyId: 'K1', headerNames: ['qredo-api-key'] },
      causes: [],
    };
    const made = correctedDraft(d, ['https://h/qapi/v1'], demoKeys);
    expect(made).toEqual({
      ok: true,
      request: {
        environment: 'mock',
        demoKey: 'read-only',
        method: 'post',
        path: '/transaction',
        body: '{"a": 1}',
        timestampUnit: 'nanoseconds',
      },
    });
    expect(JSON.stringify(made)).not.toMatch(/1700000000123456789|"S"|K1|qredo-api/);
    // A timestamp in the wrong unit was the mistake: seconds, the playground's default.
    const wrongUnit = { ...d, causes: [{ id: 'timestamp-unit' as const, title: 't', detail: 'd', certain: true }] };
    const unit = correctedDraft(wrongUnit, []);
    expect(unit.ok && unit.request.timestampUnit).toBe('seconds');
  });

  it('keeps a Partner API capture for the Partner API, with the demo partner that was checked', () => {
    const d: DoctorResponse = {
      ...failing,
      scheme: 'partner',
      environment: 'mock',
      keyId: 'partner-fresh',
      capture: { ...failing.capture, url: 'https://h/api/v1/p/assets' },
      causes: [],
    };
    expect(correctedDraft(d, [])).toEqual({
      ok: true,
      request: {
        scheme: 'partner',
        partnerKey: 'partner-fresh',
        environment: 'mock',
        method: 'post',
        path: '/assets',
        body: '{"a": 1}',
      },
    });
  });

  it('says why a URL under no API base cannot be made a request', () => {
    const d = { ...failing, capture: { ...failing.capture, url: '/qapi/v1/balance' } };
    const made = correctedDraft(d, []);
    expect(made.ok).toBe(false);
    expect(!made.ok && made.error).toMatch(/is a path, not a full URL/);
  });
});
