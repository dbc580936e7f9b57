/**
 * zod, as every schema of the playground uses it: jitless, so that no schema compiles its parser
 * from a string with `new Function`. The built page's Content-Security-Policy runs no string as
 * code (server/security/content-policy.ts); set here, before any schema is made, the rule holds
 * alike in the page, the server and the CLI. Import `z` from this module, never from 'zod'.
 */
import { config, z } from 'zod';

config({ jitless: true });

export { z };
