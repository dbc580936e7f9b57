/**
 * The demo partners of the embedded Partner API. Each has an API key (the `X-API-KEY` value), an RSA
 * key pair and a world of its own: what one partner creates, the others never see. The keys guard
 * nothing (see key-material.ts) and open only this mock.
 */
import { type KeyObject, createPrivateKey, createPublicKey } from 'node:crypto';
import {
  FRESH_API_KEY,
  FRESH_KEY_PEM,
  NORTHWIND_API_KEY,
  NORTHWIND_KEY_PEM,
  TEST_API_KEY,
  TEST_KEY_PEM,
} from './key-material.ts';

export type PartnerWorldName = 'vectors' | 'northwind' | 'fresh';

export interface PartnerDemoKey {
  id: string;
  label: string;
  description: string;
  apiKey: string;
  /** PKCS#1 PEM. */
  privateKeyPem: string;
  /** SPKI PEM ("BEGIN PUBLIC KEY"), the form uploaded in the Qredo web app. */
  publicKeyPem: string;
  publicKey: KeyObject;
  /** Signature length in bytes: the modulus length. */
  modulusBytes: number;
  world: PartnerWorldName;
}

function demoKey(fields: Omit<PartnerDemoKey, 'publicKeyPem' | 'publicKey' | 'modulusBytes'>): PartnerDemoKey {
  const publicKey = createPublicKey(createPrivateKey(fields.privateKeyPem));
  const bits = publicKey.asymmetricKeyDetails?.modulusLength;
  if (!bits) throw new Error(`demo partner key ${fields.id} is not an RSA key`);
  return {
    ...fields,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    modulusBytes: bits / 8,
  };
}

export const PARTNER_DEMO_KEYS: readonly PartnerDemoKey[] = [
  demoKey({
    id: 'partner-test-key',
    label: 'Partner test key (the vectors)',
    description:
      'The public test key of the Partner signing vectors, with their X-API-KEY. Its world holds the companies, fund and wallets the vectors name (ACME Corp 1va2cJ2pqdLSFAN5t1knBrnuMvw, fund 1dnpG2K2A5hMOVjGFl1DrsbnvmS), so a vector replayed with the clock set to its timestamp gets a real answer.',
    apiKey: TEST_API_KEY,
    privateKeyPem: TEST_KEY_PEM,
    world: 'vectors',
  }),
  demoKey({
    id: 'partner-northwind',
    label: 'Partner with a seeded company',
    description:
      'A partner that already runs a company (Northwind Custody Labs) with trusted parties, two funds, funded testnet wallets, a whitelist and a transaction history, plus a counterparty company to transfer to.',
    apiKey: NORTHWIND_API_KEY,
    privateKeyPem: NORTHWIND_KEY_PEM,
    world: 'northwind',
  }),
  demoKey({
    id: 'partner-fresh',
    label: 'Partner with nothing yet',
    description:
      'A partner with no companies: walk the whole workflow from the start (company, trusted parties, fund, deposit address, transfer, ledger).',
    apiKey: FRESH_API_KEY,
    privateKeyPem: FRESH_KEY_PEM,
    world: 'fresh',
  }),
];

/** The demo partner whose API key this is (compared exactly, after the trim every client does). */
export function findPartnerKeyByApiKey(apiKey: string): PartnerDemoKey | undefined {
  const wanted = apiKey.trim();
  return PARTNER_DEMO_KEYS.find((k) => k.apiKey === wanted);
}

export function findPartnerDemoKey(id: string): PartnerDemoKey {
  const key = PARTNER_DEMO_KEYS.find((k) => k.id === id);
  if (!key) throw new Error(`No demo partner key named ${JSON.stringify(id)}`);
  return key;
}

/** The entries `npm run mock -- --list-keys` prints for the Partner API. */
export function partnerKeysForListing(): Array<Record<string, string>> {
  return PARTNER_DEMO_KEYS.map((k) => ({
    id: k.id,
    scheme: 'partner',
    label: k.label,
    apiKey: k.apiKey,
    privateKeyPem: k.privateKeyPem,
    publicKeyPem: k.publicKeyPem,
    description: k.description,
  }));
}
