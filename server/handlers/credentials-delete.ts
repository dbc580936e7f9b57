import { sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { remoteEnvironment } from './credentials-set.ts';
import { environmentInfo } from './session.ts';
import type { Handler } from './types.ts';

/** DELETE /api/credentials/:environment: forgets the key stored from the page (environment variables stay). */
export function createCredentialsDeleteHandler(services: Services): Handler {
  return (ctx) => {
    const environment = remoteEnvironment(ctx);
    services.credentials.remove(environment);
    sendJson(ctx.res, services.redactor, 200, environmentInfo(services, environment));
  };
}
