export * from './bundle.ts';
export * from './har.ts';
