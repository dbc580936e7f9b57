/**
 * How the page names the key that signed a request: a mock demo key by its name ("read-only"), any
 * other key by its key id. A key id is not a secret. Pure.
 */
import type { DemoKey, DemoKeyInfo } from '../../core/contract.ts';

/** The demo key with this key id, if it is one. */
export function demoKeyOf(keyId: string, demoKeys: readonly DemoKeyInfo[]): DemoKeyInfo | undefined {
  return demoKeys.find((k) => k.keyId === keyId);
}

export interface KeyName {
  /** Short: the demo key's name, else the key id. */
  name: string;
  /** Longer, for a tooltip: what the demo key is, and its key id. */
  title: string;
  demoKey: DemoKey | null;
}

export function keyName(keyId: string, demoKeys: readonly DemoKeyInfo[]): KeyName {
  const demo = demoKeyOf(keyId, demoKeys);
  if (demo) return { name: demo.id, title: `Demo key ${demo.id}: ${demo.label} (key id ${keyId})`, demoKey: demo.id };
  return {
    name: keyId || 'unknown key',
    title: keyId ? `Key id ${keyId}` : 'The key id was not recorded',
    demoKey: null,
  };
}
