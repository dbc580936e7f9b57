import { describe, expect, it } from 'vitest';
import { defaultComposerValues, type ComposerValues } from './form.ts';
import { valuesFromWorkspaceDraft, workspaceDraftFromValues } from './workspace-draft.ts';

describe('composer values as a tab draft', () => {
  it('round-trip every value the composer holds', () => {
    const values: ComposerValues = {
      ...defaultComposerValues(),
      environment: 'sandbox',
      demoKey: 'read-only',
      operationId: '',
      method: 'OTHER',
      customMethod: 'PROPFIND',
      path: '/x?y=1',
      params: { a: 'b' },
      body: ' {"a":1}\r\n',
      bodyAside: 'aside',
      headers: [{ name: 'X-Trace', value: '1' }],
      timing: { mode: 'pinned', pinned: '1700000000', unit: 'nanoseconds' },
    };
    expect(valuesFromWorkspaceDraft(workspaceDraftFromValues(values))).toEqual(values);
  });

  it('find the catalogue operation of a draft that names none', () => {
    const v = valuesFromWorkspaceDraft({ environment: 'mock', method: 'GET', path: '/balance', body: '', headers: [] });
    expect(v.operationId).toBe('get-balance');
    expect(v.timing).toEqual(defaultComposerValues().timing);
  });

  it('keep a method outside the select as "Other" with its text', () => {
    const v = valuesFromWorkspaceDraft({ environment: 'mock', method: 'PURGE', path: '/x', body: '', headers: [] });
    expect([v.method, v.customMethod]).toEqual(['OTHER', 'PURGE']);
  });
});
