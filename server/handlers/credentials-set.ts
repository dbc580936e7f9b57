import { CredentialsRequest, Environment } from '../../core/contract.ts';
import { decodeSecret } from '../../core/signing/index.ts';
import { HttpError, readJson, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { environmentInfo } from './session.ts';
import type { Handler, RouteContext } from './types.ts';

export function remoteEnvironment(ctx: RouteContext): 'sandbox' | 'production' {
  const parsed = Environment.safeParse(ctx.params.environment);
  if (!parsed.success || parsed.data === 'mock') {
    throw new HttpError(
      400,
      'bad-environment',
      'Keys can be set for "sandbox" and "production"; the mock uses its demo keys.',
    );
  }
  return parsed.data;
}

/** PUT /api/credentials/:environment: stores a key id and secret server-side; the secret is never returned. */
export function createCredentialsSetHandler(services: Services): Handler {
  return async (ctx) => {
    const environment = remoteEnvironment(ctx);
    const { keyId, secret } = await readJson(ctx.req, CredentialsRequest, 64 * 1024);
    const decoded = decodeSecret(secret);
    if (!decoded.ok) throw new HttpError(400, 'bad-secret', decoded.error);
    services.redactor.add(secret);
    services.credentials.set(environment, keyId, secret.trim());
    sendJson(ctx.res, services.redactor, 200, environmentInfo(services, environment));
  };
}
