/**
 * The wire contract's smallest schemas, kept apart so that core/workbench can build its collection
 * format on them while core/contract.ts builds the workbench routes on core/workbench (one import
 * direction, no cycle). core/contract.ts re-exports every one: import them from there.
 */
import { z } from 'zod';
import { DEMO_KEYS, ENVIRONMENTS } from './constants.ts';

export const Environment = z.enum(ENVIRONMENTS);
export type Environment = z.infer<typeof Environment>;

export const DemoKey = z.enum(DEMO_KEYS);
export type DemoKey = z.infer<typeof DemoKey>;

export const TimestampUnit = z.enum(['seconds', 'nanoseconds']);

/** An HTTP method as the playground signs and sends it: an RFC 9110 token of at most 16 characters. */
export const HttpMethod = z
  .string()
  .min(1, 'The method is empty.')
  .max(16, 'The method is longer than 16 characters.')
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'The method may contain only letters, digits and HTTP token characters.');
