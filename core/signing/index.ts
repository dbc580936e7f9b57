export * from './base64.ts';
export * from './secret.ts';
export * from './string-to-sign.ts';
export * from './signature.ts';
export * from './timestamp.ts';
export * from './url.ts';
export * from './utf8.ts';
