import { sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { remoteEnvironment } from './credentials-set.ts';
import { partnerEnvironmentInfo } from './partner-info.ts';
import type { Handler } from './types.ts';

/** DELETE /api/partner-credentials/:environment: forgets the Partner keys saved from the page (environment variables stay). */
export function createPartnerCredentialsDeleteHandler(services: Services): Handler {
  return (ctx) => {
    const environment = remoteEnvironment(ctx);
    services.credentials.removePartner(environment);
    sendJson(ctx.res, services.redactor, 200, partnerEnvironmentInfo(services, environment));
  };
}
