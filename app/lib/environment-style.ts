/** How each environment looks: label and Tailwind classes built from the env-* tokens (shared by every feature that shows an environment). */
import type { Environment } from '../../core/contract.ts';

export { ENVIRONMENT_LABEL } from './environment-label.ts';

/** Classes for the selected segment of the switcher. */
export const ENVIRONMENT_SELECTED: Record<Environment, string> = {
  mock: 'bg-env-mock text-white shadow-sm',
  sandbox: 'bg-env-sandbox text-white shadow-sm',
  production: 'bg-env-production text-white shadow-sm',
};

/** A small dot in the environment's colour. */
export const ENVIRONMENT_DOT: Record<Environment, string> = {
  mock: 'bg-env-mock',
  sandbox: 'bg-env-sandbox',
  production: 'bg-env-production',
};

/** The environment bar's tint. */
export const ENVIRONMENT_BAR: Record<Environment, string> = {
  mock: 'border-env-mock/30 bg-env-mock-soft/40 dark:bg-env-mock/10',
  sandbox: 'border-env-sandbox/40 bg-env-sandbox-soft/50 dark:bg-env-sandbox/10',
  production: 'border-env-production/50 bg-env-production-soft/60 dark:bg-env-production/15',
};

export { needsConfirmation } from '../../core/guardrails.ts';
