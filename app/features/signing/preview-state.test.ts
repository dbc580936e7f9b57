import { describe, expect, it } from 'vitest';
import type { RequestDraft, SignResponse } from '../../../core/contract.ts';
import { buildStringToSign } from '../../../core/signing/string-to-sign.ts';
import { layOut, layoutTimestamp, previewState, type PreviewInputs } from './preview-state.ts';

const base = 'http://127.0.0.1:8091/qapi/v1';
const draft: RequestDraft = { environment: 'mock', method: 'POST', path: '/transaction', body: '{"n":"é"}' };
const now = Date.UTC(2024, 0, 2, 3, 4, 5, 678);

function answerFor(d: RequestDraft, timestamp: string, signature = 'sig'): SignResponse {
  const built = buildStringToSign({ timestamp, method: d.method, url: `${base}${d.path}`, body: d.body });
  return {
    environment: d.environment,
    keyId: 'k',
    method: d.method,
    url: `${base}${d.path}`,
    timestamp,
    timestampAtSendTime: d.timestamp === undefined,
    stringToSign: { segments: built.segments, byteLength: built.bytes.length },
    signature,
    headers: [
      { name: 'qredo-api-key', value: 'k' },
      { name: 'qredo-api-ts', value: timestamp },
      { name: 'qredo-api-sig', value: signature },
    ],
    scheme: 'v1',
    bodySha256: 'h',
  };
}

/** The inputs the panel computes, laid out as it does (the answer's timestamp, else the clock). */
const inputs = (o: Partial<PreviewInputs> & { nowMs?: number }): PreviewInputs => {
  const d = o.draft ?? draft;
  const laidOut = layOut(d, base, layoutTimestamp(d, o.answer ?? null, o.nowMs ?? now));
  return { draft: d, laidOut, answer: null, answered: null, error: null, signedOnlyOnSend: false, sent: null, ...o };
};

describe('layOut', () => {
  it('lays out what the server signs: pinned timestamp, method, base URL + path, body as UTF-8', () => {
    const body = '{\n "note": "Café ☕"}';
    const view = layOut({ ...draft, path: '/transaction?x=1', body, timestamp: '1700000000' }, `${base}/`, '1');
    const expected = buildStringToSign({
      timestamp: '1700000000',
      method: 'POST',
      url: `${base}/transaction?x=1`,
      body,
    });
    expect(view).toEqual({ segments: expected.segments, byteLength: expected.bytes.length });
  });

  it('gives nothing when the server would refuse the draft or the base URL is unknown', () => {
    const ok: RequestDraft = { environment: 'mock', method: 'GET', path: '/balance', body: null };
    expect(layOut(ok, undefined, '1')).toBeNull();
    expect(layOut({ ...ok, path: 'balance' }, base, '1')).toBeNull();
    expect(layOut({ ...ok, path: '/a/../b' }, base, '1')).toBeNull();
    expect(layOut({ ...ok, method: '' }, base, '1')).toBeNull();
    expect(layOut({ ...ok, timestamp: '12ab' }, base, '1')).toBeNull();
  });
});

describe('previewState', () => {
  it("before any answer: laid out with the page's clock, in the unit asked, no signature", () => {
    const s = previewState(inputs({ draft: { ...draft, timestampUnit: 'nanoseconds' } }));
    expect(s).toMatchObject({ kind: 'live', signed: null, current: false });
    expect(s.kind === 'live' && s.stringToSign?.segments[0]?.text).toBe(`${now}000000`);
  });

  it("with the answer for this very draft: the server's timestamp, and its signature as current", () => {
    const answer = answerFor(draft, '1700000000');
    const s = previewState(inputs({ answer, answered: draft }));
    expect(s).toMatchObject({ kind: 'live', current: true, signed: { signature: 'sig' } });
    expect(s.kind === 'live' && s.stringToSign?.segments[0]?.text).toBe('1700000000');
  });

  it('with an answer for an earlier draft: laid out from the new one, the old signature not current', () => {
    const earlier = { ...draft, body: '{}' };
    const s = previewState(inputs({ answer: answerFor(earlier, '1700000000', 'old'), answered: earlier }));
    expect(s).toMatchObject({ kind: 'live', current: false, signed: { signature: 'old' } });
    expect(s.kind === 'live' && s.stringToSign?.segments[3]?.text).toBe(draft.body);
  });

  it("shows the server's own bytes when they differ from the page's layout", () => {
    const answer = answerFor({ ...draft, path: '/transaction?extra=1' }, '1700000000');
    const s = previewState(inputs({ answer, answered: draft }));
    expect(s.kind === 'live' && s.stringToSign).toBe(answer.stringToSign);
  });

  it('names the refusal only for the draft it concerns, and never signs a production mutation ahead', () => {
    const error = new Error('bad path');
    expect(previewState(inputs({ error, answered: draft })).kind).toBe('error');
    expect(previewState(inputs({ error, answered: { ...draft, body: null } })).kind).toBe('live');
    const s = previewState(inputs({ signedOnlyOnSend: true, answer: answerFor(draft, '1'), answered: draft }));
    expect(s.kind).toBe('send-only');
  });
});

describe('layOut, Partner API', () => {
  const partnerBase = 'https://sandbox-api.qredo.network/api/v1/p';
  const partner: RequestDraft = {
    environment: 'sandbox',
    scheme: 'partner',
    method: 'POST',
    path: '/company',
    body: '{"name":"Acme"}',
    timestamp: '1700000000',
  };

  it('lays out value + URL + body, no method, with the Partner base', () => {
    const view = layOut(partner, partnerBase, '1')!;
    expect(view.segments.map((s) => [s.name, s.text])).toEqual([
      ['timestamp', '1700000000'],
      ['url', `${partnerBase}/company`],
      ['body', '{"name":"Acme"}'],
    ]);
    expect(view.byteLength).toBe(10 + partnerBase.length + '/company'.length + 15);
  });

  it('starts with a pinned nonce, and waits for the server when the nonce is fresh', () => {
    const view = layOut({ ...partner, timestamp: undefined, nonce: 'n-42' }, partnerBase, '1700000000')!;
    expect(view.segments[0]).toMatchObject({ name: 'nonce', text: 'n-42', offset: 0, length: 4 });
    expect(layOut({ ...partner, nonce: '' }, partnerBase, '1700000000')).toBeNull();
  });
});
