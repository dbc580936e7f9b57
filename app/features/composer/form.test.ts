import { describe, expect, it } from 'vitest';
import { EXAMPLE_TRANSACTION_BODY, fillPath, OPERATIONS } from '../../../core/catalogue.ts';
import { PARTNER_OPERATIONS } from '../../../core/partner/catalogue.ts';
import type { RelayResult } from '../../../core/contract.ts';
import {
  applyOperation,
  composerUnexpectedBody,
  defaultComposerValues,
  draftFromForm,
  findOperation,
  matchOperation,
  operationAfterEdit,
  OTHER_METHOD,
  pathProblem,
  restoreBodyAside,
  setBodyAside,
  timingFromEntry,
  validatePathParam,
  valuesForScheme,
  valuesFromEntry,
  type ComposerValues,
  type TimestampSettings,
} from './form.ts';

const atSendTime: TimestampSettings = { mode: 'send-time', pinned: '', unit: 'seconds' };
const values = (over: Partial<ComposerValues> = {}): ComposerValues => ({ ...defaultComposerValues(), ...over });
/** The draft of `v` in an environment, with a demo key and timestamp settings. */
const draftOf = (
  v: ComposerValues,
  environment: ComposerValues['environment'],
  demoKey: ComposerValues['demoKey'] | undefined,
  timing: TimestampSettings,
) => draftFromForm({ ...v, environment, demoKey: demoKey ?? 'full', timing });

describe('draftFromForm', () => {
  it('maps a GET with an empty editor to body null and no timestamp', () => {
    expect(draftOf(values(), 'sandbox', 'full', atSendTime)).toEqual({
      environment: 'sandbox',
      method: 'GET',
      path: '/balance',
      body: null,
      timestampUnit: 'seconds',
    });
  });

  it('sends null for an empty POST body too, and the exact text otherwise', () => {
    expect(draftOf(values({ method: 'POST', path: '/transaction' }), 'mock', 'full', atSendTime).body).toBeNull();
    const text = '{ "a" : 1 }\r\n';
    expect(draftOf(values({ method: 'POST', body: text }), 'mock', 'full', atSendTime).body).toBe(text);
    expect(draftOf(values({ body: '  ' }), 'mock', 'full', atSendTime).body).toBe('  ');
  });

  it('keeps method and path exactly as typed', () => {
    const d = draftOf(
      values({ method: OTHER_METHOD, customMethod: 'post', path: '/funds?archived=true ' }),
      'mock',
      undefined,
      atSendTime,
    );
    expect(d.method).toBe('post');
    expect(d.path).toBe('/funds?archived=true ');
  });

  it('pins the timestamp and unit only in pinned mode', () => {
    const pinned = draftOf(values(), 'mock', 'full', {
      mode: 'pinned',
      pinned: '1700000000000000000',
      unit: 'nanoseconds',
    });
    expect(pinned.timestamp).toBe('1700000000000000000');
    expect(pinned.timestampUnit).toBe('nanoseconds');
    const live = draftOf(values(), 'mock', 'full', { mode: 'send-time', pinned: '123', unit: 'nanoseconds' });
    expect(live).not.toHaveProperty('timestamp');
    expect(live.timestampUnit).toBe('nanoseconds');
  });

  it('sends the demo key only to the mock', () => {
    expect(draftOf(values(), 'mock', 'read-only', atSendTime).demoKey).toBe('read-only');
    expect(draftOf(values(), 'production', 'read-only', atSendTime)).not.toHaveProperty('demoKey');
  });
});

