/**
 * Which request the Response panel shows, and whether it is still the one in the composer. Pure;
 * no React. A response is "current" while the composer is on its environment and its operation (a
 * catalogue operation, whatever its parameter values; for a custom request, the same method and path).
 */
import type { Environment } from '../../../core/contract.ts';
import { ENVIRONMENT_LABEL } from '../../lib/environment-label.ts';

export interface RequestIdentity {
  environment: Environment;
  /** The catalogue operation ('' for a custom request). */
  operationId: string;
  method: string;
  path: string;
}

function sameOperation(a: RequestIdentity, b: RequestIdentity): boolean {
  if (a.operationId !== '' || b.operationId !== '') return a.operationId === b.operationId;
  return a.method === b.method && a.path === b.path;
}

/** Why the shown request is not the composer's (said under "not the current request"), or null when it is. */
export function notCurrentReason(shown: RequestIdentity, composer: RequestIdentity): string | null {
  const otherEnvironment = shown.environment !== composer.environment;
  const otherOperation = !sameOperation(shown, composer);
  if (!otherEnvironment && !otherOperation) return null;
  const request = `${composer.method} ${composer.path}`;
  if (otherEnvironment && otherOperation)
    return `The composer is on ${ENVIRONMENT_LABEL[composer.environment]}, with ${request}.`;
  if (otherEnvironment) return `The composer is on ${ENVIRONMENT_LABEL[composer.environment]}.`;
  return `The composer now holds ${request}.`;
}

/** "#21 · Mock — not the current request". */
export function notCurrentLabel(shown: { id: number; environment: Environment }): string {
  return `#${shown.id} · ${ENVIRONMENT_LABEL[shown.environment]} — not the current request`;
}

/** "09:04:30", or the date too when it was not today. `now` is the clock, in milliseconds. */
export function shownTime(createdAt: number, now: number): string {
  const then = new Date(createdAt);
  const time = then.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return then.toDateString() === new Date(now).toDateString()
    ? time
    : `${then.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })} ${time}`;
}
