/** The environment styles live in app/lib, for every feature that shows an environment. */
export * from '../../lib/environment-style.ts';