describe('applyOperation', () => {
  it('fills method and path, keeping known parameters', () => {
    const next = applyOperation(values({ params: { fund_id: 'f1' } }), findOperation('get-fund-ledger')!);
    expect(next).toMatchObject({
      operationId: 'get-fund-ledger',
      method: 'GET',
      path: '/funds/f1/ledger',
      params: { fund_id: 'f1' },
    });
  });

  it('leaves placeholders for empty parameters', () => {
    expect(applyOperation(values(), findOperation('get-transaction-status')!).path).toBe(
      '/transactions/{tx_id}/status',
    );
  });

  it('fills the example body for POST /transaction only when the body is empty', () => {
    const op = findOperation('create-transaction')!;
    expect(applyOperation(values(), op).body).toBe(EXAMPLE_TRANSACTION_BODY);
    expect(applyOperation(values({ body: '{"mine":true}' }), op).body).toBe('{"mine":true}');
  });

  it('sets the body aside when the operation takes none, whitespace included', () => {
    const status = findOperation('get-transaction-status')!;
    const fromPost = applyOperation(applyOperation(values(), findOperation('create-transaction')!), status);
    expect(fromPost).toMatchObject({ method: 'GET', body: '', bodyAside: EXAMPLE_TRANSACTION_BODY });
    expect(applyOperation(values({ body: '    ' }), status)).toMatchObject({ body: '', bodyAside: '    ' });
    // Nothing to set aside: an earlier body set aside stays.
    expect(applyOperation(values({ bodyAside: '{"kept":1}' }), status)).toMatchObject({
      body: '',
      bodyAside: '{"kept":1}',
    });
  });

  it('brings the body set aside back, before the example, for an operation that takes a body', () => {
    const post = findOperation('create-transaction')!;
    expect(applyOperation(values({ bodyAside: '{"mine":1}' }), post)).toMatchObject({
      body: '{"mine":1}',
      bodyAside: '',
    });
  });
});

describe('body set aside', () => {
  it('restores with one call, and what was in the editor takes its place', () => {
    expect(restoreBodyAside({ body: '', bodyAside: '{"a":1}' })).toEqual({ body: '{"a":1}', bodyAside: '' });
    expect(restoreBodyAside({ body: '{"b":2}', bodyAside: '{"a":1}' })).toEqual({
      body: '{"a":1}',
      bodyAside: '{"b":2}',
    });
  });

  it('sets the editor text aside, and keeps an earlier one when the editor is empty', () => {
    expect(setBodyAside({ body: '{"a":1}', bodyAside: '' })).toEqual({ body: '', bodyAside: '{"a":1}' });
    expect(setBodyAside({ body: '', bodyAside: '{"a":1}' })).toEqual({ body: '', bodyAside: '{"a":1}' });
  });
});

describe('composerUnexpectedBody', () => {
  it('flags a body with a GET or with an operation that takes none, counting bytes', () => {
    expect(composerUnexpectedBody(values({ body: '{"é":1}' }))).toEqual({
      method: 'GET',
      bytes: 8,
      whitespaceOnly: false,
    });
    expect(composerUnexpectedBody(values({ body: '    ' }))?.whitespaceOnly).toBe(true);
    expect(
      composerUnexpectedBody(values({ method: 'POST', operationId: 'create-transaction', body: '{}' })),
    ).toBeNull();
    expect(composerUnexpectedBody(values({ method: 'GET', body: '' }))).toBeNull();
  });

  it('reads the free-text method', () => {
    expect(
      composerUnexpectedBody(values({ method: OTHER_METHOD, customMethod: 'delete', operationId: '', body: '{}' }))
        ?.method,
    ).toBe('delete');
  });
});

describe('pathProblem', () => {
  const at = (path: string, over: Partial<ComposerValues> = {}) => pathProblem(values({ path, ...over }));

  it('has nothing to say about a good path', () => {
    expect(at('/balance?probe=1')).toBeNull();
    expect(at('/funds/f1', { operationId: 'get-fund', params: { fund_id: 'f1' } })).toBeNull();
  });

  it('offers to percent-encode a space or a non-ASCII character', () => {
    expect(at('/funds/my fund')).toEqual({
      message: expect.stringMatching(/a space at position 10/),
      fix: { kind: 'path', label: 'Percent-encode it', path: '/funds/my%20fund' },
    });
    expect(at('/funds/café')?.fix).toEqual({ kind: 'path', label: 'Percent-encode it', path: '/funds/caf%C3%A9' });
    expect(at('/funds/\ud800')?.fix).toBeNull();
  });

  it('offers the leading slash, and no fix for a full URL', () => {
    expect(at('balance')?.fix).toEqual({ kind: 'path', label: 'Add the leading "/"', path: '/balance' });
    expect(at('https://api.qredo.network/qapi/v1/balance')?.fix).toBeNull();
    expect(at('')?.message).toMatch(/empty/);
  });

  it('finds a placeholder left in the path and fills it from its parameter field', () => {
    const ledger = { operationId: 'get-fund-ledger' };
    expect(at('/funds/{fund_id}/ledger', { ...ledger, params: { fund_id: '' } })).toEqual({
      message: 'The path still has the placeholder {fund_id}: fill in fund_id below.',
      fix: { kind: 'param', label: 'Fill in fund_id', param: 'fund_id' },
    });
    expect(at('/funds/{fund_id}/ledger', { ...ledger, params: { fund_id: 'f 1' } })?.fix).toEqual({
      kind: 'path',
      label: 'Use fund_id = f 1',
      path: '/funds/f%201/ledger',
    });
    expect(at('/custom/{thing}', { operationId: '' })).toEqual({
      message: expect.stringMatching(/placeholder \{thing\}.*sent with its braces/),
      fix: null,
    });
  });

  it('reads a placeholder typed by hand as an empty parameter', () => {
    expect(matchOperation('GET', '/funds/{fund_id}')).toEqual({
      operation: findOperation('get-fund'),
      params: { fund_id: '' },
    });
  });
});

