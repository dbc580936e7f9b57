export * from './auth-error.ts';
export * from './freshness.ts';
export * from './headers.ts';
export * from './payload.ts';
export * from './signature.ts';
export * from './catalogue.ts';
export * from './key-forms.ts';
