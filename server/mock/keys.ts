/**
 * The demo API keys the embedded mock accepts. They are public on purpose: they only open the mock,
 * whose data is invented. Two of them answer faults on purpose (`rate-limited`, `unavailable`). Each
 * secret has the shape of a real Qredo secret (docs/qredo-api.md, "Secret"): base64 of a 60-character
 * bcrypt-format string, so decodeSecret takes it without warnings.
 */
import type { DemoKey } from '../../core/contract.ts';

export type MockPermission = 'balance' | 'read-only' | 'web3';
export type MockAccountKind = 'organization' | 'personal' | 'empty-organization';

/** A fault a key answers with on purpose, after authentication (faults.ts). */
export type MockFault =
  | { kind: 'rate-limited'; every: number; retryAfterSeconds: number }
  | { kind: 'unavailable'; retryAfterSeconds: number };

export interface MockKey {
  id: DemoKey;
  keyId: string;
  secret: string;
  label: string;
  description: string;
  permissions: Array<MockPermission>;
  account: MockAccountKind;
  fault?: MockFault;
}

export const DEMO_KEYS: readonly MockKey[] = [
  {
    id: 'full',
    keyId: 'P15GkHVm8aEWC-',
    secret: 'JDJhJDEwJGtrZEdZMEQ1ejQ0ZHNsdThBTXJrdEFCQWRXRTd6d2tnRVFkbEhlOHRIOFZaeXNJQ1BveHBM',
    label: 'Organization, all permissions',
    description:
      'Organization key with Balance, Read-only and Web3 permissions: every endpoint answers, including POST /transaction. /trustedparties refuses it (organization account).',
    permissions: ['balance', 'read-only', 'web3'],
    account: 'organization',
  },
  {
    id: 'read-only',
    keyId: 'aAwMDjR8NcySRo',
    secret: 'JDJhJDEwJERQeTduQnQyeEtpeGhjN2MxTnVEZ2xQQ0lSekpCRlh0bjJCNjhxdTRuandRWXRiRmIwc2E0',
    label: 'Organization, read-only',
    description:
      'Organization key with Balance and Read-only permissions: the read endpoints answer; the Web3 endpoints (POST /transaction, transaction status and approvals) answer 403.',
    permissions: ['balance', 'read-only'],
    account: 'organization',
  },
  {
    id: 'balance-only',
    keyId: 'g1v--6mNq9oq4k',
    secret: 'JDJhJDEwJDVDQ1NmNWxzSG9oTXUyU0dCRDNUNFY5ZVdZQllZZzRrTml2ejhQQ3Roakh5dGxVQVNENlph',
    label: 'Organization, balance only',
    description:
      'Organization key with only the Balance permission: GET /balance answers; every other endpoint answers 403.',
    permissions: ['balance'],
    account: 'organization',
  },
  {
    id: 'empty-org',
    keyId: 'U-WnlIcfR8eeLX',
    secret: 'JDJhJDEwJHQ5Ym9sQUpod3dFNHZMa3R1M2tDV0VTblVFVnhmRU5yWDhKbGFoeUdTMGc2T2hNeFQxRElV',
    label: 'Empty organization',
    description:
      'Key of an organization with no funds or wallets (Balance and Read-only): /balance answers assets null and /funds answers funds null, as the real service does.',
    permissions: ['balance', 'read-only'],
    account: 'empty-organization',
  },
  {
    id: 'personal',
    keyId: 'VtkPQ_K5qaWJ1E',
    secret: 'JDJhJDEwJGVzWmRSWmJ2bkFFY0xYVlFtYVAyU21aZVBycU1Jb1RsSnpXZFY0SUxOdXhKdElRS1NqOWNl',
    label: 'Personal account',
    description:
      'Personal-account key (Balance and Read-only): /trustedparties answers 200 only for this key; the Web3 endpoints refuse personal accounts with 403.',
    permissions: ['balance', 'read-only'],
    account: 'personal',
  },
  {
    id: 'rate-limited',
    keyId: 'ramla0pC5Z2wyD',
    secret: 'JDJhJDEwJEc3S201QXUxZ0dRVFlvYXkydUhuTy41V2ZhcmJjTTEzdlNZVGouUW15UC5oT1dxWUVKUGRQ',
    label: 'Rate limited (429 every 3rd request)',
    description:
      'Organization key with every permission that answers 429 Too Many Requests, with Retry-After: 2, to every 3rd correctly signed request; the others answer as `full` does.',
    permissions: ['balance', 'read-only', 'web3'],
    account: 'organization',
    fault: { kind: 'rate-limited', every: 3, retryAfterSeconds: 2 },
  },
  {
    id: 'unavailable',
    keyId: '7BQeGOncIuwzeI',
    secret: 'JDJhJDEwJHdIdFkucFRndXVMeWhUbXF3a2t2bk1jcjEzVW8zdTdLR3YxVjFpMXhYNjkyZGRRcUtuTGxY',
    label: 'Service unavailable (503)',
    description:
      'Organization key that answers 503 Service Unavailable, with Retry-After: 30, to every correctly signed request, as a service under maintenance does.',
    permissions: ['balance', 'read-only', 'web3'],
    account: 'organization',
    fault: { kind: 'unavailable', retryAfterSeconds: 30 },
  },
];

export function findDemoKey(id: DemoKey): MockKey {
  const key = DEMO_KEYS.find((k) => k.id === id);
  if (!key) throw new Error(`No demo key named ${JSON.stringify(id)}`);
  return key;
}

/** The demo key with this `qredo-api-key` value, or undefined. Key IDs are compared exactly. */
export function findKeyByKeyId(keyId: string): MockKey | undefined {
  return DEMO_KEYS.find((k) => k.keyId === keyId);
}