describe('validatePathParam', () => {
  it('requires a value while the placeholder is in the path', () => {
    expect(validatePathParam('', 'fund_id', '/funds/{fund_id}')).toMatch(/required/);
    expect(validatePathParam('', 'fund_id', '/funds/abc')).toBe(true);
  });
  it('refuses a slash', () => {
    expect(validatePathParam('a/b', 'fund_id', '/funds/a%2Fb')).toMatch(/"\/"/);
    expect(validatePathParam('abc', 'fund_id', '/funds/abc')).toBe(true);
  });
});

describe('matchOperation and valuesFromEntry', () => {
  it('recognises every catalogue path with its parameters', () => {
    for (const op of OPERATIONS) {
      const params = Object.fromEntries(op.params.filter((p) => p.in === 'path').map((p) => [p.name, 'x1']));
      const path = op.path.replace(/\{(\w+)\}/g, 'x1');
      expect(matchOperation(op.method, path)?.operation.id).toBe(op.id);
      expect(matchOperation(op.method, path)?.params).toMatchObject(params);
    }
    expect(matchOperation('GET', '/funds?archived=true')?.params).toEqual({ archived: 'true' });
    expect(matchOperation('DELETE', '/balance')).toBeNull();
  });

  it('loads an entry as it was sent, with the timestamp settings it was sent with', () => {
    const entry = {
      environment: 'mock',
      timestamp: '1700000000',
      timestampAtSendTime: true,
      stringToSign: { segments: [], byteLength: 0 },
      request: { method: 'PROPFIND', url: 'http://x/y', path: '/y', headers: {}, body: null },
    } as unknown as RelayResult;
    const current = values({ timing: { mode: 'pinned', pinned: '5', unit: 'nanoseconds' }, bodyAside: '{"old":1}' });
    expect(valuesFromEntry(entry, current)).toMatchObject({
      method: OTHER_METHOD,
      customMethod: 'PROPFIND',
      path: '/y',
      body: '',
      bodyAside: '',
      operationId: '',
      timing: { mode: 'send-time', pinned: '5', unit: 'seconds' },
    });
  });

  it('pins the timestamp of an entry that was pinned, in its unit', () => {
    const current = atSendTime;
    expect(timingFromEntry({ timestamp: '1700000000000000000', timestampAtSendTime: false }, current)).toEqual({
      mode: 'pinned',
      pinned: '1700000000000000000',
      unit: 'nanoseconds',
    });
    // Recorded before history kept it: at send time, in the entry's unit.
    expect(timingFromEntry({ timestamp: '1700000000' }, { ...current, unit: 'nanoseconds' })).toEqual({
      mode: 'send-time',
      pinned: '',
      unit: 'seconds',
    });
  });
});

describe('operationAfterEdit', () => {
  it('keeps the picked operation while method and path still fit it', () => {
    expect(operationAfterEdit(values({ path: '/balance?probe=1' }))).toBeNull();
    const status = values({ operationId: 'get-transaction-status', path: '/transactions/abc/status' });
    expect(operationAfterEdit(status)).toBeNull();
  });

  it('falls back to "Custom request" when they no longer match anything', () => {
    expect(operationAfterEdit(values({ path: '/nowhere' }))).toEqual({ operationId: '', params: {} });
    expect(operationAfterEdit(values({ method: 'DELETE' }))).toEqual({ operationId: '', params: {} });
  });

  it('follows to the operation they now match, with its parameters', () => {
    expect(operationAfterEdit(values({ method: 'POST', path: '/transaction' }))?.operationId).toBe(
      'create-transaction',
    );
    expect(operationAfterEdit(values({ path: '/transactions/tx9/status' }))).toEqual({
      operationId: 'get-transaction-status',
      params: { tx_id: 'tx9' },
    });
    expect(operationAfterEdit(values({ operationId: '', path: '/nowhere' }))).toBeNull();
  });
});

