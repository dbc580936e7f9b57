import { PartnerCredentialsRequest } from '../../core/contract.ts';
import { PartnerKeyError, privateKeyForms, readPartnerPrivateKey } from '../config/partner-keys.ts';
import { HttpError, readJson, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { remoteEnvironment } from './credentials-set.ts';
import { partnerEnvironmentInfo } from './partner-info.ts';
import type { Handler } from './types.ts';

/**
 * PUT /api/partner-credentials/:environment: stores the X-API-KEY and/or an imported private key
 * (PKCS#1 or PKCS#8; kept as PKCS#1, which Qredo's Go tools read). Neither is ever returned: the
 * answer shows the key's fingerprint and its public key.
 */
export function createPartnerCredentialsSetHandler(services: Services): Handler {
  return async (ctx) => {
    const environment = remoteEnvironment(ctx);
    const request = await readJson(ctx.req, PartnerCredentialsRequest, 64 * 1024);
    const notes: string[] = [];
    let privateKeyPem: string | undefined;
    if (request.privateKeyPem !== undefined) {
      try {
        const key = readPartnerPrivateKey(request.privateKeyPem);
        privateKeyPem = key.pkcs1Pem;
        if (key.givenFormat === 'pkcs8')
          notes.push(
            'The key was PKCS#8 ("BEGIN PRIVATE KEY"); it is kept as PKCS#1 ("BEGIN RSA PRIVATE KEY"), the form Qredo\u2019s Go tools read (openssl rsa -in key.pem -traditional does the same).',
          );
        services.redactor.addForms(privateKeyForms(key.pkcs1Pem));
        services.redactor.addForms(privateKeyForms(request.privateKeyPem));
      } catch (e) {
        if (e instanceof PartnerKeyError) throw new HttpError(400, 'bad-private-key', e.message);
        throw e;
      }
    }
    if (request.apiKey !== undefined) services.redactor.add(request.apiKey);
    services.credentials.setPartner(environment, {
      ...(request.apiKey !== undefined ? { apiKey: request.apiKey } : {}),
      ...(privateKeyPem !== undefined ? { privateKeyPem } : {}),
    });
    sendJson(ctx.res, services.redactor, 200, partnerEnvironmentInfo(services, environment, notes));
  };
}
