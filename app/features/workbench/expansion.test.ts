import { describe, expect, it } from 'vitest';
import type { RequestDraft, Segment } from '../../../core/contract.ts';
import { expandDraft, marksInSegments, scopesFor } from './expansion.ts';

const draft = (path: string, body: string | null = null): RequestDraft => ({
  environment: 'mock',
  method: 'GET',
  path,
  body,
});
const seg = (name: Segment['name'], text: string, offset = 0): Segment => ({ name, text, offset, length: text.length });

describe('variables in the draft to sign', () => {
  const scopes = scopesFor('mock', [{ name: 'tx_id', value: 'TX42' }], {
    name: 'Flows',
    variables: [
      { name: 'tx_id', value: 'from-collection' },
      { name: 'asset', value: 'ETH' },
    ],
  });

  it('expand the path and the body, the environment winning over the collection', () => {
    const e = expandDraft(draft('/transactions/{{tx_id}}/status', '{"asset":"{{asset}}"}'), scopes);
    expect(e.ok).toBe(true);
    expect(e.draft.path).toBe('/transactions/TX42/status');
    expect(e.draft.body).toBe('{"asset":"ETH"}');
    expect(e.path[0]).toMatchObject({ name: 'tx_id', from: 'environment mock', value: 'TX42' });
    expect(e.body[0]).toMatchObject({ name: 'asset', from: 'collection “Flows”' });
  });

  it('report an undefined variable at its field and leave it as written', () => {
    const e = expandDraft({ ...draft('/x/{{nope}}'), headers: [{ name: 'X-A', value: '{{missing}}' }] }, scopes);
    expect(e.ok).toBe(false);
    expect(e.problems.map((p) => [p.field, p.name])).toEqual([
      ['path', 'nope'],
      ['headers.0', 'missing'],
    ]);
    expect(e.draft.path).toBe('/x/{{nope}}');
  });

  it('leave a draft without references untouched (the same object)', () => {
    const d = draft('/balance');
    expect(expandDraft(d, scopes).draft).toBe(d);
  });

  it('place each expansion in the URL and body segments it landed in', () => {
    const e = expandDraft(draft('/transactions/{{tx_id}}/status', 'a{{asset}}'), scopes);
    const base = 'http://127.0.0.1:1234/api/v1/p';
    const segments = [
      seg('timestamp', '1700000000'),
      seg('method', 'GET'),
      seg('url', base + e.draft.path),
      seg('body', e.draft.body!),
    ];
    const marks = marksInSegments(e, segments);
    expect(marks).toEqual([
      {
        segment: 'url',
        start: base.length + 14,
        end: base.length + 18,
        name: 'tx_id',
        value: 'TX42',
        from: 'environment mock',
      },
      { segment: 'body', start: 1, end: 4, name: 'asset', value: 'ETH', from: 'collection “Flows”' },
    ]);
    const url = segments[2]!.text;
    expect(url.slice(marks[0]!.start, marks[0]!.end)).toBe('TX42');
  });

  it('mark nothing in segments signed for another draft', () => {
    const e = expandDraft(draft('/transactions/{{tx_id}}/status'), scopes);
    expect(marksInSegments(e, [seg('url', 'http://h/api/v1/p/balance')])).toEqual([]);
  });
});
