import { HttpError } from '../http.ts';
import type { RouteContext } from './types.ts';

export function entryId(ctx: RouteContext): number {
  const raw = ctx.params.id ?? '';
  const id = Number(raw);
  if (!/^\d{1,15}$/.test(raw) || !Number.isSafeInteger(id) || id < 1) {
    throw new HttpError(400, 'bad-id', `A history entry id is a positive integer; ${JSON.stringify(raw)} is not.`);
  }
  return id;
}
