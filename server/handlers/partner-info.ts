import type { PartnerDemoKeyInfo, PartnerEnvironmentInfo } from '../../core/contract.ts';
import { baseUrlFor } from '../config/config.ts';
import { fingerprint } from '../config/credentials.ts';
import { readPartnerPrivateKey } from '../config/partner-keys.ts';
import { PARTNER_DEMO_KEYS } from '../mock/partner/keys.ts';
import type { Services } from '../services.ts';

/** What the page may know of the Partner API in an environment: never the X-API-KEY or the private key. */
export function partnerEnvironmentInfo(
  services: Services,
  name: PartnerEnvironmentInfo['name'],
  notes: string[] = [],
): PartnerEnvironmentInfo {
  const baseUrl = baseUrlFor(services.config, 'partner', name);
  if (name === 'mock') {
    return {
      name,
      baseUrl,
      configured: true,
      hasApiKey: true,
      hasPrivateKey: true,
      apiKeyFingerprint: null,
      publicKeyPem: null,
      keyBits: null,
      source: 'demo',
      notes,
    };
  }
  let found = null;
  let problem: string | null = null;
  try {
    found = services.credentials.getPartner(name);
  } catch (e) {
    problem = (e as Error).message;
  }
  let publicKeyPem: string | null = null;
  let keyBits: number | null = null;
  if (found?.privateKeyPem) {
    try {
      const key = readPartnerPrivateKey(found.privateKeyPem);
      publicKeyPem = key.publicKeyPem;
      keyBits = key.bits;
    } catch (e) {
      problem = `The private key cannot be used: ${(e as Error).message}`;
    }
  }
  return {
    name,
    baseUrl,
    configured: Boolean(found?.apiKey && publicKeyPem),
    hasApiKey: Boolean(found?.apiKey),
    hasPrivateKey: publicKeyPem !== null,
    apiKeyFingerprint: found?.apiKey ? fingerprint(found.apiKey) : null,
    publicKeyPem,
    keyBits,
    source: found?.source ?? null,
    notes: problem ? [...notes, problem] : notes,
  };
}

export function partnerDemoKeyInfo(): PartnerDemoKeyInfo[] {
  return PARTNER_DEMO_KEYS.map(({ id, label, description, publicKeyPem }) => ({
    id: id as PartnerDemoKeyInfo['id'],
    label,
    description,
    publicKeyPem,
  }));
}
