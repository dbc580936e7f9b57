export * from './snippets.ts';