describe('the Partner API in the composer', () => {
  const partner = () => valuesForScheme(values(), 'partner');

  it('choosing it picks its first operation, drops the v1 request, and keeps the environment', () => {
    const v1 = values({ environment: 'sandbox', body: '{"x":1}', headers: [{ name: 'X-A', value: '1' }] });
    const next = valuesForScheme(v1, 'partner');
    expect(next).toMatchObject({
      scheme: 'partner',
      environment: 'sandbox',
      operationId: 'partner-get-assets',
      method: 'GET',
      path: '/assets',
      body: '',
      headers: [],
    });
    expect(valuesForScheme(next, 'v1')).toMatchObject({ scheme: 'v1', operationId: 'get-balance', path: '/balance' });
    expect(valuesForScheme(next, 'partner')).toBe(next);
  });

  it('drafts carry the scheme, the demo partner on the mock, and x-nonce instead of a timestamp when chosen', () => {
    expect(draftFromForm(partner())).toEqual({
      environment: 'mock',
      method: 'GET',
      path: '/assets',
      body: null,
      timestampUnit: 'seconds',
      scheme: 'partner',
      partnerKey: 'partner-northwind',
    });
    const pinned = draftFromForm({ ...partner(), timing: { mode: 'pinned', pinned: '1700000000', unit: 'seconds' } });
    expect(pinned.timestamp).toBe('1700000000');
    const nonce = draftFromForm({
      ...partner(),
      environment: 'sandbox',
      freshness: 'nonce',
      nonce: 'n-1',
      timing: { mode: 'pinned', pinned: '1700000000', unit: 'seconds' },
    });
    expect(nonce).toMatchObject({ scheme: 'partner', nonce: 'n-1' });
    // Never both: the nonce stands where the timestamp would; no demo partner off the mock.
    expect(nonce).not.toHaveProperty('timestamp');
    expect(nonce).not.toHaveProperty('partnerKey');
    expect(draftFromForm({ ...partner(), freshness: 'nonce' }).nonce).toBe('');
  });

  it('matches every Partner operation by its path, fixed paths before placeholders', () => {
    for (const op of PARTNER_OPERATIONS) {
      const path = op.path.replace(/\{(\w+)\}/g, 'x1');
      expect(matchOperation(op.method, path, 'partner')?.operation.id, `${op.method} ${op.path}`).toBe(op.id);
    }
    expect(matchOperation('GET', '/company/search?query=acme', 'partner')?.operation.id).toBe(
      'partner-get-company-search',
    );
    expect(matchOperation('GET', '/company/c1', 'partner')?.params).toEqual({ company_id: 'c1' });
    // The other API's catalogue is not searched.
    expect(matchOperation('GET', '/balance', 'partner')).toBeNull();
    expect(operationAfterEdit({ ...partner(), path: '/company/c9/holding' })).toEqual({
      operationId: 'partner-get-company-company-id-holding',
      params: { company_id: 'c9' },
    });
  });

  it('loads a Partner entry with its scheme and demo partner, and a fresh nonce when it was sent with one', () => {
    const entry = {
      scheme: 'partner',
      environment: 'mock',
      keyId: 'partner-fresh',
      timestamp: 'used-nonce-1',
      timestampAtSendTime: true,
      stringToSign: { segments: [{ name: 'nonce', text: 'used-nonce-1', offset: 0, length: 12 }], byteLength: 12 },
      request: { method: 'GET', url: 'http://x/api/v1/p/company/c1', path: '/company/c1', headers: {}, body: null },
    } as unknown as RelayResult;
    expect(valuesFromEntry(entry, values())).toMatchObject({
      scheme: 'partner',
      partnerKey: 'partner-fresh',
      freshness: 'nonce',
      nonce: '',
      operationId: 'partner-get-company-company-id',
      params: { company_id: 'c1' },
    });
  });
});

describe('{{variables}} in the path', () => {
  it('are kept as written when a parameter holds one, and are not an unfilled placeholder', () => {
    const op = findOperation('get-transaction-status')!;
    expect(fillPath(op, { tx_id: '{{tx_id}}' })).toBe('/transactions/{{tx_id}}/status');
    expect(fillPath(op, { tx_id: 'a b{{x}}' })).toBe('/transactions/a%20b{{x}}/status');
    expect(
      pathProblem({ path: '/transactions/{{tx_id}}/status', params: { tx_id: '{{tx_id}}' }, operationId: op.id }),
    ).toBeNull();
  });
});
