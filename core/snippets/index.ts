export * from './snippets.ts';
export * from './partner.ts';
