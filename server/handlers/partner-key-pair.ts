import { generatePartnerKeyPair, privateKeyForms } from '../config/partner-keys.ts';
import { sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { remoteEnvironment } from './credentials-set.ts';
import { partnerEnvironmentInfo } from './partner-info.ts';
import type { Handler } from './types.ts';

/**
 * POST /api/partner-credentials/:environment/key-pair: makes a new 2048-bit RSA key pair on the
 * server, keeps the private key (PKCS#1, 0600 in the data folder, replacing the one there) and answers
 * the public key to upload in the Qredo web app. The private key never leaves the server.
 */
export function createPartnerKeyPairHandler(services: Services): Handler {
  return (ctx) => {
    const environment = remoteEnvironment(ctx);
    ctx.req.resume();
    const key = generatePartnerKeyPair();
    services.redactor.addForms(privateKeyForms(key.pkcs1Pem));
    services.credentials.setPartner(environment, { privateKeyPem: key.pkcs1Pem });
    sendJson(
      ctx.res,
      services.redactor,
      200,
      partnerEnvironmentInfo(services, environment, [
        'A new key pair was made. Upload its public key in the Qredo web app (Settings, Partner API, Upload Public Key), then paste the X-API-KEY it gives you here.',
      ]),
    );
  };
}
