export * from './causes.ts';
export * from './capture.ts';
export * from './diagnose.ts';
export * from './json-forms.ts';
export { mistakeVariants, splitUrl, type Variant, type UrlParts } from './variants.ts';
export * from './partner.ts';
export * from './partner-capture.ts';
