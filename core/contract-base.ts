/**
 * The wire contract's smallest schemas, kept apart so that core/workbench can build its collection
 * format on them while core/contract.ts builds the workbench routes on core/workbench (one import
 * direction, no cycle). core/contract.ts re-exports every one: import them from there.
 */
import { z } from './zod.ts';
import { DEMO_KEYS, ENVIRONMENTS, PARTNER_DEMO_KEY_IDS } from './constants.ts';
import { SCHEMES } from './schemes.ts';

export const Environment = z.enum(ENVIRONMENTS);
export type Environment = z.infer<typeof Environment>;

export const DemoKey = z.enum(DEMO_KEYS);
export type DemoKey = z.infer<typeof DemoKey>;

/** Which API, and so which signing scheme: Qredo API v1 (HMAC) or the Partner API (RSA). */
export const Scheme = z.enum(SCHEMES);
export type Scheme = z.infer<typeof Scheme>;

/** The demo partners of the embedded Partner API. */
export const PartnerDemoKey = z.enum(PARTNER_DEMO_KEY_IDS);
export type PartnerDemoKey = z.infer<typeof PartnerDemoKey>;

export const TimestampUnit = z.enum(['seconds', 'nanoseconds']);

/** An HTTP method as the playground signs and sends it: an RFC 9110 token of at most 16 characters. */
export const HttpMethod = z
  .string()
  .min(1, 'The method is empty.')
  .max(16, 'The method is longer than 16 characters.')
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'The method may contain only letters, digits and HTTP token characters.');
