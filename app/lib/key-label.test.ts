import { describe, expect, it } from 'vitest';
import type { DemoKeyInfo } from '../../core/contract.ts';
import { demoKeyOf, keyName } from './key-label.ts';

const demoKeys: DemoKeyInfo[] = [
  { id: 'full', keyId: 'P15G', label: 'Organization, all permissions', description: '', permissions: [] },
  { id: 'read-only', keyId: 'aAwM', label: 'Organization, read-only', description: '', permissions: [] },
];

describe('keyName', () => {
  it('names a demo key by its name, with what it is in the title', () => {
    expect(keyName('aAwM', demoKeys)).toEqual({
      name: 'read-only',
      title: 'Demo key read-only: Organization, read-only (key id aAwM)',
      demoKey: 'read-only',
    });
    expect(demoKeyOf('P15G', demoKeys)?.id).toBe('full');
  });

  it('names any other key by its key id', () => {
    expect(keyName('sandbox-key-1', demoKeys)).toEqual({
      name: 'sandbox-key-1',
      title: 'Key id sandbox-key-1',
      demoKey: null,
    });
    expect(keyName('', demoKeys).name).toBe('unknown key');
  });
});
