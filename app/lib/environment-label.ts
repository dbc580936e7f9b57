/** What each environment is called on the page, for every feature that names one. */
import type { Environment } from '../../core/contract.ts';

export const ENVIRONMENT_LABEL: Record<Environment, string> = {
  mock: 'Mock',
  sandbox: 'Sandbox',
  production: 'Production',
};
