import type { EnvironmentInfo, SessionInfo } from '../../core/contract.ts';
import { fingerprint } from '../config/credentials.ts';
import { sendJson } from '../http.ts';
import { DEMO_KEYS } from '../mock/keys.ts';
import type { Services } from '../services.ts';
import { partnerDemoKeyInfo, partnerEnvironmentInfo } from './partner-info.ts';
import type { Handler } from './types.ts';

export function environmentInfo(services: Services, name: EnvironmentInfo['name']): EnvironmentInfo {
  const baseUrl = services.config.baseUrls[name];
  if (name === 'mock') {
    return { name, baseUrl, configured: true, keyId: null, fingerprint: null, source: 'demo' };
  }
  const found = services.credentials.get(name);
  return {
    name,
    baseUrl,
    configured: found !== null,
    keyId: found?.keyId ?? null,
    fingerprint: found ? fingerprint(found.secret) : null,
    source: found?.source ?? null,
  };
}

/** GET /api/session: the environments (never a secret), the demo keys, and what the person should fix. */
export function createSessionHandler(services: Services): Handler {
  return ({ res }) => {
    const credentialsWarning = services.credentials.modeWarning();
    const body: SessionInfo = {
      version: services.version,
      warnings: credentialsWarning ? [credentialsWarning] : [],
      environments: (['mock', 'sandbox', 'production'] as const).map((name) => environmentInfo(services, name)),
      partnerEnvironments: (['mock', 'sandbox', 'production'] as const).map((name) =>
        partnerEnvironmentInfo(services, name),
      ),
      partnerDemoKeys: partnerDemoKeyInfo(),
      demoKeys: DEMO_KEYS.map(({ id, keyId, label, description, permissions }) => ({
        id,
        keyId,
        label,
        description,
        permissions,
      })),
    };
    sendJson(res, services.redactor, 200, body);
  };
}
