/**
 * The workbench's pure core: saved requests and the playground's collection file, .http and Postman
 * files in and out, {{variable}} expansion with provenance, and capture rules. No I/O: the server
 * stores collections and reads files, the page shows them.
 */
export * from './collection.ts';
export * from './captures.ts';
export * from '../headers.ts';
export * from './result.ts';
export * from './url-mapping.ts';
export * from './variables.ts';
export { importHttpFile, parseHttpEnvFile, printHttpFile, MAX_HTTP_FILE_CHARS } from './http-file.ts';
export type { HttpEnvFile, HttpImportOptions } from './http-file.ts';
export { importPostman, printPostman, POSTMAN_SCHEMA_V21 } from './postman.ts';
