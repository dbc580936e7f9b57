/** Classes for statuses and environment badges in the list. */
import type { Environment } from '../../../core/contract.ts';

export const ENV_BADGE: Record<Environment, string> = {
  mock: 'bg-env-mock-soft text-env-mock-ink dark:bg-env-mock/20 dark:text-env-mock-night',
  sandbox: 'bg-env-sandbox-soft text-env-sandbox-ink dark:bg-env-sandbox/20 dark:text-env-sandbox-night',
  production: 'bg-env-production text-white font-semibold dark:bg-env-production/80',
};

export function statusClasses(status: number | null): string {
  if (status === null) return 'text-red-700 dark:text-red-400';
  if (status >= 500) return 'text-red-700 dark:text-red-400';
  if (status >= 400) return 'text-amber-700 dark:text-amber-400';
  if (status >= 300) return 'text-sky-700 dark:text-sky-400';
  if (status >= 200) return 'text-emerald-700 dark:text-emerald-400';
  return 'text-slate-600 dark:text-slate-400';
}
