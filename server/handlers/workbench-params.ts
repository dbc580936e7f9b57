import { HttpError } from '../http.ts';
import type { RouteContext } from './types.ts';

/** The :id of a workbench route (a collection, a folder or a saved request): a positive integer. */
export function workbenchId(ctx: RouteContext, what: string): number {
  const raw = ctx.params.id ?? '';
  const id = Number(raw);
  if (!/^\d{1,15}$/.test(raw) || !Number.isSafeInteger(id) || id < 1) {
    throw new HttpError(400, 'bad-id', `A ${what} id is a positive integer; ${JSON.stringify(raw)} is not.`);
  }
  return id;
}
