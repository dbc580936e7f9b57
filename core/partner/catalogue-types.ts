/** The shape of one Partner API operation as the OpenAPI file gives it (server/catalogue reads it). */
import type { OperationParam } from '../catalogue.ts';

export type PartnerMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface SwaggerOperation {
  method: PartnerMethod;
  /** Below /api/v1/p, with `{name}` placeholders, as the file writes it. */
  path: string;
  /** The file's first tag (Common, Company, Fund, …). */
  tag: string;
  /** The file's own summary (empty where it has none). */
  summary: string;
  /** How it authenticates: the RSA signature, or the Signing Agent's `x-api-zkp` token. */
  auth: 'rsa' | 'zkp';
  params: Array<Omit<OperationParam, 'example'>>;
  /** Pretty JSON: the file's example, else a skeleton of the body schema. Absent: no body. */
  exampleBody?: string;
}
